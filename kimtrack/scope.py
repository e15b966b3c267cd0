"""What may this user see and change: the one place that decides.

Every list, page, export and count goes through these functions. Region codes
are hierarchical, so an account's area code is a prefix of every code inside
it (`35.23` covers `35.23.12` and `35.23.12.2001`). Region primary keys are
the codes, so a filter such as `district__code__startswith` reads the foreign
key column itself and needs no join.
"""

from districts.models import District, Regency, Village

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


def can_manage(user, code):
    """True when the user may change things in region `code` (province viewers never may)."""
    return in_area(user, code) and not user.is_read_only


def regencies_for(user):
    code = area_code(user)
    if code is None:
        return Regency.objects.none()
    if len(code) > 5:  # a kecamatan admin sees the regency their kecamatan belongs to
        return Regency.objects.filter(code=code[:5])
    return scoped(Regency.objects.all(), user, "code")


def districts_for(user):
    return scoped(District.objects.all(), user, "code")


def villages_for(user):
    return scoped(Village.objects.all(), user, "code")


def can_verify(user, code):
    """Verifying and rejecting SKs is for regency staff (and superusers) only."""
    return in_area(user, code) and user.is_regency_staff


def can_run_regency(user, code):
    """The regency's own pages (rules, targets, accounts, import, audit, report) are for its staff."""
    return in_area(user, code) and user.is_regency_staff


def kims_for(user):
    from districts.models import KimGroup

    return scoped(KimGroup.objects.all(), user, "district__code")


def decrees_for(user):
    from decrees.models import Decree

    return scoped(Decree.objects.all(), user, "kim__district__code")


def scans_for(user):
    from decrees.models import Scan

    return scoped(Scan.objects.all(), user, "decree__kim__district__code")


def drafts_for(user):
    from reading.models import Draft

    return scoped(Draft.objects.all(), user, "kim__district__code")


def draft_scans_for(user):
    from reading.models import DraftScan

    return scoped(DraftScan.objects.all(), user, "draft__kim__district__code")


def readings_for(user):
    """Readings of SKs (not of drafts) inside the user's area: what SK text search looks in."""
    from reading.models import Reading

    return scoped(Reading.objects.filter(decree__isnull=False), user, "decree__kim__district__code")


def activities_for(user):
    from activities.models import Activity

    return scoped(Activity.objects.all(), user, "kim__district__code")


def activity_photos_for(user):
    from activities.models import ActivityPhoto

    return scoped(ActivityPhoto.objects.all(), user, "activity__kim__district__code")


def assessments_for(user):
    from assessments.models import Assessment

    return scoped(Assessment.objects.all(), user, "kim__district__code")
