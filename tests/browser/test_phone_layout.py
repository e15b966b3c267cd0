"""Every main page at 360 px: no sideways scrolling of the page itself, and buttons big enough to tap."""

import pytest

from decrees.models import Decree
from tests.browser.conftest import PHONE, login
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

TARGETS = "main .btn:not(.btn-sm), main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select"
SMALL_BUTTONS = f"""() => [...document.querySelectorAll('{TARGETS}')]
  .filter(e => e.offsetParent !== null)
  .filter(e => e.getBoundingClientRect().height < 44)
  .map(e => e.outerHTML.slice(0, 80))"""


def test_province_viewer_pages_fit_a_360_px_phone(new_page, screenshot, demo):
    page = new_page(PHONE)
    login(page, "demo_provinsi", PASSWORD)
    problems = {}
    for url in ["/provinsi/35/", "/provinsi/35/?urut=-kecamatan", "/sk/cari/?q=KIM", "/kim/"]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        small = page.evaluate(SMALL_BUTTONS)
        if overflow > 0 or small:
            problems[url] = {"overflow_px": overflow, "small_targets": small}
    page.goto("/provinsi/35/")
    screenshot(page, "province-dashboard-phone")
    assert problems == {}


@pytest.mark.parametrize("username", ["demo_staf", "demo_jenu"])
def test_main_pages_fit_a_360_px_phone(new_page, screenshot, demo, username):
    decree = Decree.objects.filter(status=Decree.Status.PENDING).exclude(scans=None).first()
    kim = decree.kim
    urls = [
        "/",
        "/kim/",
        kim.get_absolute_url(),
        f"/sk/unggah/{kim.pk}/",
        decree.get_absolute_url(),
        "/wilayah/kecamatan/",
        "/wilayah/kecamatan/35.23.12/",
        "/sosialisasi/",
        "/peta/desa/",
    ]
    if username == "demo_staf":
        urls += ["/sk/verifikasi/", "/sosialisasi/baru/", "/akun/", "/laporan/35.23/", "/impor/", "/audit/"]
    page = new_page(PHONE)
    login(page, username, PASSWORD)
    problems = {}
    for url in urls:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        small = page.evaluate(SMALL_BUTTONS)
        if overflow > 0 or small:
            problems[url] = {"overflow_px": overflow, "small_targets": small}
    assert problems == {}
