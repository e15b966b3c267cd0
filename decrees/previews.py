"""Reduced previews of image scans: what the pages show, so a verifier on a slow line does not
download an 8 MB phone photo, and so the photo's metadata (EXIF: GPS position, phone model) never
leaves the server. The original stays untouched for download."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

PREVIEW_MAX_SIDE = 1400
PREVIEW_QUALITY = 72


def preview_name(scan):
    return f"previews/{scan.pk}.jpg"


def preview_for(scan):
    """The storage name of the scan's preview, created on first use."""
    name = preview_name(scan)
    if default_storage.exists(name):
        return name
    with scan.file.open("rb") as handle, Image.open(handle) as image:
        image = ImageOps.exif_transpose(image)  # keep the page upright once the EXIF is gone
        image = image.convert("RGB")
        image.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
        out = BytesIO()
        # A fresh JPEG written without exif= carries no metadata from the original.
        image.save(out, "JPEG", quality=PREVIEW_QUALITY, optimize=True)
    return default_storage.save(name, ContentFile(out.getvalue()))
