"""The main flows with the keyboard only: upload an SK, reject it with a reason, upload the corrected
one, verify it, record an outreach event. Also: the dashboard and the public page count the new KIM."""

import pytest
from playwright.sync_api import expect

from decrees.models import Decree
from outreach.models import OutreachEvent
from tests.browser.conftest import DESKTOP, PHONE, login, tab_to, type_into
from tests.files import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def photos(tmp_path, n=2):
    paths = []
    for i in range(1, n + 1):
        path = tmp_path / f"hal-{i}.jpg"
        path.write_bytes(image_bytes("JPEG", (800, 1100)))
        paths.append(str(path))
    return paths


def keyboard_upload(page, kim, files, number):
    page.goto(f"/sk/unggah/{kim.pk}/")
    type_into(page, "#id_number", number)
    # Day = month, so the typed digits mean the same date whatever order the browser's date field uses.
    type_into(page, "#id_signed_on", "01012025")
    type_into(page, "#id_signatory", "Kepala Desa Beji")
    type_into(page, "#id_term_start", "01012025")
    type_into(page, "#id_term_end", "12122029")
    tab_to(page, "#id_files")
    # The field Tab reached is the browser's own file input, so Space opens the system's file dialog; the
    # files are then given to that focused input as the dialog would. (Waiting for Playwright's
    # "filechooser" event instead raced Chromium's interception switch and failed on a busy CI machine.)
    focused = page.locator(":focus")
    assert focused.get_attribute("type") == "file" and focused.is_visible()
    focused.set_input_files(files)
    expect(page.locator(".upload-list li")).to_have_count(len(files))  # upload.js lists what was chosen
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_test_id("decree-status").wait_for()


def test_reject_then_correct_then_verify_by_keyboard(
    new_page, screenshot, tmp_path, beji_kim, jenu_admin, tuban_staff, password
):
    admin = new_page(PHONE)
    login(admin, "admin_jenu", password)
    keyboard_upload(admin, beji_kim, photos(tmp_path), "188.45/1/2021")
    assert admin.get_by_test_id("decree-status").inner_text().strip() == "menunggu verifikasi"
    first = Decree.objects.get()

    staff = new_page(DESKTOP)
    login(staff, "staf_tuban", password)
    staff.goto(first.get_absolute_url())
    tab_to(staff, "#id_reason")
    staff.keyboard.type("Cap dinas tidak terlihat pada halaman 2")
    tab_to(staff, "form[action$='/tolak/'] button[type=submit]")
    staff.keyboard.press("Enter")
    staff.get_by_text("SK ditolak. Pengunggah diberi tahu alasannya.").wait_for()
    screenshot(staff, "keyboard-rejected-desktop")

    admin.goto(beji_kim.get_absolute_url())
    assert "Cap dinas tidak terlihat pada halaman 2" in admin.get_by_test_id("rejection").inner_text()
    tab_to(admin, "[data-testid='rejection'] a")  # "Unggah SK yang sudah diperbaiki"
    admin.keyboard.press("Enter")
    admin.wait_for_url("**/sk/unggah/**")
    keyboard_upload(admin, beji_kim, photos(tmp_path, 1), "188.45/1/2021-revisi")
    second = Decree.objects.exclude(pk=first.pk).get()

    staff.goto("/sk/verifikasi/")
    tab_to(staff, f"a[href='{second.get_absolute_url()}']")
    staff.keyboard.press("Enter")
    staff.wait_for_url(f"**{second.get_absolute_url()}")
    tab_to(staff, "#confirm-verify")
    staff.keyboard.press("Space")
    tab_to(staff, "form[action$='/verifikasi/'] button[type=submit]")
    staff.keyboard.press("Enter")
    staff.get_by_text("SK terverifikasi").wait_for()

    admin.goto(beji_kim.get_absolute_url())
    assert admin.get_by_test_id("formation-status").inner_text().strip() == "terbentuk"
    screenshot(admin, "keyboard-formed-phone")

    staff.goto("/")
    assert "1 dari 328 desa/kelurahan" in staff.get_by_test_id("village-headline").inner_text()
    public = new_page(PHONE)
    public.goto("/publik/")
    assert "1 dari 328 desa/kelurahan memiliki KIM terbentuk" in public.get_by_test_id("public-villages").inner_text()
    expect(public.get_by_text("KIM Beji Bersinar")).to_be_visible()
    screenshot(public, "public-after-verify-phone")


def test_record_outreach_by_keyboard(new_page, screenshot, tuban_staff, tuban, password):
    page = new_page(DESKTOP)
    login(page, "staf_tuban", password)
    page.goto("/sosialisasi/baru/")
    type_into(page, "#id_held_on", "12122021")
    tab_to(page, "#id_district")
    page.keyboard.type("Jenu")
    type_into(page, "#id_venue", "Balai Desa Beji")
    type_into(page, "#id_participant_count", "30")
    for value in ("pemerintah_kecamatan", "karang_taruna", "pkk"):
        tab_to(page, f"input[value='{value}']")
        page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_test_id("order-in-year").wait_for()
    event = OutreachEvent.objects.get()
    assert (event.district_id, event.participant_count) == ("35.23.12", 30)
    assert event.participant_groups == ["pemerintah_kecamatan", "karang_taruna", "pkk"]
    assert "kegiatan ke-1 tahun 2021" in page.get_by_test_id("order-in-year").inner_text()
    screenshot(page, "keyboard-outreach-desktop")
