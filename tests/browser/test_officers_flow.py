"""The officer page in the browser: six officers with the add-row button (JavaScript), and a 360 px phone."""

import pytest
from playwright.sync_api import expect

from districts.models import Officer, RegencyRules
from tests.browser.conftest import DESKTOP, PHONE, login

pytestmark = pytest.mark.django_db(transaction=True)

OFFICERS = [
    ("Ketua", "Siti Aminah", "0812-3456-7890"),
    ("Sekretaris", "Budi Santoso", "+62 813 1111 2222"),
    ("Bendahara", "Sri Wahyuni", "(0356) 321 456"),
    ("Anggota pengurus", "Ahmad Fauzi", ""),
    ("Anggota pengurus", "Dewi Lestari", "0857 3012 4455"),
    ("Anggota pengurus", "Joko Susilo", ""),
]


def fill_row(page, index, role, name, phone):
    page.locator(f"#id_officers-{index}-role").select_option(label=role)
    page.locator(f"#id_officers-{index}-name").fill(name)
    page.locator(f"#id_officers-{index}-phone").fill(phone)


def test_six_officers_added_with_the_add_row_button_are_saved(new_page, screenshot, beji_kim, jenu_admin, password):
    RegencyRules.for_regency(beji_kim.district.regency)
    page = new_page(DESKTOP)
    login(page, "admin_jenu", password)
    page.goto(f"/kim/{beji_kim.pk}/pengurus/")
    rows = page.locator("[data-officer-row]")
    expect(rows).to_have_count(2)  # the formset's two empty rows
    add = page.get_by_role("button", name="Tambah baris")
    for _ in range(len(OFFICERS) - 2):
        add.click()
    expect(rows).to_have_count(len(OFFICERS))
    assert page.url.endswith("/pengurus/")  # cloned in place, nothing was sent
    assert page.locator("#id_officers-TOTAL_FORMS").input_value() == str(len(OFFICERS))
    expect(page.locator(":focus")).to_have_attribute("id", "id_officers-5-role")  # focus on the new row
    expect(rows.nth(5).locator("legend")).to_have_text("Pengurus 6")
    for index, officer in enumerate(OFFICERS):
        fill_row(page, index, *officer)
    screenshot(page, "officers-six-rows-desktop")
    page.get_by_role("button", name="Simpan pengurus").click()
    page.wait_for_url(f"**/kim/{beji_kim.pk}/")
    assert sorted(Officer.objects.filter(kim=beji_kim).values_list("name", "phone")) == [
        ("Ahmad Fauzi", ""),
        ("Budi Santoso", "+6281311112222"),
        ("Dewi Lestari", "+6285730124455"),
        ("Joko Susilo", ""),
        ("Siti Aminah", "+6281234567890"),
        ("Sri Wahyuni", "+62356321456"),
    ]
    expect(page.locator("main")).to_contain_text("0812-3456-7890")


def test_officer_page_fits_a_360_px_phone_also_with_added_rows_and_errors(
    new_page, screenshot, beji_kim, jenu_admin, password
):
    RegencyRules.for_regency(beji_kim.district.regency)
    page = new_page(PHONE)
    login(page, "admin_jenu", password)
    page.goto(f"/kim/{beji_kim.pk}/pengurus/")
    page.get_by_role("button", name="Tambah baris").click()
    fill_row(page, 0, "Ketua", "Siti Aminah binti Haji Abdul Rahman Wahyudiningrat", "0812-3456-7890")
    fill_row(page, 1, "Ketua", "Budi Santoso", "bukan nomor telepon")
    page.get_by_role("button", name="Simpan pengurus").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-danger")).to_contain_text("hanya boleh dipegang satu orang")
    assert page.locator("#id_officers-1-phone").input_value() == "bukan nomor telepon"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(page, "officers-errors-phone")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at 360 px"
