"""In chromium, the upload script (static/js/upload.js) on the real pages: success messages survive it,
files the server would refuse are refused before they cross the line, large phone photos are reduced
before sending, and a PDF scan shows inside the SK page."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from decrees.models import Decree, Scan
from decrees.services import decree_submit
from outreach.models import OutreachEvent
from tests.browser.conftest import DESKTOP, PHONE, login
from tests.decrees.conftest import SK_FIELDS
from tests.files import image_bytes, sk_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def fill_sk_fields(page, **fields):
    values = {**SK_FIELDS, **fields}
    page.get_by_label("Nomor SK").fill(values["number"])
    page.get_by_label("Tanggal SK").fill(values["signed_on"])
    page.get_by_label("Penandatangan").fill(values["signatory"])
    page.get_by_label("Masa bakti mulai").fill(values["term_start"])
    page.get_by_label("Masa bakti selesai").fill(values["term_end"])


def posts(page):
    """Every POST the page sends from now on (method, URL, body size), for asserting what crossed the line."""
    sent = []
    page.on("request", lambda r: sent.append((r.url, len(r.post_data_buffer or b""))) if r.method == "POST" else None)
    return sent


def photo_12mp(orientation=None):
    """A 4000 x 3000 phone photo of a page: paper with print-like noise, JPEG quality 92, optional EXIF rotation."""
    image = Image.effect_noise((4000, 3000), 40).convert("RGB").point(lambda v: 200 + v // 5)
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def chosen(page, label, name, content, mime):
    page.get_by_label(label).set_input_files({"name": name, "mimeType": mime, "buffer": content})
    page.locator("input[type=file][data-prepared]").wait_for(state="attached")


def test_sk_uploaded_through_the_script_shows_the_success_message(new_page, screenshot, beji_kim, jenu_admin, password):
    page = new_page(PHONE)
    login(page, "admin_jenu", password)
    page.goto(reverse("decrees:upload", args=[beji_kim.pk]))
    sent = posts(page)
    fill_sk_fields(page)
    chosen(page, "Berkas SK", "sk-halaman-1.jpg", image_bytes("JPEG", (900, 1270)), "image/jpeg")
    page.get_by_role("button", name="Unggah SK").click()
    page.get_by_test_id("decree-status").wait_for()
    expect(page.get_by_text("SK diunggah dan menunggu verifikasi Diskominfo.")).to_be_visible()
    assert page.url.endswith(Decree.objects.get().get_absolute_url())
    assert len(sent) == 1  # the script's own request, answered with where to go; no second upload
    screenshot(page, "upload-script-sk-message-phone")


def test_refused_sk_keeps_what_was_typed(new_page, beji_kim, jenu_admin, password):
    page = new_page(DESKTOP)
    login(page, "admin_jenu", password)
    page.goto(reverse("decrees:upload", args=[beji_kim.pk]))
    fill_sk_fields(page, term_end="2020-01-01")  # ends before it starts: refused by the server
    chosen(page, "Berkas SK", "sk.jpg", image_bytes("JPEG", (900, 1270)), "image/jpeg")
    page.get_by_role("button", name="Unggah SK").click()
    page.get_by_text("SK belum tersimpan.").wait_for()
    assert page.get_by_label("Nomor SK").input_value() == SK_FIELDS["number"]
    assert page.get_by_label("Penandatangan").input_value() == SK_FIELDS["signatory"]
    assert page.get_by_label("Masa bakti selesai").input_value() == "2020-01-01"
    assert not Decree.objects.exists()


def test_outreach_with_attachment_shows_the_success_message(new_page, screenshot, tuban_staff, password):
    page = new_page(DESKTOP)
    login(page, "staf_tuban", password)
    page.goto(reverse("outreach:create"))
    page.locator("#id_held_on").fill("2021-12-12")
    page.locator("#id_district").select_option(label="Jenu")
    page.locator("#id_venue").fill("Balai Desa Beji")
    page.locator("#id_participant_count").fill("30")
    chosen(page, "Lampiran", "daftar-hadir.pdf", sk_pdf().read(), "application/pdf")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_test_id("order-in-year").wait_for()
    expect(page.get_by_text("Sosialisasi disimpan.")).to_be_visible()
    event = OutreachEvent.objects.get()
    assert event.attachments.count() == 1
    screenshot(page, "upload-script-outreach-message-desktop")


def test_too_large_file_is_refused_before_any_request(new_page, screenshot, tmp_path, beji_kim, jenu_admin, password):
    page = new_page(PHONE)
    login(page, "admin_jenu", password)
    page.goto(reverse("decrees:upload", args=[beji_kim.pk]))
    sent = posts(page)
    fill_sk_fields(page)
    big = tmp_path / "sk-besar.pdf"  # a path: the browser reads it from disk, as from a phone's storage
    big.write_bytes(b"%PDF-1.7\n" + b"0" * (26 * 1024 * 1024))
    page.get_by_label("Berkas SK").set_input_files(big)
    problem = page.get_by_test_id("upload-problems")
    problem.get_by_text("sk-besar.pdf").wait_for()
    assert "ukurannya 26,0 MB, melebihi batas 10,0\xa0MB" in problem.inner_text()
    assert sent == []  # refused in the browser: nothing crossed the line
    assert page.evaluate("document.querySelector('input[type=file]').files.length") == 0
    assert page.get_by_label("Nomor SK").input_value() == SK_FIELDS["number"]  # nothing else typed is lost
    screenshot(page, "upload-script-too-large-phone")
    # Sending anyway posts the form without the file, and the server asks for one (typed values kept).
    page.get_by_role("button", name="Unggah SK").click()
    page.get_by_text("SK belum tersimpan.").wait_for()
    assert len(sent) == 1 and sent[0][1] < 1024 * 1024
    assert page.get_by_label("Nomor SK").input_value() == SK_FIELDS["number"]


def test_wrong_type_is_refused_in_the_browser(new_page, beji_kim, jenu_admin, password):
    page = new_page(DESKTOP)
    login(page, "admin_jenu", password)
    page.goto(reverse("decrees:upload", args=[beji_kim.pk]))
    sent = posts(page)
    page.get_by_label("Berkas SK").set_input_files(
        {"name": "sk.docx", "mimeType": "application/msword", "buffer": b"PK\x03\x04 not an SK scan"}
    )
    problem = page.get_by_test_id("upload-problems")
    problem.get_by_text("sk.docx").wait_for()
    assert "Pilih berkas PDF, JPEG atau PNG" in problem.inner_text()
    assert sent == []


def test_large_photo_is_reduced_before_upload_with_its_rotation(new_page, screenshot, beji_kim, jenu_admin, password):
    original = photo_12mp(orientation=6)  # stored landscape, shown portrait (the phone was held upright)
    page = new_page(PHONE)
    login(page, "admin_jenu", password)
    page.goto(reverse("decrees:upload", args=[beji_kim.pk]))
    sent = posts(page)
    fill_sk_fields(page)
    chosen(page, "Berkas SK", "IMG_20251210.jpg", original, "image/jpeg")
    note = page.get_by_test_id("reduced")
    assert note.inner_text().startswith("Foto diperkecil: ") and " → " in note.inner_text()
    screenshot(page, "upload-script-reduced-phone")
    page.get_by_role("button", name="Unggah SK").click()
    page.get_by_test_id("decree-status").wait_for()
    expect(page.get_by_text("SK diunggah dan menunggu verifikasi Diskominfo.")).to_be_visible()
    scan = Scan.objects.get()
    with scan.file.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (1500, 2000)  # long side 2000 px, upright as the phone showed it
    assert scan.content_type == "image/jpeg" and scan.size < len(original) / 3
    assert len(sent) == 1 and sent[0][1] < len(original) / 3  # the reduced photo is what crossed the line


def test_pdf_scan_is_shown_inside_the_sk_page(new_page, screenshot, beji_kim, jenu_admin, tuban_staff, password):
    dates = {k: datetime.date.fromisoformat(SK_FIELDS[k]) for k in ("signed_on", "term_start", "term_end")}
    decree = decree_submit(kim=beji_kim, uploaded_by=jenu_admin, files=[sk_pdf()], **{**SK_FIELDS, **dates})
    scan_url = decree.scans.get().get_absolute_url()
    page = new_page(DESKTOP)
    console = []
    page.on("console", lambda message: console.append(message.text))
    login(page, "staf_tuban", password)
    with page.expect_response(lambda r: r.url.endswith(scan_url)) as framed:
        page.goto(decree.get_absolute_url())
        page.locator(f"iframe[src='{scan_url}']").scroll_into_view_if_needed()
    response = framed.value
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.frame.parent_frame == page.main_frame  # loaded inside the SK page's own frame
    page.wait_for_load_state("load")
    blocked = [text for text in console if "frame" in text.lower() or "Content Security Policy" in text]
    assert blocked == []
    screenshot(page, "sk-pdf-framed-desktop")
