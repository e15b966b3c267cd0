"""Upload quotas per account and hour (files, bytes) and per KIM (bytes held): a clear message, nothing kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decrees.models import Decree, Scan
from decrees.services import decree_submit
from imports.models import ImportBatch
from reading.models import Draft, DraftScan
from reading.services import create_draft
from tests.decrees.conftest import SK_FIELDS
from tests.factories import KimFactory
from tests.files import sk_pdf, sk_photo, upload


def submit(kim, user, files, number="1/2024"):
    return decree_submit(
        kim=kim,
        number=number,
        signed_on=datetime.date(2024, 1, 1),
        signatory="Kades",
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2027, 1, 1),
        files=files,
        uploaded_by=user,
    )


def test_the_hourly_file_limit_refuses_the_next_sk_in_the_form_and_keeps_nothing(
    client_for, jenu_admin, beji_kim, media_files, settings
):
    settings.KIMTRACK_UPLOAD_MAX_FILES_PER_HOUR = 3
    # Another KIM of the same account: one KIM takes one SK awaiting verification at a time.
    submit(KimFactory(village=beji_kim.village), jenu_admin, [sk_photo("a.jpg"), sk_photo("b.jpg")])
    before = media_files()
    response = client_for(jenu_admin).post(
        reverse("decrees:upload", args=[beji_kim.pk]), {**SK_FIELDS, "files": [sk_photo("c.jpg"), sk_photo("d.jpg")]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Batas unggahan akun tercapai: 2 berkas dalam satu jam terakhir, paling banyak 3 per jam" in page
    assert SK_FIELDS["number"] in page  # the typed values stay in the form
    assert Decree.objects.count() == 1 and Scan.objects.count() == 2
    assert media_files() == before


def test_the_hourly_byte_limit_counts_drafts_too_and_forgets_after_an_hour(jenu_admin, beji_kim, media_files, settings):
    photo = sk_photo()
    settings.KIMTRACK_UPLOAD_MAX_BYTES_PER_HOUR = photo.size * 2 + 10
    create_draft(kim=beji_kim, files=[sk_photo(), sk_photo()], uploaded_by=jenu_admin)
    before = media_files()
    with pytest.raises(ValidationError, match="Batas unggahan akun tercapai: .* melewati batas .* per jam"):
        submit(beji_kim, jenu_admin, [sk_photo()])
    assert Decree.objects.count() == 0 and media_files() == before
    # An hour later the account may upload again.
    Draft.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    DraftScan.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert submit(beji_kim, jenu_admin, [sk_photo()]).scans.count() == 1


def test_another_account_has_its_own_hourly_limit(jenu_admin, tuban_staff, beji_kim, settings):
    settings.KIMTRACK_UPLOAD_MAX_FILES_PER_HOUR = 1
    submit(beji_kim, jenu_admin, [sk_photo()])
    other_kim = KimFactory(village=beji_kim.village)
    assert submit(other_kim, tuban_staff, [sk_pdf()], number="2/2024").scans.count() == 1


def test_a_kim_full_of_scans_and_drafts_refuses_more_with_its_name(
    jenu_admin, tuban_staff, beji_kim, media_files, settings
):
    pdf = sk_pdf()
    settings.KIMTRACK_KIM_STORAGE_MAX_BYTES = pdf.size * 2 + 10
    submit(beji_kim, jenu_admin, [sk_pdf()])
    create_draft(kim=beji_kim, files=[sk_pdf()], uploaded_by=tuban_staff)
    before = media_files()
    with pytest.raises(ValidationError, match="Ruang simpan KIM “KIM Beji Bersinar” penuh"):
        create_draft(kim=beji_kim, files=[sk_pdf()], uploaded_by=tuban_staff)
    assert Draft.objects.count() == 1 and media_files() == before


def test_an_import_file_over_the_hourly_limit_is_refused_on_the_form_and_not_kept(
    client_for, tuban_staff, media_files, settings
):
    settings.KIMTRACK_UPLOAD_MAX_FILES_PER_HOUR = 1
    client = client_for(tuban_staff)
    csv = b"nama_kim,tingkat\nKIM Satu,kecamatan\n"
    assert client.post(reverse("imports:start"), {"file": upload("a.csv", csv, "text/csv")}).status_code == 302
    response = client.post(reverse("imports:start"), {"file": upload("b.csv", csv, "text/csv")})
    assert response.status_code == 200
    assert "Batas unggahan akun tercapai: 1 berkas dalam satu jam terakhir" in response.content.decode()
    assert ImportBatch.objects.count() == 1 and len(media_files()) == 1
