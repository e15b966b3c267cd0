"""In chromium: Back and save again, or a double click on "Simpan", leave exactly one KIM, and the
admin is shown the way to the KIM that already exists."""

import pytest
from playwright.sync_api import expect

from districts.models import KimGroup
from tests.browser.conftest import PHONE, login

pytestmark = pytest.mark.django_db(transaction=True)


def fill_kim_form(page, name="KIM Beji Bersinar"):
    page.get_by_label("Nama KIM").fill(name)
    page.get_by_role("radio", name="Desa/Kelurahan").check()
    page.get_by_role("combobox", name="Desa/Kelurahan").select_option(label="Beji")
    page.get_by_label("Jumlah anggota").fill("12")


def test_back_and_save_again_shows_the_existing_kim(new_page, screenshot, jenu_admin, password):
    page = new_page(PHONE)
    login(page, "admin_jenu", password)
    page.goto("/wilayah/kecamatan/35.23.12/tambah-kim/")
    fill_kim_form(page)
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("heading", name="KIM Beji Bersinar").wait_for()
    kim = KimGroup.objects.get()

    page.go_back()
    page.get_by_label("Nama KIM").wait_for()
    fill_kim_form(page, "kim beji-bersinar")  # the browser may or may not have kept what was typed
    page.get_by_role("button", name="Simpan").click()
    notice = page.get_by_test_id("duplicate-kim")
    notice.wait_for()
    screenshot(page, "kim-duplicate-refused-phone")
    assert KimGroup.objects.count() == 1
    assert page.get_by_label("Nama KIM").input_value() == "kim beji-bersinar"  # nothing typed is lost
    notice.get_by_role("link").click()
    page.wait_for_url(f"**{kim.get_absolute_url()}")
    expect(page.get_by_role("heading", name="KIM Beji Bersinar")).to_be_visible()


def test_a_double_click_on_save_makes_one_kim(new_page, screenshot, jenu_admin, password):
    page = new_page(PHONE)
    login(page, "admin_jenu", password)
    page.goto("/wilayah/kecamatan/35.23.12/tambah-kim/")
    fill_kim_form(page)
    page.get_by_role("button", name="Simpan").dblclick()
    page.wait_for_load_state()
    # Either the browser sent one request (the KIM's page) or two (the second answers with the link).
    page.locator("[data-testid=duplicate-kim], [data-testid=formation-status]").first.wait_for()
    screenshot(page, "kim-double-click-phone")
    assert KimGroup.objects.count() == 1
    kim = KimGroup.objects.get()
    if page.get_by_test_id("duplicate-kim").count():
        link = page.get_by_test_id("duplicate-kim").get_by_role("link")
        assert link.get_attribute("href") == kim.get_absolute_url()
    else:
        assert page.url.endswith(kim.get_absolute_url())


def test_two_submissions_in_flight_make_one_kim(new_page, jenu_admin, password):
    """What a slow line does to a double click when the browser lets both requests go: both reach the server."""
    page = new_page(PHONE)
    login(page, "admin_jenu", password)
    page.goto("/wilayah/kecamatan/35.23.12/tambah-kim/")
    fill_kim_form(page)
    answers = page.evaluate(
        """async () => {
            const form = document.querySelector("main form[method=post]");
            const send = () => fetch(form.action || location.href, {method: "POST", body: new FormData(form)})
                .then(r => r.text());
            return Promise.all([send(), send()]);
        }"""
    )
    assert KimGroup.objects.count() == 1
    kim = KimGroup.objects.get()
    refused = [a for a in answers if 'data-testid="duplicate-kim"' in a]
    assert len(refused) == 1 and f'href="{kim.get_absolute_url()}"' in refused[0]
