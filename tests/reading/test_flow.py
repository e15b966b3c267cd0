"""Upload the scan first, let the worker read it, confirm the prefilled form; verifiers see mismatches."""

import datetime

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from decrees.models import Decree
from decrees.services import decree_submit
from reading.models import Draft, DraftScan, Reading
from reading.tasks import perform_reading
from tests.files import sk_photo
from tests.reading.conftest import BEJI_SK, run_worker, sk_pdf

# The worker checks its database connection between tasks, as in production, which ends a
# test-wrapping transaction: tests that run it commit for real (and are flushed afterwards).
WORKER = pytest.mark.django_db(transaction=True)

FORM = {
    "number": BEJI_SK.number,
    "signed_on": "2021-12-10",
    "signatory": "MOH. SUYONO",
    "term_start": "2021-12-10",
    "term_end": "2024-12-09",
}


def upload_first(client, kim, files):
    return client.post(reverse("reading:draft_create", args=[kim.pk]), {"files": files})


@pytest.mark.usefixtures("tesseract")
def test_uploading_the_scan_first_queues_its_reading_and_does_not_wait_for_it(client_for, jenu_admin, beji_kim):
    response = upload_first(client_for(jenu_admin), beji_kim, [sk_pdf()])

    draft = Draft.objects.get()
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    reading = draft.reading
    assert reading.status == Reading.Status.QUEUED and reading.text == ""  # nothing read in the request
    task = DBTaskResult.objects.get()
    assert task.task_path == "reading.tasks.read_scans" and task.args_kwargs["args"] == [str(reading.pk)]
    assert not Decree.objects.exists()  # nothing about the SK exists until the admin confirms

    page = client_for(jenu_admin).get(draft.get_absolute_url())
    assert b'data-testid="reading-pending"' in page.content
    # A phone shows no PDF in a frame: the scan can be opened by a link to the (scoped) file view.
    pdf_url = draft.scans.get().get_absolute_url()
    assert f'href="{pdf_url}" target="_blank" rel="noopener" data-testid="open-pdf"'.encode() in page.content


@pytest.mark.usefixtures("tesseract")
@WORKER
def test_the_worker_reads_the_scan_and_the_form_is_prefilled_for_confirmation(client_for, jenu_admin, beji_kim):
    client = client_for(jenu_admin)
    upload_first(client, beji_kim, [sk_pdf()])
    draft = Draft.objects.get()

    run_worker()

    reading = Reading.objects.get()
    assert reading.status == Reading.Status.DONE and reading.page_count == 2
    assert "MEMUTUSKAN" in reading.text and reading.seconds > 0
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = client.get(draft.get_absolute_url())
    form = page.context["form"]
    assert form.initial == {
        "number": BEJI_SK.number,
        "signed_on": "2021-12-10",
        "signatory": "MOH. SUYONO",
        "term_start": "2021-12-10",
    }
    assert "Terbaca dari pindaian" in str(form.fields["number"].help_text)
    assert b'data-testid="read-officers"' in page.content and b"Siti Rahmawati" in page.content
    assert not Decree.objects.exists()  # suggestions are never saved on their own


@pytest.mark.usefixtures("tesseract")
@WORKER
def test_confirming_the_form_makes_the_draft_scans_the_sk_scans(client_for, jenu_admin, beji_kim, media_files):
    client = client_for(jenu_admin)
    upload_first(client, beji_kim, [sk_pdf()])
    draft = Draft.objects.get()
    stored = [s.file.name for s in draft.scans.all()]
    run_worker()

    response = client.post(draft.get_absolute_url(), FORM)

    decree = Decree.objects.get()
    assert response.status_code == 302 and response["Location"] == decree.get_absolute_url()
    assert (decree.number, decree.signed_on, decree.status) == (BEJI_SK.number, datetime.date(2021, 12, 10), "menunggu")
    assert [s.file.name for s in decree.scans.all()] == stored  # same files, not copies
    assert len(media_files()) == 1 and not DraftScan.objects.exists()
    draft.refresh_from_db()
    assert draft.decree == decree and decree.readings.get().status == Reading.Status.DONE
    # Sending the same draft again creates nothing more.
    assert client.post(draft.get_absolute_url(), FORM).status_code == 302
    assert Decree.objects.count() == 1


def test_an_invalid_confirmation_keeps_the_typed_values_and_the_draft(client_for, jenu_admin, beji_kim, no_tesseract):
    client = client_for(jenu_admin)
    upload_first(client, beji_kim, [sk_photo()])
    draft = Draft.objects.get()

    response = client.post(draft.get_absolute_url(), {**FORM, "term_end": "2020-01-01"})

    assert response.status_code == 200 and not Decree.objects.exists()
    assert response.context["form"]["number"].value() == BEJI_SK.number
    assert "term_end" in response.context["form"].errors and draft.scans.count() == 1


def test_a_hostile_file_uploaded_first_leaves_no_draft_and_no_file(client_for, jenu_admin, beji_kim, media_files):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("sk.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = upload_first(client_for(jenu_admin), beji_kim, [fake])
    assert response.status_code == 200 and response.context["form"].errors
    assert not Draft.objects.exists() and media_files() == [] and not DBTaskResult.objects.exists()


def test_discarding_a_draft_asks_first_then_removes_it_and_its_files(
    client_for, jenu_admin, beji_kim, media_files, django_capture_on_commit_callbacks
):
    client = client_for(jenu_admin)
    upload_first(client, beji_kim, [sk_photo()])
    draft = Draft.objects.get()
    url = reverse("reading:draft_discard", args=[draft.pk])

    assert b"Ya, buang draf" in client.get(url).content and Draft.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):  # files go only once the deletion is committed
        response = client.post(url)

    assert response.status_code == 302 and not Draft.objects.exists()
    assert media_files() == []


def test_without_tesseract_uploads_and_verification_work_as_before(
    client_for, jenu_admin, tuban_staff, beji_kim, no_tesseract
):
    client = client_for(jenu_admin)
    response = client.post(reverse("decrees:upload", args=[beji_kim.pk]), {**FORM, "files": [sk_photo()]})
    decree = Decree.objects.get()
    assert response.status_code == 302
    assert decree.readings.get().status == Reading.Status.UNAVAILABLE and not DBTaskResult.objects.exists()

    staff = client_for(tuban_staff)
    page = staff.get(decree.get_absolute_url())
    assert b'data-testid="ocr-unavailable"' in page.content
    staff.post(reverse("decrees:verify", args=[decree.pk]), {"confirm": "1"})
    decree.refresh_from_db()
    assert decree.status == Decree.Status.VERIFIED

    assert b'data-testid="ocr-unavailable"' in client.get(reverse("reading:draft_create", args=[beji_kim.pk])).content


def test_a_reading_that_fails_is_recorded_and_the_form_still_works(client_for, jenu_admin, beji_kim):
    draft = Draft.objects.create(kim=beji_kim, uploaded_by=jenu_admin)
    # The stored file has gone missing (a storage fault): reading it fails.
    DraftScan.objects.create(
        draft=draft, file="scans/gone.jpg", original_name="x.jpg", content_type="image/jpeg", size=1, sha256="0" * 64
    )
    reading = Reading.objects.create(draft=draft)

    assert perform_reading(reading.pk) == Reading.Status.FAILED

    reading.refresh_from_db()
    assert "FileNotFoundError" in reading.error and reading.finished_at
    page = client_for(jenu_admin).get(draft.get_absolute_url())
    assert b'data-testid="reading-failed"' in page.content and page.context["form"].initial == {}


# --- Verifiers: typed values beside what the scan says ------------------------------------------


def submit_typed(kim, user, **typed):
    return decree_submit(
        kim=kim,
        uploaded_by=user,
        files=[sk_pdf()],
        **{
            "number": BEJI_SK.number,
            "signed_on": datetime.date(2021, 12, 10),
            "signatory": "Moh. Suyono",
            "term_start": datetime.date(2021, 12, 10),
            "term_end": datetime.date(2024, 12, 9),
        }
        | typed,
    )


def rows(page):
    return {row.label: row.state for row in page.context["comparison"]}


@pytest.mark.usefixtures("tesseract")
@WORKER
def test_verifier_sees_every_field_match_when_the_typed_sk_agrees_with_the_scan(
    client_for, jenu_admin, tuban_staff, beji_kim
):
    decree = submit_typed(beji_kim, jenu_admin)
    run_worker()

    page = client_for(tuban_staff).get(decree.get_absolute_url())

    assert rows(page) == {
        "Nomor SK": "cocok",
        "Tanggal SK": "cocok",
        "Penandatangan": "cocok",
        "Nama KIM": "cocok",
        "Wilayah penerbit": "cocok",
    }
    assert page.context["mismatch_count"] == 0


@pytest.mark.usefixtures("tesseract")
@WORKER
def test_verifier_sees_a_mistyped_number_and_date_highlighted(client_for, jenu_admin, tuban_staff, beji_kim):
    decree = submit_typed(beji_kim, jenu_admin, number="141/72/414.403.05/2021", signed_on=datetime.date(2021, 12, 1))
    run_worker()

    page = client_for(tuban_staff).get(decree.get_absolute_url())

    states = rows(page)
    assert states["Nomor SK"] == "beda" and states["Tanggal SK"] == "beda"
    assert states["Penandatangan"] == "cocok"
    assert page.context["mismatch_count"] == 2
    assert page.content.count(b"reading-mismatch") == 2


def test_an_sk_issued_for_another_village_is_flagged(client_for, jenu_admin, tuban_staff, beji_kim):
    decree = submit_typed(beji_kim, jenu_admin)
    from reading import extract

    text = 'KEPUTUSAN KEPALA DESA REMEN\nNOMOR : 141/27/414.403.05/2021\nKIM "Beji Bersinar"\n'
    Reading.objects.filter(decree=decree).update(
        status=Reading.Status.DONE,
        text=text,
        suggestions=extract.extract(extract.Document.from_text(text)),
    )

    page = client_for(tuban_staff).get(decree.get_absolute_url())

    area = next(row for row in page.context["comparison"] if row.label == "Wilayah penerbit")
    assert area.state == "beda" and "Remen" in area.scanned and "Beji" in str(area.note)


def test_kecamatan_admin_sees_the_comparison_too_but_the_province_viewer_does_not(
    client_for, jenu_admin, province_viewer, beji_kim, no_tesseract
):
    decree = submit_typed(beji_kim, jenu_admin)
    assert b'data-testid="reading-panel"' in client_for(jenu_admin).get(decree.get_absolute_url()).content
    assert b'data-testid="reading-panel"' not in client_for(province_viewer).get(decree.get_absolute_url()).content


# --- Reading again ------------------------------------------------------------------------------


def test_a_failed_reading_can_be_queued_again_from_the_sk_page(client_for, jenu_admin, tuban_staff, beji_kim):
    decree = submit_typed(beji_kim, jenu_admin)
    Reading.objects.filter(decree=decree).update(status=Reading.Status.FAILED, error="OSError: disk")
    from reading import ocr

    if not ocr.available():
        pytest.skip("needs Tesseract (CI installs it)")
    staff = client_for(tuban_staff)
    assert b"Baca berkas sekarang" in staff.get(decree.get_absolute_url()).content

    response = staff.post(reverse("reading:reread", args=[decree.pk]))

    assert response.status_code == 302
    latest = decree.readings.order_by("-created_at").first()
    assert latest.status == Reading.Status.QUEUED and decree.readings.count() == 2
    assert DBTaskResult.objects.filter(args_kwargs__args=[str(latest.pk)]).exists()
    # While it is queued, asking again changes nothing.
    staff.post(reverse("reading:reread", args=[decree.pk]))
    assert decree.readings.count() == 2


def test_reading_again_without_tesseract_says_so_and_records_nothing(client_for, jenu_admin, beji_kim, no_tesseract):
    decree = submit_typed(beji_kim, jenu_admin)
    client = client_for(jenu_admin)
    assert b"Baca berkas sekarang" not in client.get(decree.get_absolute_url()).content

    response = client.post(reverse("reading:reread", args=[decree.pk]), follow=True)

    assert "tidak tersedia" in response.content.decode() and decree.readings.count() == 1
