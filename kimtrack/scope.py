"""What may this user see and change: the one place that decides.

Every list, page, export and count goes through these functions. Region codes
are hierarchical, so an account's area code is a prefix of every code inside
it (`35.23` covers `35.23.12` and `35.23.12.2001`). Region primary keys are
the codes, so a filter such as `district__code__startswith` reads the foreign
key column itself and needs no join.
"""

from django.db import models

EVERYTHING = ""


def area_code(user):
    """The code prefix the user may see, EVERYTHING for superusers, None for nothing."""
    if not (user.is_authenticated and user.is_active):
        return None
    if user.is_superuser:
        return EVERYTHING
    return user.district_id or user.regency_id or user.province_id or None


def scoped(queryset, user, code_field):
    """Restrict `queryset` to rows whose `code_field` lies inside the user's area."""
    code = area_code(user)
    if code is None:
        return queryset.none()
    if code == EVERYTHING:
        return queryset
    return queryset.filter(**{f"{code_field}__startswith": code})


def in_area(user, code):
    """True when the region `code` lies inside the user's area."""
    prefix = area_code(user)
    return prefix is not None and code.startswith(prefix)


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which region code each row lies in (`area_field`).

    `Model.objects.for_user(user)` is how every list, page, export and count starts.
    """

    area_field = None

    def for_user(self, user):
        return scoped(self, user, self.area_field)


def can_manage(user, code):
    """True when the user may change things in region `code` (province viewers never may)."""
    return in_area(user, code) and not user.is_read_only


def can_verify(user, code):
    """Verifying and rejecting SKs is for regency staff (and superusers) only."""
    return in_area(user, code) and user.is_regency_staff


def can_run_regency(user, code):
    """The regency's own pages (rules, targets, accounts, import, audit, report) are for its staff."""
    return in_area(user, code) and user.is_regency_staff


def can_correct_registry(user, code):
    """Merging two KIMs and marking one entered by mistake: regency staff only, never a kecamatan admin."""
    return in_area(user, code) and user.is_regency_staff
