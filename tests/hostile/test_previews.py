"""Image previews are built once at upload, within a memory budget, and the SK page only serves them."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from decrees import previews
from decrees.models import Scan
from tests.decrees.conftest import SK_FIELDS
from tests.files import image_bytes, sk_pdf, upload


def post_upload(client, kim, files):
    return client.post(reverse("decrees:upload", args=[kim.pk]), {**SK_FIELDS, "files": files})


def png(size=(2000, 2600)):
    out = io.BytesIO()
    Image.new("RGB", size, (250, 250, 250)).save(out, "PNG")
    return out.getvalue()


def test_upload_stores_each_image_preview_and_the_page_never_decodes_one(client_for, jenu_admin, beji_kim, monkeypatch):
    client = client_for(jenu_admin)
    post_upload(client, beji_kim, [upload("hal-1.png", png(), "image/png"), sk_photo_jpeg(), sk_pdf()])
    scans = list(Scan.objects.order_by("position"))
    images = [s for s in scans if s.is_image]
    assert len(images) == 2 and all(default_storage.exists(previews.preview_name(s)) for s in images)
    assert not default_storage.exists(previews.preview_name(scans[2]))  # the PDF has none

    def decoding(*args, **kwargs):
        raise AssertionError("an image was opened while serving the page")

    monkeypatch.setattr("PIL.Image.open", decoding)
    assert client.get(scans[0].decree.get_absolute_url()).status_code == 200
    for scan in images:
        response = client.get(reverse("decrees:scan_preview", args=[scan.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        b"".join(response.streaming_content)


def sk_photo_jpeg():
    return upload("hal-2.jpg", image_bytes("JPEG", size=(3000, 4000)), "image/jpeg")


def test_preview_is_small_and_keeps_the_page_shape(client_for, jenu_admin, beji_kim):
    post_upload(client_for(jenu_admin), beji_kim, [upload("hal.png", png((2000, 2600)), "image/png")])
    with default_storage.open(previews.preview_name(Scan.objects.get())) as handle:
        image = Image.open(handle)
        assert image.size == (1077, 1400)


def test_a_jpeg_preview_is_decoded_already_reduced(settings, tuban):
    """draft() makes the decoder produce 1/2..1/8 scale: what is decoded fits a budget a full decode would not."""
    from districts.models import Village
    from kimtrack.stored_files import save_checked
    from kimtrack.uploads import check_scan
    from tests.factories import DecreeFactory, KimFactory

    decree = DecreeFactory(kim=KimFactory(village=Village.objects.get(code="35.23.12.2009")))
    scan = save_checked(
        Scan(decree=decree, position=1),
        check_scan(upload("b.jpg", image_bytes("JPEG", (4000, 6000)), "image/jpeg")),
        [],
    )
    budget = 4000 * 6000 * 3 // 4  # a quarter of the full decode
    previews.PREVIEW_DECODE_BUDGET, saved = budget, previews.PREVIEW_DECODE_BUDGET
    try:
        assert previews.build_preview(scan) == previews.preview_name(scan)
    finally:
        previews.PREVIEW_DECODE_BUDGET = saved


def test_an_image_over_the_decode_budget_gets_no_preview_and_the_page_links_the_original(
    client_for, jenu_admin, beji_kim, monkeypatch
):
    monkeypatch.setattr(previews, "PREVIEW_DECODE_BUDGET", 1_000_000)
    client = client_for(jenu_admin)
    post_upload(client, beji_kim, [upload("hal.png", png(), "image/png")])
    scan = Scan.objects.get()
    assert not default_storage.exists(previews.preview_name(scan))
    response = client.get(reverse("decrees:scan_preview", args=[scan.pk]))
    assert response.status_code == 302 and response["Location"] == scan.get_absolute_url()


@pytest.mark.parametrize("dry_run", [True, False])
def test_build_previews_command_fills_in_older_scans_once(client_for, jenu_admin, beji_kim, dry_run):
    post_upload(client_for(jenu_admin), beji_kim, [upload("a.png", png(), "image/png"), sk_photo_jpeg()])
    scans = list(Scan.objects.all())
    for scan in scans:  # as if uploaded before previews were built at upload
        default_storage.delete(previews.preview_name(scan))
    out = io.StringIO()
    call_command("build_previews", *(["--dry-run"] if dry_run else []), stdout=out)
    exists = [default_storage.exists(previews.preview_name(s)) for s in scans]
    if dry_run:
        assert "2 scan gambar belum memiliki pratinjau" in out.getvalue() and exists == [False, False]
    else:
        assert "2 pratinjau dibuat, 0 gagal" in out.getvalue() and exists == [True, True]
        again = io.StringIO()
        call_command("build_previews", stdout=again)
        assert "0 pratinjau dibuat, 0 gagal, dari 0" in again.getvalue()
