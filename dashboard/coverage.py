"""Coverage of an area by formed KIMs: what the dashboard, maps and reports count.

An area is covered when it has at least one formed KIM of its level: a
kecamatan by a kecamatan-level KIM, a desa/kelurahan by a village-level KIM.
Inactive (tidak aktif) KIMs still cover their area; dissolved (bubar) ones do not.
Everything is computed from a fixed number of queries (one per kind of fact),
whatever the number of kecamatan, villages, KIMs and SKs.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from decrees.formation import FormationStatus
from decrees.models import Decree
from districts.models import KimGroup, Village
from kimtrack.numbers import percent
from outreach.models import OutreachEvent

# When an area has several KIMs, the one furthest along decides its colour.
STATUS_RANK = {
    FormationStatus.FORMED: 0,
    FormationStatus.PENDING: 1,
    FormationStatus.REJECTED: 2,
    FormationStatus.EXPIRED: 3,
    FormationStatus.NO_DECREE: 4,
}


def best_status(statuses):
    return min(statuses, key=STATUS_RANK.__getitem__, default=None)


@dataclass
class DistrictRow:
    district: object
    outreach_dates: list = field(default_factory=list)
    kim_status: str | None = None  # best status of its kecamatan-level KIMs; None: no KIM at all
    villages: Counter = field(default_factory=Counter)  # kind -> number of villages
    covered: Counter = field(default_factory=Counter)  # kind -> villages with a formed KIM
    pending: int = 0

    @property
    def is_covered(self):
        return self.kim_status == FormationStatus.FORMED

    @property
    def village_total(self):
        return sum(self.villages.values())

    @property
    def village_covered(self):
        return sum(self.covered.values())

    @property
    def village_percent(self):
        return percent(self.village_covered, self.village_total)


@dataclass
class Coverage:
    rows: list
    village_status: dict  # village code -> best status of its village-level KIMs
    formed_years: Counter  # year -> KIMs whose first verified SK was signed that year
    covered_since: dict  # area code -> date it first became covered (currently covered areas only)

    @property
    def district_total(self):
        return len(self.rows)

    @property
    def district_covered(self):
        return sum(row.is_covered for row in self.rows)

    @property
    def uncovered_districts(self):
        return [row.district for row in self.rows if not row.is_covered]

    def village_totals(self, kind=None):
        total = sum(row.villages[kind] if kind else row.village_total for row in self.rows)
        covered = sum(row.covered[kind] if kind else row.village_covered for row in self.rows)
        return covered, total

    @property
    def district_percent(self):
        return percent(self.district_covered, self.district_total)

    @property
    def village_percent(self):
        covered, total = self.village_totals()
        return percent(covered, total)


def _first_verified_signed_on():
    """The signing date of a KIM's first verified (possibly since superseded) SK."""
    return Subquery(
        Decree.objects.filter(kim=OuterRef("pk"), status__in=[Decree.Status.VERIFIED, Decree.Status.SUPERSEDED])
        .order_by("signed_on")
        .values("signed_on")[:1]
    )


def coverage_of(districts, today=None):
    """Coverage of the given kecamatan queryset (already scoped to the user)."""
    today = today or timezone.localdate()
    district_codes = districts.values("code")
    rows = {d.code: DistrictRow(d) for d in districts.select_related("regency").order_by("name")}

    for district_id, kind, n in (
        Village.objects.filter(district__in=district_codes)
        .values_list("district_id", "kind")
        .annotate(n=Count("code"))
        .order_by()
    ):
        rows[district_id].villages[kind] = n

    # A dissolved (bubar) KIM no longer covers its area, whatever its SK says.
    kims = (
        KimGroup.objects.counted()
        .filter(district__in=district_codes)
        .exclude(activity=KimGroup.Activity.DISSOLVED)
        .with_formation_status(today)
        .annotate(formed_on=_first_verified_signed_on())
        .values_list("district_id", "village_id", "village__kind", "level", "formation_status", "formed_on")
    )
    district_statuses, village_statuses = defaultdict(list), defaultdict(list)
    village_kind, formed_years, covered_since = {}, Counter(), {}
    for district_id, village_id, kind, level, status, formed_on in kims:
        if formed_on:
            formed_years[formed_on.year] += 1
        area = district_id if level == KimGroup.Level.DISTRICT else village_id
        if level == KimGroup.Level.DISTRICT:
            district_statuses[district_id].append(status)
        else:
            village_statuses[village_id].append(status)
            village_kind[village_id] = (district_id, kind)
        if status == FormationStatus.FORMED and formed_on:
            covered_since[area] = min(formed_on, covered_since.get(area, formed_on))

    for district_id, statuses in district_statuses.items():
        rows[district_id].kim_status = best_status(statuses)
    village_status = {code: best_status(statuses) for code, statuses in village_statuses.items()}
    for code, status in village_status.items():
        if status == FormationStatus.FORMED:
            district_id, kind = village_kind[code]
            rows[district_id].covered[kind] += 1

    for district_id, n in (
        Decree.objects.pending()
        .filter(kim__district__in=district_codes)
        .values_list("kim__district_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        rows[district_id].pending = n

    for district_id, held_on in (
        OutreachEvent.objects.held()
        .filter(district__in=district_codes)
        .order_by("held_on")
        .values_list("district_id", "held_on")
    ):
        rows[district_id].outreach_dates.append(held_on)

    return Coverage(list(rows.values()), village_status, formed_years, covered_since)
