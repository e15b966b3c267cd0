"""Writes that span several models or touch files: one path for views and admin."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit
from decrees import draft_sk, notifications, previews
from decrees.models import Decree, DecreeTemplate, Scan
from decrees.signals import scans_stored
from kimtrack.stored_files import removed_on_failure, save_checked
from kimtrack.uploads import check_scans, check_upload_quota

Action = AuditEvent.Action


def decree_submit(
    *, kim, number, signed_on, signatory, term_start, term_end, uploaded_by, files=(), scans_from=None, notify=True
):
    """Record a new SK with its scans, or raise ValidationError and leave nothing behind.

    The scans are either uploaded `files`, or files stored earlier that `scans_from(decree)`
    turns into the SK's scans inside the transaction (the draft of the reading assistant).
    Files are checked before anything is written. If saving fails part-way, the database
    rolls back and every file already written is removed, so there is never a row without
    its file or a file without its row. The audit event is written in the same transaction.
    """
    checked = check_scans(files) if scans_from is None else []
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
    with removed_on_failure() as written, transaction.atomic():
        check_upload_quota(user=uploaded_by, kim=kim, sizes=[item.size for item in checked])
        # The KIM's row is locked first, so two submissions at once (a double click, two tabs)
        # are checked one after the other and the second meets the first's pending SK.
        type(kim).objects.select_for_update().filter(pk=kim.pk).first()
        decree.full_clean()
        decree.save()
        if scans_from is None:
            for position, item in enumerate(checked, start=1):
                save_checked(Scan(decree=decree, position=position), item, written)
        else:
            scans_from(decree)
        scans_stored.send(sender=Decree, decree=decree)
        if notify:
            # robust: a failing mail server is logged and must never undo a committed upload.
            transaction.on_commit(lambda: notifications.decree_submitted(decree), robust=True)
        audit(
            Action.DECREE_SUBMITTED,
            actor=uploaded_by,
            area_code=kim.village_id or kim.district_id,
            object_id=decree.pk,
            summary=f"{kim.name}: SK {decree.number} ({decree.scans.count()} berkas)",
        )
    # Outside the transaction (no rows held while images decode); a preview that fails is only missing.
    previews.build_previews(decree.scans.all())
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


# Each decision and its audit event commit together, or neither does.
def decree_verify(*, decree, by):
    with transaction.atomic():
        decree.verify(by=by)
        _audit(Action.DECREE_VERIFIED, decree, by)
        transaction.on_commit(lambda: notifications.decree_decided(decree), robust=True)


def decree_reject(*, decree, by, reason):
    with transaction.atomic():
        decree.reject(by=by, reason=reason)
        _audit(Action.DECREE_REJECTED, decree, by, f" — {reason}")
        transaction.on_commit(lambda: notifications.decree_decided(decree), robust=True)


def decree_withdraw(*, decree, by, reason):
    with transaction.atomic():
        decree.withdraw(by=by, reason=reason)
        _audit(Action.DECREE_WITHDRAWN, decree, by, f" — {reason}")


def decree_attach_scans(*, decree, files, by):
    """Add scans to a pending SK that has none yet (an imported SK), all or nothing."""
    checked = check_scans(files)
    with removed_on_failure() as written, transaction.atomic():
        check_upload_quota(user=by, kim=decree.kim, sizes=[item.size for item in checked])
        locked = Decree.objects.select_for_update().get(pk=decree.pk)
        if locked.status != Decree.Status.PENDING or locked.scans.exists():
            raise ValidationError(_("Berkas hanya bisa ditambahkan ke SK menunggu verifikasi yang belum berberkas."))
        for position, item in enumerate(checked, start=1):
            save_checked(Scan(decree=locked, position=position), item, written)
        scans_stored.send(sender=Decree, decree=locked)
        transaction.on_commit(lambda: notifications.decree_submitted(locked), robust=True)
        _audit(Action.DECREE_SUBMITTED, decree, by, f" ({len(checked)} berkas ditambahkan)")
    # Outside the transaction (no rows held while images decode); a preview that fails is only missing.
    previews.build_previews(locked.scans.all())


def decree_template_replace(*, regency, upload, uploaded_by):
    """Make `upload` the regency's draft-SK template, or raise ValidationError and keep the old one."""
    checked = draft_sk.check_template(upload)
    with removed_on_failure() as written, transaction.atomic():
        template = DecreeTemplate.objects.select_for_update().filter(regency=regency).first()
        old_name = template.file.name if template else None
        template = template or DecreeTemplate(regency=regency)
        template.original_name = checked.original_name
        template.size = checked.size
        template.uploaded_by = uploaded_by
        template.uploaded_at = timezone.now()
        template.file.save("template.docx", checked.upload, save=False)
        written.append(template.file.name)
        template.save()
        if old_name:
            transaction.on_commit(lambda: default_storage.delete(old_name))
    return template


def decree_template_remove(*, regency):
    """Go back to the built-in draft-SK template."""
    template = DecreeTemplate.objects.filter(regency=regency).first()
    if template is not None:
        name = template.file.name
        template.delete()
        transaction.on_commit(lambda: default_storage.delete(name))
