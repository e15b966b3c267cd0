import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from districts import codes
from districts.filters import KimFilter
from districts.models import KimGroup, Regency, RegencyRules, region_exists
from kimtrack import scope
from kimtrack.csvstream import Echo
from kimtrack.replica import replica_reads
from outreach.models import OutreachEvent
from reports.export import (
    CSV_COLUMN_HELP,
    DATE_COLUMNS,
    comparison_line,
    credit_line,
    signer_lines,
    summary_lines,
)
from reports.export_cache import export_response, open_export
from reports.forms import PreviewForm, ReportForm, SentForm
from reports.models import ProvinceReport
from reports.rows import PUBLIC_COLUMNS, province_rows, public_rows
from reports.services import changes_since_last, report_record, why_not_formed
from reports.staff_exports import download_name, export_area, kim_list_xlsx, outreach_xlsx, xlsx_response

PREVIEW_ID = "pratinjau_%s"  # the preview and the record form both have a date field: distinct ids
OPEN_DATA_MAX_AGE = 600  # seconds; open data changes when an SK is verified, not by the minute


def _regency_for_reports(request, code):
    regency = get_object_or_404(Regency.objects.for_user(request.user), code=code)
    if not scope.can_run_regency(request.user, regency.code):
        raise PermissionDenied
    return regency


def _report_for_user(request, pk):
    report = get_object_or_404(ProvinceReport.objects.select_related("regency"), pk=pk)
    _regency_for_reports(request, report.regency_id)
    return report


@require_http_methods(["GET", "POST"])
def province_report(request, code):
    """Staff see what the report holds, what changed since the last one, and record a new one."""
    regency = _regency_for_reports(request, code)
    preview = PreviewForm(request.GET or None, auto_id=PREVIEW_ID)
    report_date = preview.cleaned_data["report_date"] if preview.is_valid() else timezone.localdate()
    form = ReportForm(request.POST or None, initial={"report_date": report_date})
    if request.method == "POST" and form.is_valid():
        try:
            report, created = report_record(
                regency=regency,
                report_date=form.cleaned_data["report_date"],
                period=form.cleaned_data["period"],
                file_format=form.cleaned_data["file_format"],
                user=request.user,
                submission=form.cleaned_data["submission"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if created:
                messages.success(
                    request,
                    _("Laporan dicatat (%(n)d KIM). Unduh, tanda tangani dan kirim ke Diskominfo Provinsi.")
                    % {"n": report.row_count},
                )
            else:
                messages.info(request, _("Formulir ini sudah dikirim sebelumnya: laporannya tidak dicatat dua kali."))
            return redirect(reverse("reports:province", args=[regency.code]) + f"#laporan-{report.pk}")
    if request.method == "POST":
        report_date = form.cleaned_data.get("report_date", report_date)
    last, marked, gone = changes_since_last(regency=regency, entries=list(province_rows(report_date, regency.code)))
    return render(
        request,
        "reports/province_report.html",
        {
            "regency": regency,
            "form": form,
            "preview": preview
            if preview.is_bound
            else PreviewForm(initial={"report_date": report_date}, auto_id="preview_%s"),
            "report_date": report_date,
            "last": last,
            "marked": marked,
            "gone": [(entry, why_not_formed(entry.kim, entry.decree, report_date)) for entry in gone],
            "history": ProvinceReport.objects.filter(regency=regency).select_related("produced_by", "sent_marked_by")[
                :20
            ],
            "counts": {state: sum(1 for m in marked if m[0] == state) for state in ("baru", "berubah", "sama")},
            "columns": CSV_COLUMN_HELP,
            "signer_missing": not RegencyRules.for_regency(regency).signer_name,
        },
    )


@require_GET
def report_download(request, pk):
    report = _report_for_user(request, pk)
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.download_name)


@require_GET
def report_print(request, pk):
    """The recorded report as a page to print and sign: the same content as its file."""
    report = _report_for_user(request, pk)
    if not report.document:  # recorded before reports kept their content
        raise Http404
    document = report.document
    return render(
        request,
        "reports/report_print.html",
        {
            "report": report,
            "document": document,
            "rows": [
                {**row, **{key: datetime.date.fromisoformat(row[key]) for key in DATE_COLUMNS}}
                for row in document["rows"]
            ],
            "report_date": datetime.date.fromisoformat(document["report_date"]),
            "comparison": comparison_line(document),
            "summary": summary_lines(document),
            "signer": signer_lines(document),
            "credit": credit_line(document),
        },
    )


@require_http_methods(["GET", "POST"])
def report_sent(request, pk):
    """Staff note that a recorded report went to the province: when, how, under which reference."""
    report = _report_for_user(request, pk)
    initial = (
        {"sent_on": report.sent_on, "sent_via": report.sent_via, "sent_reference": report.sent_reference}
        if report.is_sent
        else None
    )
    form = SentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report.mark_sent(
                by=request.user,
                on=form.cleaned_data["sent_on"],
                via=form.cleaned_data["sent_via"],
                reference=form.cleaned_data["sent_reference"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Laporan ditandai terkirim."))
            return redirect(reverse("reports:province", args=[report.regency_id]) + f"#laporan-{report.pk}")
    return render(request, "reports/report_sent.html", {"report": report, "form": form})


@require_GET
def kim_list_export(request, code):
    """The KIM list as the page shows it with the same filter, for the user's area (or part of it)."""
    area = export_area(request, code)
    kims = (
        KimGroup.objects.for_user(request.user)
        .filter(district__code__startswith=code)
        .for_list()
        .order_by("district__name", "level", "name")
    )
    kim_filter = KimFilter(request.GET or None, queryset=kims, user=request.user)
    if kim_filter.is_bound and "district" in kim_filter.form.errors:
        raise Http404  # a kecamatan outside the user's area
    content = kim_list_xlsx(
        kim_filter.qs, area_name=area.display_name, filters=_filter_summary(kim_filter), user=request.user
    )
    return xlsx_response(content, download_name("kim", code))


def _filter_summary(kim_filter):
    """ "Kecamatan: Jenu; Tingkat: Desa/Kelurahan" from the filter's valid values."""
    if not kim_filter.is_bound or not kim_filter.form.is_valid():
        return ""
    parts = []
    for name, field in kim_filter.form.fields.items():
        value = kim_filter.form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        shown = dict(field.choices).get(value, value) if hasattr(field, "choices") and isinstance(value, str) else value
        parts.append(f"{field.label}: {shown}")
    return "; ".join(parts)


@require_GET
def outreach_export(request, code):
    area = export_area(request, code)
    events = (
        OutreachEvent.objects.for_user(request.user)
        .filter(district__code__startswith=code)
        .select_related("district", "village")
        .with_order_in_year()
        .order_by("held_on", "created_at")
    )
    content = outreach_xlsx(events, area_name=area.display_name, user=request.user)
    return xlsx_response(content, download_name("sosialisasi", code))


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
        return export_response(open_export(kind, area, text), content_type)
    return StreamingHttpResponse(text(), content_type=content_type)


@login_not_required
@require_GET
@replica_reads
def open_data_csv(request):
    def generate(rows):
        writer = Echo.csv_writer()
        return (writer.writerow(row) for row in _rows_with_header(rows))

    response = _open_data_response(request, "kim-csv", "text/csv; charset=utf-8", generate)
    response["Content-Disposition"] = f'inline; filename="{download_name("kim", _open_data_area(request), "csv")}"'
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

    response = _open_data_response(request, "kim-json", "application/json; charset=utf-8", generate)
    response["Content-Disposition"] = f'inline; filename="{download_name("kim", _open_data_area(request), "json")}"'
    return _cache(response)


@login_not_required
@require_GET
def robots(request):
    return HttpResponse("User-agent: *\nAllow: /publik/\nAllow: /data/\nDisallow: /\n", content_type="text/plain")
