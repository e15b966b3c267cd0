"""The dashboard with the demo data, on a phone and on a desktop."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import DESKTOP, PHONE, login
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("viewport", "label"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_dashboard_with_demo_data(new_page, screenshot, tuban, viewport, label):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    staff = User.objects.get(username="demo_staf")
    staff.set_password(PASSWORD)
    staff.save()
    page = new_page(viewport)
    login(page, "demo_staf", PASSWORD)
    headline = page.get_by_test_id("district-headline").inner_text()
    assert "dari 20 kecamatan telah memiliki KIM ber-SK" in headline
    kecamatan_map = page.frame_locator("iframe[data-map='peta-kecamatan']")
    assert kecamatan_map.locator("a.map-shape").count() == 20
    assert page.locator("[data-testid='district-table'] tbody tr").count() == 20
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"dashboard-{label}")
    page.get_by_role("link", name="Lihat peta desa/kelurahan").click()
    village_map = page.frame_locator("iframe[data-map='peta-desa']")
    assert village_map.locator("a.map-shape").count() == 328
    screenshot(page, f"village-map-{label}")
    village_map.locator("a.map-shape[data-code='35.23.12.2009']").click()  # target=_top: the page navigates
    expect(page.get_by_role("heading", name="Desa Beji")).to_be_visible()
