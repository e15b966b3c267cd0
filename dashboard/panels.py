"""What the formation dashboard shows, assembled from coverage and a few lists."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.liveliness import Liveliness
from dashboard.coverage import STATUS_RANK
from decrees.models import Decree
from districts.codes import display_name
from districts.models import KimGroup, on_kimid
from kimtrack.numbers import percent
from outreach.models import OutreachEvent

ATTENTION_LIMIT = 15
EXPIRY_WINDOW = datetime.timedelta(days=90)
# An SK waiting, or a reading draft left, longer than this needs someone to act on it.
STALE_AFTER = datetime.timedelta(days=7)


@dataclass
class TargetProgress:
    target: object
    covered: int
    total: int
    recent: int  # areas newly covered in the last 365 days
    today: datetime.date

    @property
    def percent(self):
        return percent(self.covered, self.total)

    @property
    def remaining(self):
        return self.total - self.covered

    @property
    def days_left(self):
        return (self.target.deadline - self.today).days if self.target.deadline else None

    @property
    def pace(self):
        """achieved, overdue, on_track, behind or no_deadline."""
        if self.total and self.remaining == 0:
            return "achieved"
        if not self.target.deadline:
            return "no_deadline"
        if self.days_left < 0:
            return "overdue"
        # At last year's rate, will the rest be covered by the deadline?
        projected = self.recent * max(self.days_left, 1) / 365
        return "on_track" if projected >= self.remaining else "behind"

    @property
    def pace_label(self):
        return {
            "achieved": _("Target tercapai"),
            "no_deadline": _("Tenggat belum ditetapkan"),
            "overdue": _("Tenggat sudah lewat"),
            "on_track": _("Sesuai jadwal pada laju setahun terakhir"),
            "behind": _("Tertinggal dari jadwal pada laju setahun terakhir"),
        }[self.pace]


def target_progress(target, covered, total, covered_since, today):
    year_ago = today - datetime.timedelta(days=365)
    recent = sum(1 for day in covered_since if day > year_ago)
    return TargetProgress(target, covered, total, recent, today)


@dataclass
class YearRow:
    year: int
    events: int
    kims_formed: int
    districts_covered: int  # cumulative, at the end of the year
    villages_covered: int


def progress_by_year(coverage, today):
    """Per year: outreach events, KIMs formed, cumulative coverage (areas still covered today)."""
    event_years = [day.year for row in coverage.rows for day in row.outreach_dates]
    district_codes = {row.district.code for row in coverage.rows}
    district_since = [day for code, day in coverage.covered_since.items() if code in district_codes]
    village_since = [day for code, day in coverage.covered_since.items() if code not in district_codes]
    years = event_years + list(coverage.formed_years) + [d.year for d in district_since + village_since]
    if not years:
        return []
    rows = []
    for year in range(min(years), today.year + 1):
        rows.append(
            YearRow(
                year,
                events=event_years.count(year),
                kims_formed=coverage.formed_years.get(year, 0),
                districts_covered=sum(1 for d in district_since if d.year <= year),
                villages_covered=sum(1 for d in village_since if d.year <= year),
            )
        )
    return rows


@dataclass
class Bar:
    x: float
    y: float
    height: float
    value: int
    label: str


def chart_geometry(years, width=640, height=220, top=20, bottom=30, left=30):
    """Bars for events and KIMs formed per year, and points of cumulative kecamatan coverage."""
    if not years:
        return None
    peak = max(max(r.events, r.kims_formed) for r in years) or 1
    plot_h = height - top - bottom
    slot = (width - left) / len(years)
    bar_w = min(slot / 3, 40)
    events, formed, labels = [], [], []
    for i, row in enumerate(years):
        x0 = left + i * slot + (slot - 2 * bar_w) / 2
        for series, value, x in ((events, row.events, x0), (formed, row.kims_formed, x0 + bar_w)):
            h = plot_h * value / peak
            series.append(Bar(x, top + plot_h - h, h, value, str(row.year)))
        labels.append((left + i * slot + slot / 2, str(row.year)))
    return {
        "width": width,
        "height": height,
        "bar_width": bar_w,
        "events": events,
        "formed": formed,
        "labels": labels,
        "baseline": top + plot_h,
        "label_y": height - 8,
    }


def rejected_not_corrected(decrees):
    """Rejected SKs with no newer (non-withdrawn) SK for the same KIM."""
    newer = Decree.objects.filter(kim=OuterRef("kim"), created_at__gt=OuterRef("created_at")).exclude(
        status=Decree.Status.WITHDRAWN
    )
    return decrees.filter(status=Decree.Status.REJECTED).exclude(Exists(newer))


def waiting_too_long(decrees, now=None):
    """SKs waiting for verification for more than STALE_AFTER."""
    return decrees.pending().filter(created_at__lt=(now or timezone.now()) - STALE_AFTER)


def unfinished_drafts(drafts, now=None):
    """Reading drafts (scans uploaded first) that never became an SK, left for more than STALE_AFTER."""
    return drafts.filter(decree__isnull=True, created_at__lt=(now or timezone.now()) - STALE_AFTER)


def villages_without_kim(villages):
    """Desa/kelurahan with no village-level KIM registered (a dissolved one does not count)."""
    kims = KimGroup.objects.counted().filter(village=OuterRef("pk")).exclude(activity=KimGroup.Activity.DISSOLVED)
    return villages.exclude(Exists(kims))


def attention(decrees, today=None):
    """Short lists of SKs that need someone's action, each in one query."""
    today = today or timezone.localdate()
    related = ("kim__district", "kim__village")
    return {
        "pending": list(decrees.pending().select_related(*related).order_by("created_at")[:ATTENTION_LIMIT]),
        "pending_count": decrees.pending().count(),
        "overdue_count": waiting_too_long(decrees).count(),
        "expiring": list(
            decrees.expiring(within=EXPIRY_WINDOW, today=today)
            .select_related(*related)
            .order_by("term_end")[:ATTENTION_LIMIT]
        ),
        "rejected": list(
            rejected_not_corrected(decrees).select_related(*related).order_by("created_at")[:ATTENTION_LIMIT]
        ),
    }


@dataclass
class WithoutOutreach:
    district: object
    planned: list  # planned events, soonest first; empty: nothing planned yet


def without_outreach(coverage):
    """Kecamatan where no outreach was held yet, with the events planned there (one query)."""
    rows = {row.district.code: WithoutOutreach(row.district, []) for row in coverage.rows if not row.outreach_dates}
    if rows:
        for event in OutreachEvent.objects.planned().filter(district__in=list(rows)).order_by("held_on"):
            rows[event.district_id].planned.append(event)
    # Those with a date come first, soonest first; then the ones nobody has planned yet.
    return sorted(rows.values(), key=lambda r: (not r.planned, r.planned[0].held_on if r.planned else None))


SORT_COLUMNS = [
    ("nama", _("Kecamatan")),
    ("sosialisasi", _("Sosialisasi")),
    ("status", _("KIM kecamatan")),
    ("cakupan", _("Cakupan desa/kel.")),
    ("menunggu", _("SK menunggu")),
]

SORTS = {
    "nama": lambda row: row.district.name,
    "sosialisasi": lambda row: (not row.outreach_dates, row.outreach_dates[0] if row.outreach_dates else None),
    "status": lambda row: STATUS_RANK.get(row.kim_status, len(STATUS_RANK)),
    "cakupan": lambda row: row.village_percent,
    "menunggu": lambda row: row.pending,
}


def sorted_rows(rows, sort, sorts=SORTS):
    """Sort a table by one of `sorts`' columns ('-' in front reverses it); unknown: as given, by name.

    Serves the kecamatan table here and the regency table of districts/province.py.
    """
    key = sort.lstrip("-")
    if key not in sorts:
        return rows, "nama"
    return sorted(rows, key=sorts[key], reverse=sort.startswith("-")), sort


@dataclass
class LivelinessRow:
    code: str
    name: str
    counts: dict  # Liveliness value -> number of formed KIMs

    @property
    def cells(self):
        return [self.counts.get(state, 0) for state in Liveliness.values]

    @property
    def total(self):
        return sum(self.counts.values())


@dataclass
class AfterFormation:
    """What the dashboard shows of formed KIMs' life: activity state per kecamatan, and KIM.id registration."""

    rows: list  # LivelinessRow per kecamatan, by name
    total: LivelinessRow
    on_kimid: int

    @property
    def formed(self):
        return self.total.total


def after_formation(kims, today):
    """Formed KIMs among `kims`: by activity state per kecamatan, and how many are registered on KIM.id."""
    rows, total, on_kimid_count = {}, LivelinessRow("", "", {}), 0
    states = (
        kims.formed(today)
        .with_liveliness(today)
        .annotate(registered=ExpressionWrapper(on_kimid(), output_field=BooleanField()))
        .values_list("district_id", "district__name", "liveliness", "registered")
    )
    for code, name, state, registered in states:
        row = rows.setdefault(code, LivelinessRow(code, display_name(name), {}))
        row.counts[state] = row.counts.get(state, 0) + 1
        total.counts[state] = total.counts.get(state, 0) + 1
        on_kimid_count += bool(registered)
    return AfterFormation(sorted(rows.values(), key=lambda r: r.name), total, on_kimid_count)
