"""From outreach to a verified SK: the follow-up funnel per kecamatan (and desa/kelurahan), the one place.

Steps of a kecamatan, each the first of its kind: held outreach → kecamatan-level
KIM registered → its SK uploaded → that SK verified. A desa/kelurahan starts
from its kecamatan's first held outreach and continues with village-level KIMs.
Withdrawn SKs (entered by mistake) never count. "Perlu tindak lanjut": the first
outreach is more than the regency's `follow_up_days` ago and no SK has been
uploaded on or after it. Villages are followed up once their kecamatan is done
(its kecamatan-level SK verified). A fixed number of aggregate queries,
whatever the number of areas, KIMs and SKs.
"""

import datetime
import statistics
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Max, Min, Q
from django.utils import timezone

from decrees.models import Decree
from districts.models import KimGroup, RegencyRules, Village
from outreach.models import OutreachEvent

STEPS = ("to_kim", "to_upload", "to_verify", "total")


def _day(value):
    """A stored moment as the local calendar day (dates pass through)."""
    if value is None or not isinstance(value, datetime.datetime):
        return value
    return timezone.localdate(value)


def _days(start, end):
    return (end - start).days if start and end else None


@dataclass
class FunnelRow:
    area: object  # a District or a Village
    outreach: datetime.date | None = None
    registered: datetime.date | None = None
    uploaded: datetime.date | None = None
    verified: datetime.date | None = None
    last_upload: datetime.date | None = None
    today: datetime.date | None = None

    @property
    def waiting(self):
        """Days since the outreach, as of the funnel's day."""
        return _days(self.outreach, self.today)

    @property
    def to_kim(self):
        return _days(self.outreach, self.registered)

    @property
    def to_upload(self):
        return _days(self.registered, self.uploaded)

    @property
    def to_verify(self):
        return _days(self.uploaded, self.verified)

    @property
    def total(self):
        return _days(self.outreach, self.verified)

    def needs_follow_up(self, today, limit):
        """Outreach more than `limit` days ago and no SK uploaded on or after it."""
        if not self.outreach or (today - self.outreach).days <= limit:
            return False
        return not (self.last_upload and self.last_upload >= self.outreach)


@dataclass
class Funnel:
    rows: list  # FunnelRow per kecamatan, by name
    village_rows: list  # FunnelRow per desa/kelurahan of the kecamatan that are done
    follow_up_days: int
    today: datetime.date

    @staticmethod
    def _medians(rows):
        values = {step: [v for v in (getattr(row, step) for row in rows) if v is not None] for step in STEPS}
        return {step: round(statistics.median(vals), 1) if vals else None for step, vals in values.items()}

    @cached_property
    def medians(self):
        return self._medians(self.rows)

    @cached_property
    def village_medians(self):
        return self._medians(self.village_rows)

    @cached_property
    def follow_up(self):
        """Kecamatan to follow up, longest waiting first."""
        due = [row for row in self.rows if row.needs_follow_up(self.today, self.follow_up_days)]
        return sorted(due, key=lambda row: (row.outreach, row.area.name))

    @cached_property
    def village_follow_up(self):
        due = [row for row in self.village_rows if row.needs_follow_up(self.today, self.follow_up_days)]
        return sorted(due, key=lambda row: (row.outreach, row.area.district_id, row.area.name))


def _decree_dates(decrees, key):
    """{area code: (first upload, last upload, first verification)} for SKs grouped by `key`."""
    counted = ~Q(status=Decree.Status.WITHDRAWN)
    verified = Q(status__in=[Decree.Status.VERIFIED, Decree.Status.SUPERSEDED])
    return {
        row[key]: (_day(row["first"]), _day(row["last"]), _day(row["verified"]))
        for row in decrees.values(key)
        .annotate(
            first=Min("created_at", filter=counted),
            last=Max("created_at", filter=counted),
            verified=Min("decided_at", filter=verified),
        )
        .order_by()
    }


def funnel_of(regency, districts, today=None):
    """The funnel of `districts` (a queryset of the regency's kecamatan, already scoped to the user)."""
    today = today or timezone.localdate()
    codes = districts.values("code")
    rows = {d.code: FunnelRow(d, today=today) for d in districts.order_by("name")}

    for district_id, first in (
        OutreachEvent.objects.held()
        .filter(district__in=codes)
        .values_list("district_id")
        .annotate(first=Min("held_on"))
        .order_by()
    ):
        rows[district_id].outreach = first

    for district_id, first in (
        KimGroup.objects.counted()
        .filter(district__in=codes, level=KimGroup.Level.DISTRICT)
        .values_list("district_id")
        .annotate(first=Min("created_at"))
        .order_by()
    ):
        rows[district_id].registered = _day(first)

    district_decrees = Decree.objects.of_counted_kims().filter(
        kim__district__in=codes, kim__level=KimGroup.Level.DISTRICT
    )
    for district_id, (first, last, verified) in _decree_dates(district_decrees, "kim__district_id").items():
        row = rows[district_id]
        row.uploaded, row.last_upload, row.verified = first, last, verified

    done = [code for code, row in rows.items() if row.verified]
    village_rows = {}
    if done:
        village_rows = {
            v.code: FunnelRow(v, outreach=rows[v.district_id].outreach, today=today)
            for v in Village.objects.filter(district__in=done).select_related("district").order_by("name")
        }
        for village_id, first in (
            KimGroup.objects.counted()
            .filter(district__in=done, level=KimGroup.Level.VILLAGE)
            .values_list("village_id")
            .annotate(first=Min("created_at"))
            .order_by()
        ):
            village_rows[village_id].registered = _day(first)
        village_decrees = Decree.objects.of_counted_kims().filter(
            kim__district__in=done, kim__level=KimGroup.Level.VILLAGE
        )
        for village_id, (first, last, verified) in _decree_dates(village_decrees, "kim__village_id").items():
            row = village_rows[village_id]
            row.uploaded, row.last_upload, row.verified = first, last, verified

    return Funnel(
        rows=list(rows.values()),
        village_rows=list(village_rows.values()),
        follow_up_days=RegencyRules.for_regency(regency).follow_up_days,
        today=today,
    )
