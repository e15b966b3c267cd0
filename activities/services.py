"""Recording an activity with its photos: the one path for views and admin."""

import hashlib
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from activities.models import MAX_PHOTOS, Activity, ActivityPhoto
from decrees.previews import build_preview
from kimtrack.stored_files import removed_on_failure
from kimtrack.uploads import check_scan

PHOTO_MAX_SIDE = 2400
PHOTO_QUALITY = 85


def check_photos(uploads):
    """Check each photo with the SK scan rules (type from content, size and pixel caps); PDFs are no photos."""
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError(
            _("Terlalu banyak foto: %(count)d dipilih, paling banyak %(limit)d per kegiatan.")
            % {"count": len(uploads), "limit": MAX_PHOTOS}
        )
    checked, errors = [], []
    for upload in uploads:
        try:
            item = check_scan(upload)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if not item.content_type.startswith("image/"):
            errors.append(_("Berkas “%(name)s”: bukan foto. Unggah foto JPEG atau PNG.") % {"name": item.original_name})
            continue
        checked.append(item)
    if errors:
        raise ValidationError(errors)
    return checked


def _without_metadata(checked):
    """The photo re-encoded upright, at most PHOTO_MAX_SIDE a side, with no EXIF (GPS, phone) or other metadata."""
    checked.upload.seek(0)
    with Image.open(checked.upload) as original:
        image = ImageOps.exif_transpose(original)
        out = BytesIO()
        if checked.content_type == "image/png":
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            image.save(out, "PNG", optimize=True)  # written without a pnginfo= carries no text chunks
        else:
            image = image.convert("RGB")
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            image.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=True)  # no exif= means no EXIF
    return out.getvalue()


def activity_record(*, kim, date, type, title, description="", link="", photos=(), recorded_by):
    """Record an activity and its photos, or raise ValidationError and leave no row or file behind."""
    checked = check_photos(list(photos))
    activity = Activity(
        kim=kim,
        date=date,
        type=type,
        title=title.strip(),
        description=description.strip(),
        link=link.strip(),
        recorded_by=recorded_by,
    )
    activity.full_clean()
    with removed_on_failure() as written, transaction.atomic():
        activity.save()
        for position, item in enumerate(checked, start=1):
            content = _without_metadata(item)
            photo = ActivityPhoto(
                activity=activity,
                position=position,
                original_name=item.original_name,
                content_type=item.content_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
            )
            photo.file.save("upload", ContentFile(content), save=False)
            written.append(photo.file.name)
            photo.save()
            preview = build_preview(photo)  # stored now, so pages never decode the photo again
            if preview:
                written.append(preview)
    return activity
