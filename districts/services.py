"""Writes to the KIM registry that span several records: a KIM's officer list, merging two KIMs,
marking one entered by mistake.

The registry imports none of the apps that point at a KIM (SKs, activities, assessments, reading
drafts): it reaches their rows through the KIM's reverse relations, named in MOVED.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit
from districts.models import KimGroup, Officer, single_holder_clashes, single_holder_error


def officers_save(*, formset):
    """Save a validated officer formset, unless meanwhile someone else filled a role held by one person only.

    Why a locked check and not a database constraint: "held by one person only" is a per-regency
    setting on OfficerRole, so a UniqueConstraint on Officer cannot express it without copying the
    setting onto every officer row (and rewriting them whenever staff change the rule). Instead every
    write of a KIM's officers runs here (and in officer_add) with the KIM's row locked; the rule is
    asked again of the list as stored under that lock, so two tabs saving a second Ketua at once are
    serialised and the later one is refused with a ValidationError, its typed rows kept by the caller.
    """
    kim = formset.instance
    with transaction.atomic():
        KimGroup.objects.select_for_update().filter(pk=kim.pk).first()
        clashes = single_holder_clashes(kim, **formset.officer_changes())
        if clashes:
            raise single_holder_error(clashes)
        return formset.save()


def officer_add(*, kim, role, name, phone="", by=None):
    """Add one officer (import, SK reading) under the KIM's lock, refusing a second holder of a one-person role.

    The caller may already hold the lock inside its own transaction; taking it again is harmless.
    Raises ValidationError (field errors of Officer.full_clean(), or the role clash).
    """
    with transaction.atomic():
        KimGroup.objects.select_for_update().filter(pk=kim.pk).first()
        officer = Officer(kim=kim, role=role, name=name, phone=phone)
        officer.full_clean()
        clashes = single_holder_clashes(kim, planned=[(officer.role, officer.name)], only=officer.role)
        if clashes:
            raise single_holder_error(clashes)
        if by is not None:
            officer._history_user = by
        officer.save()
    return officer


# What a merge moves to the kept KIM, by reverse relation name. An app that is not installed (the
# reading assistant may be switched off) simply has no relation to move.
MOVED = ("decrees", "officers", "activities", "assessments", "sk_drafts")


def _reason(reason, message):
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": message})
    return reason


def _lock(*kims):
    """The KIMs re-read under a lock, in a fixed order so two merges of the same pair cannot deadlock."""
    rows = {k.pk: k for k in KimGroup.objects.select_for_update().filter(pk__in=[k.pk for k in kims]).order_by("pk")}
    return [rows[k.pk] for k in kims]


def merge_problems(kim, into):
    """Why `kim` cannot be merged into `into` (empty when it can): same area, both counted, no clashes."""
    if kim.pk == into.pk:
        return [_("Pilih KIM lain: sebuah KIM tidak bisa digabung ke dirinya sendiri.")]
    problems = []
    if not (kim.is_counted and into.is_counted):
        problems.append(_("Hanya KIM yang masih tercatat yang bisa digabung."))
    if (kim.level, kim.district_id, kim.village_id) != (into.level, into.district_id, into.village_id):
        problems.append(
            _("Hanya KIM dari wilayah yang sama (kecamatan atau desa/kelurahan yang sama) yang bisa digabung.")
        )
    if kim.decrees.pending().exists() and into.decrees.pending().exists():
        # A KIM has at most one SK awaiting verification (Decree.clean); a merge must not make two.
        problems.append(
            _(
                "Kedua KIM memiliki SK yang menunggu verifikasi. Verifikasi, tolak atau tarik salah satunya dulu, "
                "lalu gabungkan."
            )
        )
    clash = sorted(
        set(kim.assessments.values_list("year", flat=True)) & set(into.assessments.values_list("year", flat=True))
    )
    if clash:
        problems.append(
            _("Kedua KIM sudah dinilai pada tahun %(years)s; satu KIM dinilai sekali setahun.")
            % {"years": ", ".join(str(y) for y in clash)}
        )
    return problems


def kim_merge(*, kim, into, by, reason):
    """Merge `kim` into `into`: SKs, officers, activities, assessments and drafts move; `kim` stays, marked merged.

    One transaction with its audit event. Each moved row is saved (not bulk-updated), so its history
    records the move. Of the verified SKs the kept KIM then holds, the newest stays verified and the
    older become superseded, as verifying a newer SK does.
    """
    reason = _reason(reason, _("Tulis alasan penggabungan."))
    with transaction.atomic():
        kim, into = _lock(kim, into)
        problems = merge_problems(kim, into)
        if problems:
            raise ValidationError(problems)
        note = f"digabung dari {kim.name} ({kim.pk})"
        for name in MOVED:
            related = getattr(kim, name, None)
            if related is None:
                continue
            for row in related.all():
                row.kim = into
                row._change_reason = note
                row.save(update_fields=["kim"])
        verified = [d for d in into.decrees.order_by("-signed_on", "-created_at") if d.status == d.Status.VERIFIED]
        for older in verified[1:]:
            older.status = older.Status.SUPERSEDED
            older._change_reason = note
            older.save(update_fields=["status"])
        # Records merged into `kim` earlier now point at the KIM that is kept.
        for earlier in KimGroup.objects.filter(merged_into=kim):
            earlier.merged_into = into
            earlier.save(update_fields=["merged_into", "updated_at"])
        _mark(kim, KimGroup.Record.MERGED, by=by, reason=reason, into=into)
        audit(
            AuditEvent.Action.KIM_MERGED,
            actor=by,
            area_code=into.village_id or into.district_id,
            object_id=kim.pk,
            summary=f"{kim.name} digabung ke {into.name} ({into.pk}) — {reason}",
        )
    return into


def mistake_problems(kim):
    """Why `kim` cannot be marked as entered by mistake (empty when it can)."""
    if not kim.is_counted:
        return [_("KIM ini sudah digabung atau ditandai salah input.")]
    if kim.decrees.pending().exists() or kim.decrees.forming().exists():
        return [
            _(
                "KIM ini masih memiliki SK yang menunggu verifikasi atau yang berlaku. Tarik SK itu dulu (dengan "
                "alasannya), atau gabungkan KIM ini ke KIM yang benar agar SK-nya ikut pindah."
            )
        ]
    return []


def kim_mark_mistaken(*, kim, by, reason):
    """Mark a KIM entered by mistake: it stays on file (staff still open its page), out of every count."""
    reason = _reason(reason, _("Tulis alasan mengapa KIM ini salah input."))
    with transaction.atomic():
        (kim,) = _lock(kim)
        problems = mistake_problems(kim)
        if problems:
            raise ValidationError(problems)
        _mark(kim, KimGroup.Record.MISTAKEN, by=by, reason=reason)
        audit(
            AuditEvent.Action.KIM_MISTAKEN,
            actor=by,
            area_code=kim.village_id or kim.district_id,
            object_id=kim.pk,
            summary=f"{kim.name} ditandai salah input — {reason}",
        )
    return kim


def _mark(kim, record, *, by, reason, into=None):
    kim.record, kim.record_reason, kim.merged_into = record, reason, into
    kim.record_changed_by, kim.record_changed_at = by, timezone.now()
    kim._change_reason = reason
    kim.save()
