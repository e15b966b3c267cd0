"""In chromium: a kecamatan admin on a phone registers a KIM and uploads a two-photo SK;
staff on a desktop verify it; the admin then sees the KIM formed."""

import pytest

from decrees.models import Decree
from tests.browser.conftest import DESKTOP, PHONE, login
from tests.files import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_register_upload_verify(new_page, screenshot, tmp_path, jenu_admin, tuban_staff, password):
    photos = []
    for i in (1, 2):
        path = tmp_path / f"sk-halaman-{i}.jpg"
        path.write_bytes(image_bytes("JPEG", (900, 1270), (250, 250, 245)))
        photos.append(str(path))

    phone = new_page(PHONE)
    login(phone, "admin_jenu", password)
    phone.goto("/wilayah/kecamatan/35.23.12/")
    phone.get_by_role("link", name="Tambah KIM").click()
    phone.get_by_label("Nama KIM").fill("KIM Beji Bersinar")
    phone.get_by_role("radio", name="Desa/Kelurahan").check()
    phone.get_by_role("combobox", name="Desa/Kelurahan").select_option(label="Beji")
    phone.get_by_label("Jumlah anggota").fill("12")
    screenshot(phone, "kim-form-phone")
    phone.get_by_role("button", name="Simpan").click()
    phone.get_by_role("heading", name="KIM Beji Bersinar").wait_for()
    assert phone.get_by_test_id("formation-status").inner_text() == "belum ada SK"
    assert no_horizontal_scroll(phone)
    screenshot(phone, "kim-page-new-phone")

    phone.get_by_role("link", name="Unggah SK").click()
    phone.get_by_label("Nomor SK").fill("188.45/123/KPTS/414.403/2021")
    phone.get_by_label("Tanggal SK").fill("2021-12-10")
    phone.get_by_label("Penandatangan").fill("Kepala Desa Beji")
    phone.get_by_label("Masa bakti mulai").fill("2021-12-10")
    phone.get_by_label("Masa bakti selesai").fill("2026-12-09")
    phone.get_by_label("Berkas SK").set_input_files(photos)
    screenshot(phone, "sk-upload-phone")
    phone.get_by_role("button", name="Unggah SK").click()
    phone.get_by_test_id("decree-status").wait_for()
    assert phone.get_by_test_id("decree-status").inner_text() == "menunggu verifikasi"
    assert no_horizontal_scroll(phone)
    screenshot(phone, "sk-pending-phone")

    desktop = new_page(DESKTOP)
    login(desktop, "staf_tuban", password)
    desktop.get_by_role("link", name="Verifikasi SK").click()
    desktop.get_by_role("link", name="188.45/123/KPTS/414.403/2021").click()
    assert desktop.locator("img[src^='/sk/berkas/']").count() == 2
    screenshot(desktop, "sk-verify-desktop")
    desktop.get_by_role("button", name="Verifikasi").click()
    desktop.get_by_text("SK terverifikasi").wait_for()
    assert Decree.objects.get().status == Decree.Status.VERIFIED

    phone.get_by_role("link", name="KIM Beji Bersinar").first.click()
    assert phone.get_by_test_id("formation-status").inner_text() == "terbentuk"
    screenshot(phone, "kim-page-formed-phone")
