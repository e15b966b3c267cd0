"""Switching to English from the user menu, at phone width, as a kecamatan admin would."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, login, open_phone_menu
from tests.browser.test_accessibility import AXE, violations
from tests.factories import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english_compiled")]


def test_user_menu_switches_the_whole_site_to_english_and_back(browser, live_server, jenu_admin, screenshot):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    login(page, jenu_admin.username, PASSWORD)
    open_phone_menu(page, "Buka menu")
    page.get_by_test_id("whoami").click()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("link", name="Home")).to_be_hidden()  # menu collapsed again on a phone
    assert "Display language: English." in page.content()
    open_phone_menu(page, "Open menu")
    page.get_by_test_id("whoami").click()
    screenshot(page, "language-switch-en-phone")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth"
    )  # longer words, no sideways scroll
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("button", name="Close")).to_be_visible()  # the message's close button, translated too
    page.add_script_tag(path=str(AXE))
    assert violations(page) == []

    page.get_by_role("button", name="Bahasa Indonesia").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "id"
    assert "Bahasa tampilan: Bahasa Indonesia." in page.content()
    context.close()
