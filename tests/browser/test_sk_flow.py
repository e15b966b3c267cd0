"""In chromium: a kecamatan admin on a phone registers a KIM and uploads a two-photo SK;
staff on a desktop verify it; the admin then sees the KIM formed."""

import pytest
from playwright.sync_api import expect

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
    assert phone.get_by_test_id("formation-status").inner_text().strip() == "belum ada SK"
    assert no_horizontal_scroll(phone)
    screenshot(phone, "kim-page-new-phone")

    phone.get_by_role("link", name="Unggah SK").click()
    phone.get_by_label("Nomor SK").fill("188.45/123/KPTS/414.403/2021")
    phone.get_by_label("Tanggal SK").fill("2025-12-10")
    phone.get_by_label("Penandatangan").fill("Kepala Desa Beji")
    phone.get_by_label("Masa bakti mulai").fill("2025-12-10")
    phone.get_by_label("Masa bakti selesai").fill("2028-12-09")
    phone.get_by_label("Berkas SK").set_input_files(photos)
    chosen = phone.locator(".upload-list li")
    assert chosen.count() == 2
    assert "sk-halaman-1.jpg" in chosen.first.inner_text() and "KB)" in chosen.first.inner_text()
    assert phone.locator(".upload-list img.upload-thumb").count() == 2
    screenshot(phone, "sk-upload-phone")
    phone.get_by_role("button", name="Unggah SK").click()
    phone.get_by_test_id("decree-status").wait_for()
    assert phone.get_by_test_id("decree-status").inner_text().strip() == "menunggu verifikasi"
    assert no_horizontal_scroll(phone)
    screenshot(phone, "sk-pending-phone")

    desktop = new_page(DESKTOP)
    login(desktop, "staf_tuban", password)
    desktop.get_by_role("link", name="Verifikasi SK").click()
    desktop.get_by_role("link", name="188.45/123/KPTS/414.403/2021").click()
    assert desktop.locator("img[src^='/sk/berkas/']").count() == 2
    screenshot(desktop, "sk-verify-desktop")
    desktop.get_by_label("Isian sudah saya cocokkan dengan berkas").check()
    desktop.get_by_role("button", name="Verifikasi").click()
    desktop.get_by_text("SK terverifikasi").wait_for()
    assert Decree.objects.get().status == Decree.Status.VERIFIED

    desktop.goto("/")
    assert "1 dari 328 desa/kelurahan" in desktop.get_by_test_id("village-headline").inner_text()
    screenshot(desktop, "dashboard-after-verify-desktop")
    public = new_page(PHONE)
    public.goto("/publik/")
    expect(public.get_by_text("KIM Beji Bersinar")).to_be_visible()

    phone.get_by_role("link", name="KIM Beji Bersinar").first.click()
    assert phone.get_by_test_id("formation-status").inner_text().strip() == "terbentuk"
    screenshot(phone, "kim-page-formed-phone")


def test_rejection_path_with_the_pointer(new_page, screenshot, tmp_path, beji_kim, jenu_admin, tuban_staff, password):
    from decrees.services import decree_submit
    from tests.files import sk_photo

    decree = decree_submit(
        kim=beji_kim,
        number="188.45/5/2021",
        signed_on="2025-12-10",
        signatory="Kades",
        term_start=__import__("datetime").date(2025, 12, 10),
        term_end=__import__("datetime").date(2028, 12, 9),
        files=[sk_photo()],
        uploaded_by=jenu_admin,
    )
    staff = new_page(DESKTOP)
    login(staff, "staf_tuban", password)
    staff.goto(decree.get_absolute_url())
    staff.get_by_role("button", name="Tolak").click()
    expect(staff.get_by_text("Alasan wajib diisi.")).to_be_visible()  # a reason is required
    staff.get_by_label("Alasan penolakan").fill("Nomor SK pada scan berbeda dengan yang diketik")
    staff.get_by_role("button", name="Tolak").click()
    staff.get_by_text("SK ditolak. Pengunggah diberi tahu alasannya.").wait_for()

    admin = new_page(PHONE)
    login(admin, "admin_jenu", password)
    admin.goto(beji_kim.get_absolute_url())
    assert "Nomor SK pada scan berbeda" in admin.get_by_test_id("rejection").inner_text()
    screenshot(admin, "kim-rejected-phone")
    admin.get_by_role("link", name="Unggah SK yang sudah diperbaiki").click()
    photo = tmp_path / "perbaikan.jpg"
    photo.write_bytes(image_bytes("JPEG", (800, 1100)))
    admin.get_by_label("Nomor SK").fill("188.45/5/2021")
    admin.get_by_label("Tanggal SK").fill("2025-12-10")
    admin.get_by_label("Penandatangan").fill("Kepala Desa Beji")
    admin.get_by_label("Masa bakti mulai").fill("2025-12-10")
    admin.get_by_label("Masa bakti selesai").fill("2028-12-09")
    admin.get_by_label("Berkas SK").set_input_files(str(photo))
    admin.get_by_role("button", name="Unggah SK").click()
    admin.get_by_test_id("decree-status").wait_for()
    assert admin.get_by_test_id("decree-status").inner_text().strip() == "menunggu verifikasi"
    assert Decree.objects.filter(kim=beji_kim).count() == 2


def test_a_refused_file_keeps_everything_typed(new_page, screenshot, tmp_path, beji_kim, jenu_admin, password):
    fake = tmp_path / "foto.jpg"
    fake.write_text("ini bukan foto")
    page = new_page(PHONE)
    login(page, "admin_jenu", password)
    page.goto(f"/sk/unggah/{beji_kim.pk}/")
    page.get_by_label("Nomor SK").fill("188.45/77/2025")
    page.get_by_label("Penandatangan").fill("Kepala Desa Beji")
    page.get_by_label("Tanggal SK").fill("2025-01-06")
    page.get_by_label("Masa bakti mulai").fill("2025-01-06")
    page.get_by_label("Masa bakti selesai").fill("2028-01-05")
    page.get_by_label("Berkas SK").set_input_files(str(fake))
    page.get_by_role("button", name="Unggah SK").click()
    page.get_by_text("isinya bukan PDF, JPEG atau PNG").wait_for()
    assert page.get_by_label("Nomor SK").input_value() == "188.45/77/2025"
    assert page.get_by_label("Penandatangan").input_value() == "Kepala Desa Beji"
    assert page.evaluate("document.activeElement.id") == "id_files"  # focus moved to the field in error
    assert not Decree.objects.exists()
    screenshot(page, "sk-upload-refused-phone")
