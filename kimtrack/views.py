import shutil
import uuid
from pathlib import Path

from csp.decorators import csp_update
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from decrees.formation import FormationStatus
from districts import dashboard, maps
from districts.coverage import coverage_of
from districts.models import FormationTarget, KimGroup, Province, Village
from districts.province import COLUMNS as PROVINCE_COLUMNS
from districts.province import SORTS as PROVINCE_SORTS
from districts.province import regency_rows as province_dashboard_rows
from districts.province import totals as province_totals
from kimtrack import scope
from kimtrack.replica import replica_reads


def _chosen_regency(request):
    """The regency the dashboard shows: the user's own, or one picked by a province viewer."""
    regencies = list(scope.regencies_for(request.user).order_by("code"))
    if not regencies:
        return None, []
    wanted = request.GET.get("kabupaten") or "35.23"
    chosen = next((r for r in regencies if r.code == wanted), regencies[0])
    return chosen, regencies


@replica_reads
def home(request):
    """Staff and province viewers get the formation dashboard; kecamatan admins their kecamatan."""
    if request.user.is_district_admin:
        return district_home(request)
    regency, regencies = _chosen_regency(request)
    if regency is None:
        return render(request, "home_empty.html")
    today = timezone.localdate()
    coverage = coverage_of(scope.districts_for(request.user).filter(regency=regency), today)
    district_target, village_target = FormationTarget.for_regency(regency)
    district_codes = {row.district.code for row in coverage.rows}
    rows, sort = dashboard.sorted_rows(coverage.rows, request.GET.get("urut", "nama"))
    years = dashboard.progress_by_year(coverage, today)
    village_covered, village_total = coverage.village_totals()
    decrees = scope.decrees_for(request.user).filter(kim__district__regency=regency)
    return render(
        request,
        "dashboard.html",
        {
            "regency": regency,
            "regencies": regencies,
            "coverage": coverage,
            "rows": rows,
            "sort": sort,
            "sort_columns": dashboard.SORT_COLUMNS,
            "district_progress": dashboard.target_progress(
                district_target,
                coverage.district_covered,
                coverage.district_total,
                [d for code, d in coverage.covered_since.items() if code in district_codes],
                today,
            ),
            "village_progress": dashboard.target_progress(
                village_target,
                village_covered,
                village_total,
                [d for code, d in coverage.covered_since.items() if code not in district_codes],
                today,
            ),
            "desa": coverage.village_totals(Village.Kind.DESA),
            "kelurahan": coverage.village_totals(Village.Kind.KELURAHAN),
            "years": years,
            "chart": dashboard.chart_geometry(years),
            "attention": dashboard.attention(decrees, today),
            "map_size": maps.size(regency.code),
            "can_edit_targets": scope.can_run_regency(request.user, regency.code),
            "has_demo": KimGroup.objects.filter(district__regency=regency, is_demo=True).exists(),
        },
    )


def district_home(request):
    """A kecamatan admin's home: their kecamatan's status, villages without a KIM, SKs to correct."""
    today = timezone.localdate()
    districts = scope.districts_for(request.user)
    coverage = coverage_of(districts, today)
    row = coverage.rows[0] if coverage.rows else None
    villages = list(districts.first().villages.order_by("name")) if row else []
    without_kim = [v for v in villages if coverage.village_status.get(v.code) is None]
    not_formed = [
        (v, coverage.village_status[v.code])
        for v in villages
        if coverage.village_status.get(v.code) not in (None, FormationStatus.FORMED)
    ]
    decrees = scope.decrees_for(request.user)
    return render(
        request,
        "district_home.html",
        {
            "row": row,
            "without_kim": without_kim,
            "not_formed": not_formed,
            "attention": dashboard.attention(decrees, today),
            "kim_counts": scope.kims_for(request.user).aggregate(
                total=Count("id"), village=Count("id", filter=Q(level=KimGroup.Level.VILLAGE))
            ),
        },
    )


@replica_reads
def village_map_page(request):
    regency, regencies = _chosen_regency(request)
    if regency is None:
        return render(request, "home_empty.html")
    coverage = coverage_of(scope.districts_for(request.user).filter(regency=regency))
    names = dict(scope.villages_for(request.user).filter(district__regency=regency).values_list("code", "name"))
    return render(
        request,
        "village_map.html",
        {
            "regency": regency,
            "regencies": regencies,
            "map": maps.village_map(regency.code, coverage, names),
            "map_size": maps.size(regency.code),
        },
    )


@xframe_options_sameorigin
@csp_update({"frame-ancestors": ["'self'"]})
@replica_reads
def map_svg(request, level):
    """The kecamatan or desa/kelurahan map of the chosen regency, for the iframe on the dashboard pages."""
    regency, _regencies = _chosen_regency(request)
    if regency is None or maps.size(regency.code) is None or level not in ("kecamatan", "desa"):
        raise Http404
    coverage = coverage_of(scope.districts_for(request.user).filter(regency=regency))
    if level == "kecamatan":
        data, title = maps.district_map(regency.code, coverage), _("Peta status KIM tingkat kecamatan")
    else:
        names = dict(scope.villages_for(request.user).filter(district__regency=regency).values_list("code", "name"))
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
    sorted_rows, sort = dashboard.sorted_rows(rows, request.GET.get("urut", "nama"), PROVINCE_SORTS)
    return render(
        request,
        "province_dashboard.html",
        {
            "province": province,
            "rows": sorted_rows,
            "sort": sort,
            "sort_columns": PROVINCE_COLUMNS,
            "totals": province_totals(rows),
            "map_size": maps.size_of(maps.province_shapes(province.code)),
        },
    )


@xframe_options_sameorigin
@csp_update({"frame-ancestors": ["'self'"]})
@replica_reads
def province_map_svg(request, code):
    province = _province_for(request, code)
    data = maps.province_map(province.code, province_dashboard_rows(province))
    if data is None:
        raise Http404
    return maps.svg_response(
        request, data, _("Peta cakupan KIM kecamatan per kabupaten/kota"), template="districts/province_map.svg"
    )


def _deep_health_allowed(request):
    """The deeper checks write to storage and read every migration: for monitoring with the token, or staff."""
    token = settings.HEALTHZ_TOKEN
    given = request.headers.get("X-Healthz-Token") or request.GET.get("token", "")
    if token and given and constant_time_compare(given, token):
        return True
    return request.user.is_authenticated and request.user.is_regency_staff


def _media_free_bytes():
    """Free space where uploads land (local storage only; an object store reports no figure)."""
    if settings.STORAGE_BACKEND != "local":
        return None
    root = Path(settings.MEDIA_ROOT)
    while not root.exists() and root != root.parent:
        root = root.parent
    return shutil.disk_usage(root).free


@login_not_required
def healthz(request):
    """200 when the site can answer; else 503.

    Anyone (a load balancer, every few seconds) gets the cheap, read-only answer: the database
    answers one query. With HEALTHZ_TOKEN (header X-Healthz-Token or ?token=) or a staff login it
    also checks that migrations are applied, that media storage takes a write, and free disk space.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = True
    except DatabaseError:
        checks["database"] = False
    if _deep_health_allowed(request):
        try:
            executor = MigrationExecutor(connection)
            checks["migrations"] = not executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError:
            checks["migrations"] = False
        try:
            # Through the storage API, so an object store is checked the same way as local disk.
            name = default_storage.save(f"healthz/{uuid.uuid4().hex}", ContentFile(b"ok"))
            default_storage.delete(name)
            checks["media"] = True
        except Exception:  # noqa: BLE001 - any storage failure means uploads would fail
            checks["media"] = False
        free = _media_free_bytes()
        if free is not None:
            checks["disk"] = free >= settings.HEALTHZ_MIN_FREE_MB * 1024 * 1024
    ok = all(checks.values())
    response = JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)
    response["Cache-Control"] = "no-store"
    return response
