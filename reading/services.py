"""Starting and running a reading, and turning a draft into an SK: the only writers of reading's models."""

import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from decrees.models import Scan
from decrees.uploads import check_scans, check_upload_quota
from districts.models import District, OfficerRole, Village
from kimtrack.stored_files import removed_on_failure, save_checked
from reading import extract, ocr
from reading.models import Draft, DraftScan, Reading

log = logging.getLogger(__name__)


def start_reading(*, decree=None, draft=None):
    """Record a reading of these scans and queue it for the worker; call inside the upload's transaction.

    The task row is written in the same transaction, so a failed upload queues
    nothing and the worker never sees a reading whose scans do not exist.
    """
    if not ocr.available():
        return Reading.objects.create(decree=decree, draft=draft, status=Reading.Status.UNAVAILABLE)
    from reading.tasks import read_scans  # the task module imports this one

    reading = Reading.objects.create(decree=decree, draft=draft)
    read_scans.enqueue(str(reading.pk))
    return reading


def perform_reading(reading_id):
    """Read every page of the reading's scans and store text and suggestions. Runs in the worker."""
    with transaction.atomic():
        reading = Reading.objects.select_for_update().get(pk=reading_id)
        if reading.status not in Reading.PENDING:
            return reading.status  # already read (a retried task)
        reading.status, reading.started_at = Reading.Status.RUNNING, timezone.now()
        reading.save(update_fields=["status", "started_at"])
    started = time.monotonic()
    try:
        pages = []
        for stored in reading.files():
            remaining = settings.OCR_MAX_PAGES - len(pages)
            if remaining <= 0:
                break
            with stored.file.open("rb") as handle:
                pages += ocr.read_file(handle, stored.content_type, max_pages=remaining)
        document = extract.Document.from_pages(pages)
        regency = reading.kim.district_id[:5]
        roles = OfficerRole.objects.filter(regency_id=regency).values_list("name", flat=True)
        places = [
            *District.objects.filter(regency_id=regency).values_list("name", flat=True),
            *Village.objects.filter(district__regency_id=regency).values_list("name", flat=True),
        ]
        reading.suggestions = extract.extract(document, roles=list(roles), places=places)
        reading.text = document.text.strip()
        reading.page_count = len(pages)
        reading.status = Reading.Status.DONE
    except ocr.OcrUnavailable:
        reading.status = Reading.Status.UNAVAILABLE
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the reading, never lost in the queue
        log.exception("reading %s failed", reading.pk)
        reading.status, reading.error = Reading.Status.FAILED, f"{type(exc).__name__}: {exc}"[:500]
    reading.seconds = round(time.monotonic() - started, 2)
    reading.finished_at = timezone.now()
    reading.save()
    return reading.status


def create_draft(*, kim, files, uploaded_by):
    """Store scans ahead of the SK form and queue their reading; all or nothing, like an SK upload."""
    checked = check_scans(files)
    with removed_on_failure() as written, transaction.atomic():
        check_upload_quota(user=uploaded_by, kim=kim, sizes=[item.size for item in checked])
        draft = Draft.objects.create(kim=kim, uploaded_by=uploaded_by)
        for position, item in enumerate(checked, start=1):
            save_checked(DraftScan(draft=draft, position=position), item, written)
        start_reading(draft=draft)
    return draft


def adopt_draft(draft, decree):
    """Make a draft's scans the scans of `decree` (same stored files) and hand its reading over.

    Called by decrees.services.decree_submit inside its transaction.
    """
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    if locked.decree_id:
        raise ValidationError(_("Draf ini sudah dikirim sebagai SK."))
    for item in locked.scans.order_by("position"):
        Scan.objects.create(decree=decree, **item.stored())
        item.delete()  # the row only: the stored file now belongs to the Scan
    locked.decree = decree
    locked.save(update_fields=["decree"])
    Reading.objects.filter(draft=locked).update(decree=decree)


def discard_draft(draft):
    """Delete an unsubmitted draft and its files, at the admin's explicit request."""
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if locked.decree_id:
            raise ValidationError(_("Draf ini sudah menjadi SK dan tidak bisa dibuang."))
        names = [item.file.name for item in locked.scans.all()]
        locked.delete()
        transaction.on_commit(lambda: [DraftScan.file.field.storage.delete(name) for name in names])


def reread(decree):
    """Read an SK's scans again (after a failure, or once Tesseract is installed); refuse when pointless."""
    if not ocr.available():
        raise ValidationError(_("Pembacaan otomatis tidak tersedia di server ini."))
    with transaction.atomic():
        latest = decree.readings.select_for_update().order_by("-created_at").first()
        if latest and latest.is_pending:
            raise ValidationError(_("Berkas SK ini sedang dibaca; tunggu hasilnya."))
        if not decree.scans.exists():
            raise ValidationError(_("SK ini belum memiliki berkas untuk dibaca."))
        return start_reading(decree=decree)
