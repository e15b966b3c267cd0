"""Writes that span several models or touch files: one path for views and admin."""

import logging

from django.core.files.storage import default_storage
from django.db import transaction

from decrees import notifications
from decrees.models import Decree, Scan
from decrees.uploads import check_scans

logger = logging.getLogger(__name__)


def decree_submit(*, kim, number, signed_on, signatory, term_start, term_end, files, uploaded_by):
    """Record a new SK with its scans, or raise ValidationError and leave nothing behind.

    Files are checked before anything is written. If saving fails part-way, the
    database rolls back and every file already written is removed, so there is
    never a row without its file or a file without its row.
    """
    checked = check_scans(files)
    decree = Decree(
        kim=kim,
        number=number.strip(),
        signed_on=signed_on,
        signatory=signatory.strip(),
        term_start=term_start,
        term_end=term_end,
        issuer=str(kim.issuing_office),
        uploaded_by=uploaded_by,
    )
    decree.full_clean()
    written = []
    try:
        with transaction.atomic():
            decree.save()
            for position, item in enumerate(checked, start=1):
                scan = Scan(
                    decree=decree,
                    original_name=item.original_name,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                    position=position,
                )
                scan.file.save("scan", item.upload, save=False)
                written.append(scan.file.name)
                scan.save()
            transaction.on_commit(lambda: notifications.decree_submitted(decree))
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    logger.info("decree submitted: %s kim=%s by=%s files=%d", decree.pk, kim.pk, uploaded_by.username, len(written))
    return decree


def decree_verify(*, decree, by):
    decree.verify(by=by)
    logger.info("decree verified: %s by=%s", decree.pk, by.username)
    transaction.on_commit(lambda: notifications.decree_decided(decree))


def decree_reject(*, decree, by, reason):
    decree.reject(by=by, reason=reason)
    logger.info("decree rejected: %s by=%s", decree.pk, by.username)
    transaction.on_commit(lambda: notifications.decree_decided(decree))


def decree_withdraw(*, decree, by, reason):
    decree.withdraw(by=by, reason=reason)
    logger.info("decree withdrawn: %s by=%s", decree.pk, by.username)
