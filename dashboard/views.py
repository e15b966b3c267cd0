"""The dashboards: regency, kecamatan, province, the maps, and the public transparency page."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from activities.liveliness import Liveliness
from activities.models import Activity
from dashboard import maps, panels
from dashboard.coverage import coverage_of
from dashboard.funnel import funnel_of
from dashboard.province import COLUMNS as PROVINCE_COLUMNS
from dashboard.province import SORTS as PROVINCE_SORTS
from dashboard.province import regency_rows as province_dashboard_rows
from dashboard.province import totals as province_totals
from decrees.formation import FormationStatus
from decrees.models import Decree
from districts import codes
from districts.models import District, FormationTarget, KimGroup, Province, Regency, RegencyRules, Village
from kimtrack import scope
from kimtrack.framing import framed_by_site
from kimtrack.replica import replica_reads
from reports.rows import public_rows
from reports.staff_exports import district_recap_xlsx, download_name, export_area, xlsx_response


def _chosen_regency(request):
    """The regency the dashboard shows: the user's own, or one picked by a province viewer."""
    regencies = list(Regency.objects.for_user(request.user).order_by("code"))
    if not regencies:
        return None, []
    wanted = request.GET.get("kabupaten") or request.user.regency_id or settings.KIMTRACK_PUBLIC_REGENCY
    chosen = next((r for r in regencies if r.code == wanted), regencies[0])
    return chosen, regencies


@replica_reads
def home(request):
    """Staff and province viewers get the formation dashboard; kecamatan admins their kecamatan."""
    if request.user.is_district_admin:
        return district_home(request)
    regency, regencies = _chosen_regency(request)
    if regency is None:
        return render(request, "dashboard/empty.html")
    today = timezone.localdate()
    coverage = coverage_of(District.objects.for_user(request.user).filter(regency=regency), today)
    district_target, village_target = FormationTarget.for_regency(regency)
    district_codes = {row.district.code for row in coverage.rows}
    rows, sort = panels.sorted_rows(coverage.rows, request.GET.get("urut", "nama"))
    years = panels.progress_by_year(coverage, today)
    village_covered, village_total = coverage.village_totals()
    decrees = Decree.objects.for_user(request.user).filter(kim__district__regency=regency)
    return render(
        request,
        "dashboard/regency.html",
        {
            "regency": regency,
            "regencies": regencies,
            "coverage": coverage,
            "rows": rows,
            "sort": sort,
            "sort_columns": panels.SORT_COLUMNS,
            "district_progress": panels.target_progress(
                district_target,
                coverage.district_covered,
                coverage.district_total,
                [d for code, d in coverage.covered_since.items() if code in district_codes],
                today,
            ),
            "village_progress": panels.target_progress(
                village_target,
                village_covered,
                village_total,
                [d for code, d in coverage.covered_since.items() if code not in district_codes],
                today,
            ),
            "desa": coverage.village_totals(Village.Kind.DESA),
            "kelurahan": coverage.village_totals(Village.Kind.KELURAHAN),
            "years": years,
            "chart": panels.chart_geometry(years),
            "attention": panels.attention(decrees, today),
            "without_outreach": panels.without_outreach(coverage),
            "map_size": maps.size(regency.code),
            "can_edit_targets": scope.can_run_regency(request.user, regency.code),
            "rules": RegencyRules.read(regency.code),
            "after_formation": panels.after_formation(
                KimGroup.objects.for_user(request.user).filter(district__regency=regency), today
            ),
            "liveliness_states": Liveliness.choices,
            "has_demo": KimGroup.objects.filter(district__regency=regency, is_demo=True).exists(),
        },
    )


@require_GET
@replica_reads
def funnel_page(request):
    """From outreach to a verified SK, per kecamatan, with the regency's medians and who needs a follow-up."""
    regency, regencies = _chosen_regency(request)
    if regency is None:
        return render(request, "dashboard/empty.html")
    districts = District.objects.for_user(request.user).filter(regency=regency)
    return render(
        request,
        "dashboard/funnel.html",
        {"regency": regency, "regencies": regencies, "funnel": funnel_of(regency, districts)},
    )


def district_home(request):
    """A kecamatan admin's home: their kecamatan's status, villages without a KIM, SKs to correct."""
    today = timezone.localdate()
    districts = District.objects.for_user(request.user)
    coverage = coverage_of(districts, today)
    row = coverage.rows[0] if coverage.rows else None
    villages = list(districts.first().villages.order_by("name")) if row else []
    without_kim = list(panels.villages_without_kim(districts.first().villages).order_by("name")) if row else []
    not_formed = [
        (v, coverage.village_status[v.code])
        for v in villages
        if coverage.village_status.get(v.code) not in (None, FormationStatus.FORMED)
    ]
    decrees = Decree.objects.for_user(request.user)
    return render(
        request,
        "dashboard/district_home.html",
        {
            "row": row,
            "without_kim": without_kim,
            "not_formed": not_formed,
            "attention": panels.attention(decrees, today),
            "kim_counts": KimGroup.objects.for_user(request.user)
            .counted()
            .aggregate(total=Count("id"), village=Count("id", filter=Q(level=KimGroup.Level.VILLAGE))),
        },
    )


@replica_reads
def village_map_page(request):
    regency, regencies = _chosen_regency(request)
    if regency is None:
        return render(request, "dashboard/empty.html")
    coverage = coverage_of(District.objects.for_user(request.user).filter(regency=regency))
    names = dict(Village.objects.for_user(request.user).filter(district__regency=regency).values_list("code", "name"))
    return render(
        request,
        "dashboard/village_map.html",
        {
            "regency": regency,
            "regencies": regencies,
            "map": maps.village_map(regency.code, coverage, names),
            "map_size": maps.size(regency.code),
        },
    )


@framed_by_site
@replica_reads
def map_svg(request, level):
    """The kecamatan or desa/kelurahan map of the chosen regency, for the iframe on the dashboard pages."""
    regency, _regencies = _chosen_regency(request)
    if regency is None or maps.size(regency.code) is None or level not in ("kecamatan", "desa"):
        raise Http404
    coverage = coverage_of(District.objects.for_user(request.user).filter(regency=regency))
    if level == "kecamatan":
        data, title = maps.district_map(regency.code, coverage), _("Peta status KIM tingkat kecamatan")
    else:
        names = dict(
            Village.objects.for_user(request.user).filter(district__regency=regency).values_list("code", "name")
        )
        data, title = maps.village_map(regency.code, coverage, names), _("Peta status KIM tingkat desa/kelurahan")
    return maps.svg_response(request, data, title)


def _province_for(request, code):
    """A province the user may compare regencies of: province viewers their own, superusers any.

    Regency staff and kecamatan admins are refused (403): they see one regency, never its neighbours.
    """
    province = get_object_or_404(Province, code=code)
    if not scope.in_area(request.user, province.code):
        if not request.user.can_compare_regencies:
            raise PermissionDenied
        raise Http404
    return province


@replica_reads
def province_dashboard(request, code):
    """The province's regencies side by side: kecamatan and village coverage, pending SKs, last report."""
    province = _province_for(request, code)
    rows = province_dashboard_rows(province)
    sorted_rows, sort = panels.sorted_rows(rows, request.GET.get("urut", "nama"), PROVINCE_SORTS)
    return render(
        request,
        "dashboard/province.html",
        {
            "province": province,
            "rows": sorted_rows,
            "sort": sort,
            "sort_columns": PROVINCE_COLUMNS,
            "totals": province_totals(rows),
            "map_size": maps.size_of(maps.province_shapes(province.code)),
        },
    )


@framed_by_site
@replica_reads
def province_map_svg(request, code):
    province = _province_for(request, code)
    data = maps.province_map(province.code, province_dashboard_rows(province))
    if data is None:
        raise Http404
    return maps.svg_response(
        request, data, _("Peta cakupan KIM kecamatan per kabupaten/kota"), template="dashboard/province_map.svg"
    )


def _public_regency(request):
    code = request.GET.get("kabupaten") or settings.KIMTRACK_PUBLIC_REGENCY
    return Regency.objects.filter(code=code).first() or Regency.objects.order_by("code").first()


@login_not_required
@require_GET
@replica_reads
def public_page(request):
    """What anyone may know (UU 14/2008): coverage, the map, and formed KIMs. Nothing else."""
    regency = _public_regency(request)
    if regency is None:
        return render(request, "dashboard/public.html", {"regency": None})
    today = timezone.localdate()
    coverage = coverage_of(District.objects.filter(regency=regency), today)
    rows = list(public_rows(today, regency.code + "."))
    latest = {}
    formed = KimGroup.objects.covering(today).filter(district__regency=regency)
    for activity in Activity.objects.latest_public(formed, today):
        key = (activity["kim__district_id"], activity["kim__village_id"] or "", activity["kim__name"])
        latest.setdefault(key, []).append(activity)
    by_district = {}
    for row in rows:
        activities = latest.get((row["kode_kecamatan"], row["kode_desa"], row["nama_kim"]), [])
        # Open-data rows carry ISO dates (right for data); the page shows them as people read dates.
        row["signed_on"] = datetime.date.fromisoformat(row["tanggal_sk"])
        by_district.setdefault(row["kecamatan"], []).append((row, activities))
    district_target, village_target = FormationTarget.for_regency(regency)
    return render(
        request,
        "dashboard/public.html",
        {
            "regency": regency,
            "coverage": coverage,
            "village_totals": coverage.village_totals(),
            "by_district": by_district,
            "count": len(rows),
            "targets": (district_target, village_target),
            "rules": RegencyRules.read(regency.code),
            "map_size": maps.size(regency.code),
            "today": today,
        },
    )


@login_not_required
@require_GET
@framed_by_site
@replica_reads
def public_map_svg(request):
    """The public kecamatan map: formed or not, nothing else."""
    regency = _public_regency(request)
    if regency is None or maps.size(regency.code) is None:
        raise Http404
    coverage = coverage_of(District.objects.filter(regency=regency))
    response = maps.svg_response(
        request, maps.district_map(regency.code, coverage, public=True), _("Peta kecamatan dengan KIM terbentuk")
    )
    response["Cache-Control"] = "public, max-age=600"
    return response


@require_GET
@replica_reads
def district_recap_export(request, code):
    """The dashboard's kecamatan table of a regency (a kecamatan admin: their own kecamatan), in its sort order."""
    area = export_area(request, code, levels=(codes.REGENCY, codes.DISTRICT))
    coverage = coverage_of(District.objects.for_user(request.user).filter(code__startswith=code))
    rows, sort = panels.sorted_rows(coverage.rows, request.GET.get("urut", "nama"))
    labels = dict(panels.SORT_COLUMNS)
    sort_label = _("urut menurut %(column)s%(reverse)s") % {
        "column": labels[sort.lstrip("-")],
        "reverse": _(", terbalik") if sort.startswith("-") else "",
    }
    content = district_recap_xlsx(rows, area_name=area.display_name, sort_label=sort_label, user=request.user)
    return xlsx_response(content, download_name("rekap-kecamatan", code))
