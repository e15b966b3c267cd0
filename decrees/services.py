"""Writes that span several models or touch files: one path for views and admin."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit
from decrees import notifications, previews
from decrees.models import Decree, Scan
from decrees.uploads import check_scans
from kimtrack.stored_files import removed_on_failure, save_checked
from reading import services as reading_services

Action = AuditEvent.Action


def decree_submit(
    *, kim, number, signed_on, signatory, term_start, term_end, uploaded_by, files=(), draft=None, notify=True
):
    """Record a new SK with its scans, or raise ValidationError and leave nothing behind.

    The scans are either uploaded `files`, or those of a reading `draft` the admin
    uploaded first. Files are checked before anything is written. If saving fails
    part-way, the database rolls back and every file already written is removed,
    so there is never a row without its file or a file without its row.
    """
    checked = check_scans(files) if draft is None else []
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
    with removed_on_failure() as written, transaction.atomic():
        decree.save()
        if draft is None:
            for position, item in enumerate(checked, start=1):
                save_checked(Scan(decree=decree, position=position), item, written)
            reading_services.start_reading(decree=decree)
        else:
            reading_services.adopt_draft(draft, decree)
        if notify:
            # robust: a failing mail server is logged and must never undo a committed upload.
            transaction.on_commit(lambda: notifications.decree_submitted(decree), robust=True)
    # Outside the transaction (no rows held while images decode); a preview that fails is only missing.
    previews.build_previews(decree.scans.all())
    audit(
        Action.DECREE_SUBMITTED,
        actor=uploaded_by,
        area_code=kim.village_id or kim.district_id,
        object_id=decree.pk,
        summary=f"{kim.name}: SK {decree.number} ({decree.scans.count()} berkas)",
    )
    return decree


def decree_record_imported(*, kim, number, signed_on, signatory, term_start, term_end, recorded_by):
    """Record an SK known only from an imported KIM list: no scans, pending until they are attached and verified.

    Call inside the import's transaction; the SK is checked by the model like an uploaded one.
    """
    decree = Decree(
        kim=kim,
        number=number.strip(),
        signed_on=signed_on,
        signatory=signatory.strip(),
        term_start=term_start,
        term_end=term_end,
        issuer=str(kim.issuing_office),
        uploaded_by=recorded_by,
        imported=True,
    )
    decree.full_clean()
    decree.save()
    _audit(Action.DECREE_SUBMITTED, decree, recorded_by, " (diimpor dari daftar KIM, tanpa berkas)")
    return decree


def _audit(action, decree, by, extra=""):
    kim = decree.kim
    audit(
        action,
        actor=by,
        area_code=kim.village_id or kim.district_id,
        object_id=decree.pk,
        summary=f"{kim.name}: SK {decree.number}{extra}",
    )


def decree_verify(*, decree, by):
    decree.verify(by=by)
    _audit(Action.DECREE_VERIFIED, decree, by)
    transaction.on_commit(lambda: notifications.decree_decided(decree), robust=True)


def decree_reject(*, decree, by, reason):
    decree.reject(by=by, reason=reason)
    _audit(Action.DECREE_REJECTED, decree, by, f" — {reason}")
    transaction.on_commit(lambda: notifications.decree_decided(decree), robust=True)


def decree_withdraw(*, decree, by, reason):
    decree.withdraw(by=by, reason=reason)
    _audit(Action.DECREE_WITHDRAWN, decree, by, f" — {reason}")


def decree_attach_scans(*, decree, files, by):
    """Add scans to a pending SK that has none yet (an imported SK), all or nothing."""
    checked = check_scans(files)
    with removed_on_failure() as written, transaction.atomic():
        locked = Decree.objects.select_for_update().get(pk=decree.pk)
        if locked.status != Decree.Status.PENDING or locked.scans.exists():
            raise ValidationError(_("Berkas hanya bisa ditambahkan ke SK menunggu verifikasi yang belum berberkas."))
        for position, item in enumerate(checked, start=1):
            save_checked(Scan(decree=locked, position=position), item, written)
        reading_services.start_reading(decree=locked)
        transaction.on_commit(lambda: notifications.decree_submitted(locked), robust=True)
    previews.build_previews(locked.scans.all())
    _audit(Action.DECREE_SUBMITTED, decree, by, f" ({len(checked)} berkas ditambahkan)")
