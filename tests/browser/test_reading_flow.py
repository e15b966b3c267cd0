"""In chromium: an admin on a phone uploads the SK scan first; while the worker reads it the page waits,
then shows the form prefilled from the scan; the admin confirms it; staff see typed vs scanned."""

import pytest
from playwright.sync_api import expect

from bench.ocr import skgen
from decrees.models import Decree
from tests.browser.conftest import DESKTOP, PHONE, login
from tests.reading.conftest import BEJI_SK, run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tesseract")]


def test_upload_first_then_confirm_the_prefilled_form(
    new_page, screenshot, tmp_path, jenu_admin, tuban_staff, beji_kim, password
):
    pdf = tmp_path / "sk-beji.pdf"
    pdf.write_bytes(skgen.clean_pdf(skgen.render_pages(BEJI_SK)))

    phone = new_page(PHONE)
    fetched = []
    phone.on("request", lambda request: fetched.append(request.url))
    login(phone, "admin_jenu", password)
    phone.goto(beji_kim.get_absolute_url())
    phone.get_by_role("link", name="Unggah SK").click()
    phone.get_by_test_id("read-first").get_by_role("link").click()
    phone.get_by_label("Berkas SK").set_input_files([str(pdf)])
    phone.get_by_role("button", name="Unggah dan lanjut ke isian SK").click()
    phone.get_by_test_id("reading-pending").wait_for()
    assert phone.get_by_label("Nomor SK").input_value() == ""
    screenshot(phone, "sk-draft-reading-phone")

    # On SQLite the live server shares the test's in-memory connection across threads, so the page's
    # status polls must not reach the server while the worker runs in this thread: a route handler runs
    # only inside Playwright calls, so the polls wait in the browser until wait_for below lets them go.
    phone.route("**/status/", lambda route: route.continue_())
    run_worker()  # the background worker reads the scan; the page notices by itself and reloads

    phone.get_by_test_id("reading-done").wait_for(timeout=20_000)
    assert phone.get_by_label("Nomor SK").input_value() == BEJI_SK.number
    assert phone.get_by_label("Tanggal SK").input_value() == "2021-12-10"
    assert phone.get_by_label("Penandatangan").input_value() == "MOH. SUYONO"
    assert phone.locator(".form-text", has_text="Terbaca dari pindaian").count() == 3  # number, date, signatory
    screenshot(phone, "sk-draft-prefilled-phone")
    # A phone shows no PDF in a frame, so it does not download one either; a link opens it when asked.
    assert not [url for url in fetched if "/draf/berkas/" in url]
    expect(phone.get_by_test_id("open-pdf")).to_be_visible()
    phone.get_by_label("Masa bakti selesai").fill("2024-12-09")
    phone.get_by_role("button", name="Kirim SK untuk diverifikasi").click()
    phone.get_by_test_id("decree-status").wait_for()
    decree = Decree.objects.get()
    assert (decree.number, decree.signatory, decree.scans.count()) == (BEJI_SK.number, "MOH. SUYONO", 1)

    desktop = new_page(DESKTOP)
    login(desktop, "staf_tuban", password)
    desktop.goto(decree.get_absolute_url())
    panel = desktop.get_by_test_id("reading-panel")
    assert "Semua isian yang terbaca sesuai" in panel.inner_text()
    assert desktop.locator("[data-testid=comparison] tr[data-state=cocok]").count() == 5
    screenshot(desktop, "sk-reading-comparison-desktop")
