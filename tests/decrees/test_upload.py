"""Uploading SK scans: real files into a temporary MEDIA_ROOT, hostile files refused."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from decrees.models import Decree, Scan
from tests.decrees.conftest import SK_FIELDS
from tests.files import (
    image_bytes,
    pdf_bytes,
    pdf_with_embedded_file,
    pdf_with_javascript,
    pdf_with_launch_action,
    png_with_header_size,
    sk_pdf,
    sk_photo,
    upload,
)


def post_upload(client, kim, files, **fields):
    return client.post(reverse("decrees:upload", args=[kim.pk]), {**SK_FIELDS, **fields, "files": files})


def test_two_photo_sk_is_stored_under_random_names_with_its_row(client_for, jenu_admin, beji_kim, media_files):
    response = post_upload(client_for(jenu_admin), beji_kim, [sk_photo("hal 1.jpg"), sk_photo("hal 2.jpg")])
    decree = Decree.objects.get()
    assert response.status_code == 302 and response["Location"] == decree.get_absolute_url()
    assert decree.status == Decree.Status.PENDING
    assert decree.issuer == "Kepala Desa Beji"
    assert decree.uploaded_by == jenu_admin
    scans = list(decree.scans.all())
    assert [s.original_name for s in scans] == ["hal 1.jpg", "hal 2.jpg"]
    assert [s.content_type for s in scans] == ["image/jpeg", "image/jpeg"]
    files = [f for f in media_files() if f.parent.name != "previews"]
    assert len(files) == 2
    assert len(media_files()) == 4  # and the stored preview of each photo, built at upload
    for scan in scans:
        path = Path(scan.file.path)
        assert path in files
        assert path.read_bytes()[:2] == b"\xff\xd8"  # the JPEG itself
        assert "hal" not in path.name and path.suffix == ".jpg"  # random name, not the user's
        assert scan.size == path.stat().st_size


def test_pdf_is_accepted_and_hash_recorded(client_for, jenu_admin, beji_kim, media_files):
    import hashlib

    content = pdf_bytes(3)
    post_upload(client_for(jenu_admin), beji_kim, [upload("SK KIM.pdf", content, "application/pdf")])
    scan = Scan.objects.get()
    assert scan.content_type == "application/pdf"
    assert scan.sha256 == hashlib.sha256(content).hexdigest()
    assert media_files()[0].read_bytes() == content


def test_the_type_comes_from_the_content_not_the_browser(client_for, jenu_admin, beji_kim):
    # A real PNG that the browser calls text/plain, with an honest name, is a PNG.
    post_upload(client_for(jenu_admin), beji_kim, [upload("foto.png", image_bytes("PNG"), "text/plain")])
    assert Scan.objects.get().content_type == "image/png"


HOSTILE = {
    "text file named .pdf": (
        lambda: [upload("sk.pdf", b"Ini bukan PDF sama sekali\n" * 10, "application/pdf")],
        "isinya bukan PDF, JPEG atau PNG",
    ),
    "HTML file named .jpg": (
        lambda: [upload("foto.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "image/jpeg")],
        "isinya bukan PDF, JPEG atau PNG",
    ),
    "PNG declared as PDF": (
        lambda: [upload("sk.pdf", image_bytes("PNG"), "application/pdf")],
        "namanya berakhiran .pdf tetapi isinya PNG",
    ),
    "zero-byte file": (lambda: [upload("kosong.pdf", b"", "application/pdf")], "berkas kosong"),
    "11 MB file": (
        lambda: [upload("besar.pdf", pdf_bytes(1) + b"%" * (11 * 1024 * 1024), "application/pdf")],
        "melebihi batas 10,0\xa0MB",
    ),
    "encrypted PDF": (
        lambda: [upload("terkunci.pdf", pdf_bytes(1, password="rahasia"), "application/pdf")],
        "PDF dikunci dengan kata sandi",
    ),
    "truncated JPEG": (
        lambda: [upload("potong.jpg", image_bytes("JPEG", (1200, 1600), (10, 120, 200))[:4000], "image/jpeg")],
        "gambar rusak atau terpotong",
    ),
    "decompression-bomb PNG": (
        lambda: [upload("bom.png", png_with_header_size(30000, 30000), "image/png")],
        "terlalu besar",
    ),
    "image above our pixel cap": (
        lambda: [upload("raksasa.png", png_with_header_size(9000, 9000), "image/png")],
        "terlalu besar (batas 60 megapiksel)",
    ),
    "malformed PDF": (
        lambda: [upload("rusak.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "application/pdf")],
        "PDF rusak atau tidak bisa dibaca",
    ),
    "PDF with JavaScript": (
        lambda: [upload("js.pdf", pdf_with_javascript(), "application/pdf")],
        "PDF berisi konten aktif (JavaScript)",
    ),
    "PDF with a launch action": (
        lambda: [upload("launch.pdf", pdf_with_launch_action(), "application/pdf")],
        "PDF berisi konten aktif (perintah peluncuran)",
    ),
    "PDF with an embedded file": (
        lambda: [upload("lampiran.pdf", pdf_with_embedded_file(), "application/pdf")],
        "PDF berisi konten aktif (berkas tersemat)",
    ),
    "six files at once": (lambda: [sk_photo(f"hal-{i}.jpg") for i in range(6)], "paling banyak 5 sekali unggah"),
    "one good file and one bad": (
        lambda: [sk_photo("baik.jpg"), upload("buruk.jpg", b"GIF89a....", "image/jpeg")],
        "Berkas “buruk.jpg”",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_upload_is_refused_with_a_clear_message_and_leaves_nothing(
    client_for, jenu_admin, beji_kim, media_files, case
):
    make_files, message = HOSTILE[case]
    response = post_upload(client_for(jenu_admin), beji_kim, make_files(), signatory="Tetap Diketik")
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page, page[page.find("invalid-feedback") - 200 : page.find("invalid-feedback") + 600]
    assert 'value="Tetap Diketik"' in page  # nothing the user typed is lost
    assert Decree.objects.count() == 0 and Scan.objects.count() == 0
    assert media_files() == []


def test_file_name_with_path_and_control_characters_is_kept_only_as_clean_metadata(
    client_for, jenu_admin, beji_kim, media_files
):
    post_upload(
        client_for(jenu_admin), beji_kim, [upload("../../etc/\x00pa\x1bss\nwd .jpg", image_bytes(), "image/jpeg")]
    )
    scan = Scan.objects.get()
    assert scan.original_name == "passwd .jpg"
    files = media_files()
    assert Path(scan.file.path) in files and len(files) == 2  # the scan and its preview
    for path in files:
        assert path.is_relative_to(scan.file.storage.location)
        assert "passwd" not in str(path)


def test_missing_file_and_bad_term_are_reported_per_field(client_for, jenu_admin, beji_kim):
    response = post_upload(client_for(jenu_admin), beji_kim, [], term_end="2021-01-01")
    errors = response.context["form"].errors
    assert "files" in errors and "term_end" in errors
    assert "Masa bakti selesai harus sesudah masa bakti mulai." in errors["term_end"]
    assert Decree.objects.count() == 0


def test_failure_while_saving_removes_files_already_written(jenu_admin, beji_kim, media_files, monkeypatch):
    from decrees import services

    calls = {"n": 0}
    original_save = Scan.save

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk penuh")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Scan, "save", failing_save)
    with pytest.raises(RuntimeError):
        services.decree_submit(
            kim=beji_kim,
            number="1/2021",
            signed_on=datetime.date(2021, 12, 10),
            signatory="X",
            term_start=datetime.date(2021, 12, 10),
            term_end=datetime.date(2026, 12, 9),
            files=[sk_photo(), sk_pdf()],
            uploaded_by=jenu_admin,
        )
    assert Decree.objects.count() == 0 and Scan.objects.count() == 0
    assert media_files() == []


def test_pages_show_a_reduced_preview_without_the_photos_location(client_for, jenu_admin, beji_kim):
    import io as _io

    from PIL import Image

    photo = Image.new("RGB", (3000, 4000), (200, 200, 190))
    exif = Image.Exif()
    exif[0x0110] = "Ponsel Uji"  # camera model
    exif[0x8825] = {1: "S", 2: (6.0, 53.0, 0.0), 3: "E", 4: (112.0, 3.0, 0.0)}  # GPS: somewhere in Jenu
    raw = _io.BytesIO()
    photo.save(raw, "JPEG", quality=95, exif=exif)
    client = client_for(jenu_admin)
    post_upload(client, beji_kim, [upload("foto-sk.jpg", raw.getvalue(), "image/jpeg")])
    scan = Scan.objects.get()
    detail = client.get(scan.decree.get_absolute_url()).content.decode()
    preview_url = reverse("decrees:scan_preview", args=[scan.pk])
    assert f'src="{preview_url}"' in detail
    response = client.get(preview_url)
    preview = b"".join(response.streaming_content)
    assert response["Content-Type"] == "image/jpeg" and len(preview) < len(raw.getvalue())
    image = Image.open(_io.BytesIO(preview))
    assert max(image.size) <= 1400 and not image.getexif()
    original = Image.open(scan.file.path)
    assert original.getexif().get(0x0110) == "Ponsel Uji"  # the stored original keeps everything


def test_file_help_texts_state_the_configured_limits(settings):
    """Help texts come from the settings, so an office that raises a limit is told the right figure."""
    from decrees.forms import DecreeForm
    from outreach.forms import OutreachForm

    settings.KIMTRACK_SCAN_MAX_BYTES = 3 * 1024 * 1024
    settings.KIMTRACK_SCAN_MAX_FILES = 8
    assert "1–8 berkas, masing-masing paling besar 3 MB" in str(DecreeForm.base_fields["files"].help_text)
    assert "1–8 berkas" in str(OutreachForm.base_fields["files"].help_text)
