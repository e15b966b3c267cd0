from django.core.files.base import ContentFile
from django.db import transaction

from kimtrack.stored_files import removed_on_failure
from reports.export import write_csv, write_xlsx
from reports.models import ProvinceReport, ReportEntry
from reports.rows import fingerprint, province_rows


def report_content(*, regency, report_date, file_format):
    """(file bytes, [(decree, row), ...]) for the regency's report on a date."""
    entries = list(province_rows(report_date, regency.code))
    rows = [row for _decree, row in entries]
    if file_format == ProvinceReport.Format.CSV:
        return write_csv(rows), entries
    return write_xlsx(rows, regency=regency, report_date=report_date), entries


def report_record(*, regency, report_date, period, file_format, user):
    """Produce the report file and record it with the KIMs it holds, all or nothing."""
    content, entries = report_content(regency=regency, report_date=report_date, file_format=file_format)
    with removed_on_failure() as written, transaction.atomic():
        report = ProvinceReport(
            regency=regency,
            report_date=report_date,
            period=period,
            file_format=file_format,
            row_count=len(entries),
            produced_by=user,
        )
        report.file.save(f"laporan.{file_format}", ContentFile(content), save=False)
        written.append(report.file.name)
        report.save()
        ReportEntry.objects.bulk_create(
            ReportEntry(report=report, kim_id=decree.kim_id, decree=decree, fingerprint=fingerprint(row))
            for decree, row in entries
        )
    return report


def changes_since_last(*, regency, entries):
    """Compare rows with the last recorded report: new, changed, unchanged, and KIMs no longer formed."""
    last = ProvinceReport.objects.filter(regency=regency).order_by("-created_at").first()
    before = {e.kim_id: e.fingerprint for e in last.entries.all()} if last else {}
    marked = []
    for decree, row in entries:
        previous = before.pop(decree.kim_id, None)
        state = "baru" if previous is None else ("sama" if previous == fingerprint(row) else "berubah")
        marked.append((state, decree, row))
    gone = list(last.entries.filter(kim_id__in=before).select_related("kim")) if last else []
    return last, marked, gone
