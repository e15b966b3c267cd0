"""At 360 px no page scrolls sideways even with the longest values people type, and the KIM list shows
every KIM's formation status on screen without any sideways scrolling (not even inside the table)."""

import datetime

import pytest

from decrees.models import Decree
from districts.models import Village
from outreach.models import OutreachEvent
from tests.browser.conftest import PHONE, login
from tests.factories import PASSWORD, DecreeFactory, KimFactory

pytestmark = pytest.mark.django_db(transaction=True)

LONG_NUMBER = "188.45/" + "1234567890" * 11 + "/KP"  # 120 characters, no space to break at
LONG_NAME = "KIM " + "Sejahterabersamamasyarakatdesa" * 3 + "Beji Jenu"[:6]  # 100 characters, few spaces
LONG_SIGNATORY = "Prof. Dr. Ir. H. " + "Muhammadabdurrahmansyahputra" * 3 + " S.Sos., M.Si."
FITS = "document.documentElement.scrollWidth"
# What sticks out of the screen (outside tables, which scroll in their own box): named in a failure.
STICKING_OUT = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-responsive'))
  .slice(-3).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40))"""


@pytest.fixture
def long_values(demo):
    from accounts.models import User

    beji = Village.objects.get(code="35.23.12.2009")
    uploader = User.objects.get(username="demo_jenu")
    kim = KimFactory(name=LONG_NAME, village=beji, created_by=uploader)
    assert len(LONG_NUMBER) == 120 and len(LONG_NAME) == 100
    day = datetime.date(2026, 1, 5)
    decree = DecreeFactory(
        kim=kim,
        number=LONG_NUMBER,
        signatory=LONG_SIGNATORY[:120],
        signed_on=day,
        term_start=day,
        term_end=datetime.date(2030, 1, 4),
        uploaded_by=uploader,
        status=Decree.Status.PENDING,
    )
    event = OutreachEvent.objects.filter(district_id="35.23.12").first()
    return {"kim": kim, "decree": decree, "event": event}


def pages_for(username, w):
    kim, decree = w["kim"], w["decree"]
    common = [
        "/",
        "/kim/",
        "/kim/?q=Sejahterabersama",
        kim.get_absolute_url(),
        decree.get_absolute_url(),
        "/sk/cari/?q=1234567890",
        "/wilayah/kecamatan/35.23.12/",
        "/wilayah/desa/35.23.12.2009/",
        "/sosialisasi/",
    ]
    if w["event"] is not None:
        common.append(w["event"].get_absolute_url())
    if username == "demo_staf":
        return common + [
            "/sk/verifikasi/",
            "/wilayah/kabupaten/35.23/aturan-kim/",
            "/tindak-lanjut/",
            "/laporan/35.23/",
            "/audit/",
            "/akun/",
        ]
    if username == "demo_jenu":
        return common + [f"/sk/unggah/{kim.pk}/", f"/sk/{decree.pk}/tarik/", f"/kim/{kim.pk}/ubah/"]
    return common + ["/provinsi/35/", "/sk/verifikasi/"]


@pytest.mark.parametrize("username", ["demo_staf", "demo_jenu", "demo_provinsi"])
def test_pages_with_long_values_fit_a_360_px_phone(new_page, screenshot, long_values, username):
    page = new_page(PHONE)
    login(page, username, PASSWORD)
    too_wide = {}
    for url in pages_for(username, long_values):
        response = page.goto(url)
        assert response.status == 200, url
        width = page.evaluate(FITS)
        if width > PHONE["width"]:
            too_wide[url] = (width, page.evaluate(STICKING_OUT))
    page.goto(long_values["decree"].get_absolute_url())
    screenshot(page, f"long-sk-number-phone-{username}")
    assert too_wide == {}


# Each row's formation status badge, measured against the screen (not against the scroll box).
STATUS_OFF_SCREEN = """() => [...document.querySelectorAll('tr[data-kim]')].map(row => {
  const badge = row.querySelector('[data-status]');
  const box = badge && badge.getBoundingClientRect();
  return {name: row.querySelector('a').textContent.trim().slice(0, 30),
          visible: !!box && box.width > 0 && box.left >= 0 && box.right <= window.innerWidth};
}).filter(r => !r.visible).map(r => r.name)"""
TABLE_SCROLLS = """() => [...document.querySelectorAll('.table-responsive')]
  .filter(box => box.querySelector('tr[data-kim]'))
  .map(box => box.scrollWidth - box.clientWidth)"""


@pytest.mark.parametrize("url", ["/kim/", "/kim/?q=Sejahterabersama", "/wilayah/kecamatan/35.23.12/"])
def test_kim_list_shows_each_status_without_sideways_scrolling(new_page, screenshot, long_values, url):
    page = new_page(PHONE)
    login(page, "demo_staf", PASSWORD)
    page.goto(url)
    assert page.locator("tr[data-kim]").count() > 0
    assert page.evaluate(STATUS_OFF_SCREEN) == []
    assert all(extra <= 0 for extra in page.evaluate(TABLE_SCROLLS))
    assert page.evaluate(FITS) <= PHONE["width"]
    if url == "/kim/":
        screenshot(page, "kim-list-phone")
