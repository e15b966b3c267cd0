"""Background tasks, run by `manage.py db_worker` (django-tasks' database backend): never in a request."""

import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from districts.models import District, OfficerRole, Village
from reading import extract, ocr
from reading.models import Reading

log = logging.getLogger(__name__)


@task()
def read_scans(reading_id):
    """OCR one SK's (or draft's) scans and store the text and the suggested fields."""
    return perform_reading(reading_id)


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
