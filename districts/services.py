"""Writes of the KIM registry that span several rows: a KIM's officer list."""

from django.db import transaction

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
