"""A staff member enrols two-factor sign-in on a phone and signs in again with a recovery code."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, username, password):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def test_staff_enrols_then_signs_in_with_a_recovery_code(new_page, screenshot, tuban_staff, password):
    page = new_page(PHONE)
    sign_in(page, "staf_tuban", password)
    page.goto("/wilayah/kecamatan/")
    assert "/dua-langkah/" in page.url  # nothing else until enrolled
    expect(page.get_by_test_id("two-factor-required")).to_be_visible()
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    screenshot(page, "two-factor-enrol-phone")
    secret = page.get_by_test_id("secret").inner_text()
    page.get_by_label("Kode verifikasi").fill(f"{totp(base64.b32decode(secret)):06d}")
    page.get_by_role("button", name="Aktifkan").click()
    codes = page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "two-factor-codes-phone")
    page.get_by_role("link", name="Sudah saya simpan, lanjutkan").click()
    expect(page.get_by_test_id("district-headline")).to_be_visible()

    # Let the page's own requests (the map frames) finish first: each saves the session and would
    # set its cookie again after it was cleared.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    sign_in(page, "staf_tuban", password)
    assert "/masuk/kode/" in page.url
    screenshot(page, "two-factor-code-step-phone")
    page.get_by_label("Kode verifikasi").fill(codes[0])
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("district-headline")).to_be_visible()
