"""Reduced previews of image scans: what the pages show, so a verifier on a slow line does not
download an 8 MB phone photo, and so the photo's metadata (EXIF: GPS position, phone model) never
leaves the server. The original stays untouched for download.

A preview is built once, right after its scan is stored (decrees.services), one image at a time and
within PREVIEW_DECODE_BUDGET; pages only ever serve the stored JPEG. Scans stored before previews
were built at upload get theirs from `manage.py build_previews` (run once after upgrading; it is
idempotent); until then their preview URL sends the browser to the original, so no request decodes
a full image on the server.
"""

import logging
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

log = logging.getLogger(__name__)

PREVIEW_MAX_SIDE = 1400
PREVIEW_QUALITY = 72
# The most memory one preview may decode into. A JPEG is decoded already reduced (draft), so only a PNG
# comes near it: the 60 MP upload cap in RGBA is 240 MB.
PREVIEW_DECODE_BUDGET = 256 * 1024 * 1024
BYTES_PER_BAND = {"I": 4, "F": 4, "I;16": 2, "I;16B": 2, "I;16L": 2}


def preview_name(scan):
    return f"previews/{scan.pk}.jpg"


def stored_preview(scan):
    """The storage name of the scan's preview if it has been built, else None."""
    name = preview_name(scan)
    return name if default_storage.exists(name) else None


def build_preview(scan):
    """Build and store the scan's preview once; return its storage name, or None if it cannot be built."""
    if not scan.is_image:
        return None
    if stored := stored_preview(scan):
        return stored
    try:
        with scan.file.open("rb") as handle, Image.open(handle) as image:
            image.draft("RGB", (PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))  # JPEG: decode at 1/2, 1/4 or 1/8 scale
            decoded = image.width * image.height * len(image.getbands()) * BYTES_PER_BAND.get(image.mode, 1)
            if decoded > PREVIEW_DECODE_BUDGET:
                log.warning("scan %s: preview needs %d bytes, over the budget", scan.pk, decoded)
                return None
            # Reduced first (reduce() by an integer factor, then resampled), turned and converted after,
            # so no full-size copy is ever made beside the decoded image.
            image.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE), reducing_gap=2.0)
            small = ImageOps.exif_transpose(image).convert("RGB")  # upright once the EXIF is gone
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        log.warning("scan %s: preview could not be built", scan.pk, exc_info=True)
        return None
    out = BytesIO()
    # A fresh JPEG written without exif= carries no metadata from the original.
    small.save(out, "JPEG", quality=PREVIEW_QUALITY, optimize=True)
    try:
        return default_storage.save(preview_name(scan), ContentFile(out.getvalue()))
    except OSError:  # a full disk must not undo an upload that is already saved
        log.warning("scan %s: preview could not be stored", scan.pk, exc_info=True)
        return None


def build_previews(scans):
    """Build the missing previews of these scans, one image in memory at a time; return how many were built."""
    built = 0
    for scan in scans:
        if scan.is_image and not stored_preview(scan) and build_preview(scan):
            built += 1
    return built
