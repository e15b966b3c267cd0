import json

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from districts import codes, maps
from districts.coverage import coverage_of
from districts.models import District, FormationTarget, Regency, region_exists
from kimtrack import scope
from kimtrack.csvstream import Echo
from kimtrack.replica import replica_reads
from reports.export_cache import export_file, export_response
from reports.forms import PreviewForm, ReportForm
from reports.models import ProvinceReport
from reports.rows import PUBLIC_COLUMNS, province_rows, public_rows
from reports.services import changes_since_last, report_record

OPEN_DATA_MAX_AGE = 600  # seconds; open data changes when an SK is verified, not by the minute


def _regency_for_reports(request, code):
    regency = get_object_or_404(scope.regencies_for(request.user), code=code)
    if not scope.can_run_regency(request.user, regency.code):
        raise PermissionDenied
    return regency


@require_http_methods(["GET", "POST"])
def province_report(request, code):
    """Staff see what the report holds, what changed since the last one, and record a new one."""
    regency = _regency_for_reports(request, code)
    form = ReportForm(request.POST or None, initial=request.GET or None)
    preview = PreviewForm(request.GET)
    report_date = preview.cleaned_data["report_date"] if preview.is_valid() else timezone.localdate()
    if request.method == "POST" and form.is_valid():
        report_date = form.cleaned_data["report_date"]
        report = report_record(
            regency=regency,
            report_date=report_date,
            period=form.cleaned_data["period"],
            file_format=form.cleaned_data["file_format"],
            user=request.user,
        )
        messages.success(
            request, _("Laporan dicatat (%(n)d KIM). Unduh dan kirim ke Diskominfo Provinsi.") % {"n": report.row_count}
        )
        return redirect("reports:province", code=regency.code)
    last, marked, gone = changes_since_last(regency=regency, entries=list(province_rows(report_date, regency.code)))
    return render(
        request,
        "reports/province_report.html",
        {
            "regency": regency,
            "form": form,
            "report_date": report_date,
            "last": last,
            "marked": marked,
            "gone": gone,
            "history": ProvinceReport.objects.filter(regency=regency).select_related("produced_by")[:20],
            "counts": {state: sum(1 for m in marked if m[0] == state) for state in ("baru", "berubah", "sama")},
        },
    )


def report_download(request, pk):
    report = get_object_or_404(ProvinceReport.objects.select_related("regency"), pk=pk)
    _regency_for_reports(request, report.regency_id)
    name = f"kim-{report.regency_id}-{report.report_date.isoformat()}.{report.file_format}"
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=name)


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
        return render(request, "reports/public.html", {"regency": None})
    today = timezone.localdate()
    coverage = coverage_of(District.objects.filter(regency=regency), today)
    rows = list(public_rows(today, regency.code + "."))
    by_district = {}
    for row in rows:
        by_district.setdefault(row["kecamatan"], []).append(row)
    district_target, village_target = FormationTarget.for_regency(regency)
    return render(
        request,
        "reports/public.html",
        {
            "regency": regency,
            "coverage": coverage,
            "village_totals": coverage.village_totals(),
            "by_district": by_district,
            "count": len(rows),
            "targets": (district_target, village_target),
            "map_size": maps.size(regency.code),
            "today": today,
        },
    )


@login_not_required
@require_GET
def open_data_docs(request):
    return render(request, "reports/open_data.html", {"columns": PUBLIC_COLUMNS})


def _cache(response):
    response["Cache-Control"] = f"public, max-age={OPEN_DATA_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _open_data_area(request):
    """The region code asked for (empty: the whole country); an unknown code is a 404, not an empty file."""
    area = request.GET.get("wilayah", "")
    if area == "":
        return ""
    # A malformed code (letters, a trailing space or newline) is as unknown as a well-formed one
    # that names nothing: never the whole country instead.
    if codes.level_of(area) is None or not region_exists(area):
        raise Http404
    return area


def _open_data_response(request, kind, content_type, generate):
    """`generate(rows)` gives the export's text. Country, province and regency exports are stored per state of
    the data; smaller areas are cheap to stream as they are (one file per village would let anyone fill the disk).
    """
    area = _open_data_area(request)

    def text():
        return generate(public_rows(timezone.localdate(), area))

    if codes.level_of(area) in (None, codes.PROVINCE, codes.REGENCY):  # None: the whole country
        return export_response(export_file(kind, area, text), content_type)
    return StreamingHttpResponse(text(), content_type=content_type)


@login_not_required
@require_GET
@replica_reads
def open_data_csv(request):
    def generate(rows):
        writer = Echo.csv_writer()
        return (writer.writerow(row) for row in _rows_with_header(rows))

    response = _open_data_response(request, "kim-csv", "text/csv; charset=utf-8", generate)
    response["Content-Disposition"] = 'inline; filename="kim.csv"'
    return _cache(response)


def _rows_with_header(rows):
    yield PUBLIC_COLUMNS
    for row in rows:
        yield [row[column] for column in PUBLIC_COLUMNS]


@login_not_required
@require_GET
@replica_reads
def open_data_json(request):
    def generate(rows):
        yield "["
        for index, row in enumerate(rows):
            yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]\n"

    return _cache(_open_data_response(request, "kim-json", "application/json; charset=utf-8", generate))


@login_not_required
@require_GET
def robots(request):
    return HttpResponse("User-agent: *\nAllow: /publik/\nAllow: /data/\nDisallow: /\n", content_type="text/plain")


@login_not_required
@require_GET
@xframe_options_sameorigin
@csp_update({"frame-ancestors": ["'self'"]})
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
