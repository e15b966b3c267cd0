"""Starting and running a reading, and turning a draft into an SK: the only writers of reading's models."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from decrees.models import Scan
from districts.models import KimGroup
from districts.services import officer_add
from kimtrack.stored_files import removed_on_failure, save_checked
from kimtrack.uploads import check_scans, check_upload_quota
from reading import extract, ocr
from reading.models import Draft, DraftScan, Reading
from reading.tasks import read_scans

log = logging.getLogger(__name__)


def start_reading(*, decree=None, draft=None):
    """Record a reading of these scans and queue it for the worker; call inside the upload's transaction.

    The task row is written in the same transaction, so a failed upload queues
    nothing and the worker never sees a reading whose scans do not exist.
    """
    if not ocr.available():
        return Reading.objects.create(decree=decree, draft=draft, status=Reading.Status.UNAVAILABLE)
    reading = Reading.objects.create(decree=decree, draft=draft)
    read_scans.enqueue(str(reading.pk))
    return reading


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

    Passed to decrees.services.decree_submit as `scans_from`, which calls it inside its transaction.
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


def import_officers(*, kim, officers, by):
    """Add officers read from an SK to the KIM's list, as a person confirmed them; returns those added.

    Runs under a lock on the KIM so two confirmations never add the same person
    twice; a name already listed (titles aside) is skipped. Each new officer is recorded in the
    officer history under `by`, like an edit of the officer list.
    """
    added = []
    with transaction.atomic():
        KimGroup.objects.select_for_update().filter(pk=kim.pk).first()
        listed = {extract.person_key(name) for name in kim.officers.values_list("name", flat=True)}
        for name, role in officers:
            if (person := extract.person_key(name)) in listed:
                continue  # already listed, perhaps written with or without a title
            officer = officer_add(kim=kim, role=role, name=name, by=by)
            listed.add(person)
            added.append(officer)
    return added
