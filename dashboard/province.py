"""A province's regencies side by side: what the province dashboard compares.

Seven aggregate queries whatever the number of regencies, kecamatan, villages,
KIMs and SKs (the province benchmark pins this). A kecamatan or village counts
as covered when a KIM of its level covers it (`KimGroupQuerySet.covering`: formed,
not dissolved), the same rule as dashboard/coverage.py; `formed` is one EXISTS, so
the database answers it from the decree index instead of computing every KIM's
full formation status.
"""

from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decrees.models import Decree
from districts.models import District, KimGroup, Regency, Village
from kimtrack.numbers import percent


@dataclass
class RegencyRow:
    regency: Regency
    district_total: int = 0
    district_covered: int = 0
    village_total: int = 0
    village_covered: int = 0
    pending: int = 0
    last_report: object = None

    @property
    def district_percent(self):
        return percent(self.district_covered, self.district_total)

    @property
    def village_percent(self):
        return percent(self.village_covered, self.village_total)

    @property
    def band(self):
        """The map colour: how far the regency is towards a KIM in every kecamatan."""
        if not self.district_covered:
            return "none"
        if self.district_covered == self.district_total:
            return "all"
        return "most" if self.district_percent >= 50 else "some"


def _per_regency(queryset, key, aggregate):
    return dict(queryset.values_list(key).annotate(n=aggregate).order_by())


def regency_rows(province, today=None):
    """One row per regency/city of the province, in code order."""
    from reports.models import ProvinceReport

    today = today or timezone.localdate()
    inside = province.code + "."
    rows = {r.code: RegencyRow(r) for r in Regency.objects.filter(province=province).order_by("code")}
    kims = KimGroup.objects.covering(today).filter(district__code__startswith=inside)
    facts = {
        "district_total": _per_regency(District.objects.filter(code__startswith=inside), "regency_id", Count("code")),
        "village_total": _per_regency(
            Village.objects.filter(code__startswith=inside), "district__regency_id", Count("code")
        ),
        "district_covered": _per_regency(
            kims.filter(level=KimGroup.Level.DISTRICT), "district__regency_id", Count("district", distinct=True)
        ),
        "village_covered": _per_regency(
            kims.filter(level=KimGroup.Level.VILLAGE), "district__regency_id", Count("village", distinct=True)
        ),
        "pending": _per_regency(
            Decree.objects.pending().filter(kim__district__code__startswith=inside),
            "kim__district__regency_id",
            Count("id"),
        ),
        "last_report": _per_regency(
            ProvinceReport.objects.filter(regency__province=province), "regency_id", Max("report_date")
        ),
    }
    for attribute, values in facts.items():
        for code, value in values.items():
            if code in rows:
                setattr(rows[code], attribute, value)
    return list(rows.values())


COLUMNS = [
    ("nama", _("Kabupaten/kota")),
    ("kecamatan", _("Kecamatan ber-KIM")),
    ("desa", _("Desa/kelurahan ber-KIM")),
    ("menunggu", _("SK menunggu")),
    ("laporan", _("Laporan terakhir ke provinsi")),
]
# How each column of the comparison table sorts.
SORTS = {
    "nama": lambda row: row.regency.code,
    "kecamatan": lambda row: (row.district_percent, row.district_covered),
    "desa": lambda row: (row.village_percent, row.village_covered),
    "menunggu": lambda row: row.pending,
    "laporan": lambda row: (row.last_report is not None, row.last_report or ""),
}


def totals(rows):
    return {
        "district_total": sum(r.district_total for r in rows),
        "district_covered": sum(r.district_covered for r in rows),
        "village_total": sum(r.village_total for r in rows),
        "village_covered": sum(r.village_covered for r in rows),
        "pending": sum(r.pending for r in rows),
        "regencies_complete": sum(r.band == "all" for r in rows),
    }
