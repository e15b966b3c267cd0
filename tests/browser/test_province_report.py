"""The province report in chromium: a double click on "record" records one report, the printable page
prints on A4 landscape without the buttons, and the pages have no serious accessibility violations."""

import re

import pytest
from playwright.sync_api import expect

from reports.models import ProvinceReport
from tests.browser.conftest import DESKTOP, login
from tests.browser.test_accessibility import violations
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_double_click_records_one_report_and_the_printable_page_prints(browser, live_server, screenshot, demo):
    # bypass_csp only lets the test inject axe, as in test_accessibility.
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, locale="id-ID", bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, "demo_staf", PASSWORD)
    page.goto("/laporan/35.23/")
    assert "csrfmiddlewaretoken" not in page.url
    page.get_by_role("button", name="Pratinjau per tanggal ini").click()
    assert "csrfmiddlewaretoken" not in page.url and "report_date=" in page.url
    assert violations(page) == []
    page.get_by_label("Periode").fill("Semester II 2026")
    page.get_by_role("button", name="Buat dan catat laporan").dblclick()
    # The second click may abort the first request's navigation: wait for where the user lands, not for one load.
    expect(page).to_have_url(re.compile(r"/laporan/35\.23/#laporan-"))
    page.go_back()  # Back to the sent form (kept or fetched again by the browser), and send it again
    page.get_by_label("Periode").fill("Semester II 2026")
    page.get_by_role("button", name="Buat dan catat laporan").click()
    page.wait_for_url("**/laporan/35.23/#laporan-*")
    assert "tidak dicatat dua kali" in page.content()
    assert ProvinceReport.objects.count() == 1
    report = ProvinceReport.objects.get()

    page.goto(f"/laporan/unduh/{report.pk}/cetak/")
    expect(page.get_by_text("Laporan KIM Terbentuk")).to_be_visible()
    assert violations(page) == []
    screenshot(page, "province-report-print")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Cetak")).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")

    page.goto(f"/laporan/unduh/{report.pk}/terkirim/")
    assert violations(page) == []
    page.get_by_role("radio", name="surat").check()
    page.get_by_label("Nomor surat/referensi").fill("555/123/414.108/2026")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/laporan/35.23/#laporan-*")
    assert "555/123/414.108/2026" in page.get_by_test_id("sent").first.inner_text()
    context.close()
