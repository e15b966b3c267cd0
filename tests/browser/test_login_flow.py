"""A real user logs in through the real login page and reaches the kecamatan list."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, login

pytestmark = pytest.mark.django_db(transaction=True)


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize(("viewport", "label"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_staff_logs_in_and_reaches_the_kecamatan_list(new_page, screenshot, tuban_staff, password, viewport, label):
    page = new_page(viewport)
    page.goto("/wilayah/kecamatan/")
    assert "/masuk/" in page.url  # sent to login first
    screenshot(page, f"login-{label}")
    login(page, "staf_tuban", password)
    assert "0 dari 20 kecamatan telah memiliki KIM ber-SK" in page.get_by_test_id("district-headline").inner_text()
    if label == "phone":
        page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("link", name="Wilayah").click()
    page.wait_for_url("**/wilayah/kecamatan/")
    rows = page.locator("tbody tr")
    assert rows.count() == 20
    expect(page.locator('tr[data-code="35.23.12"]').get_by_role("link", name="Jenu")).to_be_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, f"kecamatan-list-{label}")
    page.get_by_role("link", name="Jenu").click()
    expect(page.get_by_role("heading", name="Kecamatan Jenu")).to_be_visible()
    expect(page.locator('tr[data-code="35.23.12.2009"]')).to_be_visible()
    screenshot(page, f"kecamatan-jenu-{label}")


def test_wrong_password_shows_the_error_in_the_page(new_page, screenshot, jenu_admin):
    page = new_page(PHONE)
    login(page, "admin_jenu", "bukan-sandinya")
    assert "/masuk/" in page.url
    expect(page.get_by_text("Nama pengguna atau sandi salah", exact=False)).to_be_visible()
    screenshot(page, "login-error-phone")
