import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from decrees.models import Decree
from districts.models import District, FormationTarget, KimGroup, RegencyRules, Village
from kimtrack.stored_files import removed_on_failure
from reports.export import long_date, write_csv, write_xlsx
from reports.models import ProvinceReport, ReportEntry
from reports.rows import fingerprint, province_rows

RESEND_WINDOW = datetime.timedelta(minutes=30)


def report_document(*, regency, report_date, period, entries=None):
    """What a report of this date holds, as plain data: the one source of the XLSX, CSV and printable page."""
    entries = list(province_rows(report_date, regency.code)) if entries is None else entries
    last, marked, gone = changes_since_last(regency=regency, entries=entries)
    rows = [{**row, "perubahan": state} for state, _decree, row in marked]
    rules = RegencyRules.for_regency(regency)
    levels = [row["tingkat"] for row in rows]
    return {
        "regency": {"code": regency.code, "name": regency.display_name},
        "period": period,
        "report_date": report_date.isoformat(),
        "produced_at": timezone.localtime().replace(tzinfo=None).isoformat(timespec="minutes"),
        "legal_basis": FormationTarget.for_regency(regency)[0].legal_basis,
        "last_report": {"report_date": last.report_date.isoformat(), "period": last.period} if last else None,
        "rows": rows,
        "gone": [
            {
                "nama_kim": entry.kim.name,
                "wilayah": ", ".join(str(area) for area in (entry.kim.village, entry.kim.district) if area),
                "nomor_sk": entry.decree.number,
                "alasan": why_not_formed(entry.kim, entry.decree, report_date),
            }
            for entry in gone
        ],
        "totals": {
            "kim": len(rows),
            "kecamatan": levels.count("kecamatan"),
            "desa": levels.count("desa"),
            "kelurahan": levels.count("kelurahan"),
            # Coverage as the rows show it, out of the regency's own kecamatan and villages.
            "districts_covered": len({r["kode_kecamatan"] for r in rows if r["tingkat"] == "kecamatan"}),
            "districts_total": District.objects.filter(regency=regency).count(),
            "villages_covered": len({r["kode_desa"] for r in rows if r["kode_desa"]}),
            "villages_total": Village.objects.filter(district__regency=regency).count(),
        },
        "signer": {
            "place": rules.signer_place,
            "title": rules.signer_title,
            "name": rules.signer_name,
            "rank": rules.signer_rank,
            "nip": rules.signer_nip,
        },
    }


def render_report(document, file_format):
    if file_format == ProvinceReport.Format.CSV:
        return write_csv(document)
    if file_format == ProvinceReport.Format.CSV_SEMICOLON:
        return write_csv(document, delimiter=";")
    return write_xlsx(document)


def report_content(*, regency, report_date, file_format, period=""):
    """(file bytes, [(decree, row), ...]) for the regency's report on a date."""
    entries = list(province_rows(report_date, regency.code))
    document = report_document(regency=regency, report_date=report_date, period=period, entries=entries)
    return render_report(document, file_format), entries


def report_record(*, regency, report_date, period, file_format, user, submission=None):
    """Produce the report file and record it with the KIMs it holds, all or nothing.

    `submission` is the token of the form sent: the same form sent again (double click, Back and
    resend) returns the report it recorded the first time. Returns (report, created).
    """
    submission = submission or uuid.uuid4()
    existing = _recorded(submission, regency)
    if existing:
        return existing, False
    entries = list(province_rows(report_date, regency.code))
    resent = _resent(regency=regency, report_date=report_date, period=period, file_format=file_format, user=user,
                     entries=entries)  # fmt: skip
    if resent:
        return resent, False
    document = report_document(regency=regency, report_date=report_date, period=period, entries=entries)
    content = render_report(document, file_format)
    try:
        with removed_on_failure() as written, transaction.atomic():
            report = ProvinceReport(
                regency=regency,
                report_date=report_date,
                period=period,
                file_format=file_format,
                row_count=len(entries),
                document=document,
                submission=submission,
                produced_by=user,
            )
            report.file.save(f"laporan.{report.extension}", ContentFile(content), save=False)
            written.append(report.file.name)
            report.save()
            ReportEntry.objects.bulk_create(
                ReportEntry(report=report, kim_id=decree.kim_id, decree=decree, fingerprint=fingerprint(row))
                for decree, row in entries
            )
    except IntegrityError:
        existing = _recorded(submission, regency)  # a concurrent request with the same form won the race
        if existing is None:
            raise
        return existing, False
    return report, True


def _resent(*, regency, report_date, period, file_format, user, entries):
    """The report this user recorded moments ago with the same choices and the same rows, if any.

    Back, then send again, may show the form afresh (browsers re-fetch a page they did not keep), so
    its token is new; what was sent is the same, and recording it twice helps nobody.
    """
    recent = (
        ProvinceReport.objects.filter(
            regency=regency,
            report_date=report_date,
            period=period,
            file_format=file_format,
            produced_by=user,
            created_at__gte=timezone.now() - RESEND_WINDOW,
        )
        .order_by("-created_at")
        .first()
    )
    if recent is None:
        return None
    held = dict(recent.entries.values_list("kim_id", "fingerprint"))
    return recent if held == {decree.kim_id: fingerprint(row) for decree, row in entries} else None


def _recorded(submission, regency):
    existing = ProvinceReport.objects.filter(submission=submission).first()
    if existing and existing.regency_id != regency.code:
        raise ValidationError(_("Formulir ini sudah dipakai untuk laporan lain. Muat ulang halaman."))
    return existing


def changes_since_last(*, regency, entries):
    """Compare rows with the last recorded report: new, changed, unchanged, and KIMs no longer formed."""
    last = ProvinceReport.objects.filter(regency=regency).order_by("-created_at").first()
    before = {e.kim_id: e.fingerprint for e in last.entries.all()} if last else {}
    marked = []
    for decree, row in entries:
        previous = before.pop(decree.kim_id, None)
        state = "baru" if previous is None else ("sama" if previous == fingerprint(row) else "berubah")
        marked.append((state, decree, row))
    gone = (
        list(
            last.entries.filter(kim_id__in=before)
            .select_related("kim__district", "kim__village", "decree")
            .order_by("kim__district_id", "kim__name")
        )
        if last
        else []
    )
    return last, marked, gone


def why_not_formed(kim, decree, on_date):
    """Why a KIM of the last report is not in this one, read from the SK the last report listed.

    This explains the outcome of rows.formed_decrees; it does not decide it.
    """
    if kim.record == KimGroup.Record.MERGED:
        return _("Digabung ke “%(name)s”: %(reason)s") % {"name": kim.merged_into.name, "reason": kim.record_reason}
    if kim.record == KimGroup.Record.MISTAKEN:
        return _("Ditandai salah input: %(reason)s") % {"reason": kim.record_reason}
    if kim.activity == KimGroup.Activity.DISSOLVED:
        return _("KIM bubar.")
    if decree.status == Decree.Status.WITHDRAWN:
        return _("SK ditarik: %(reason)s") % {"reason": decree.withdrawal_reason}
    if decree.status == Decree.Status.SUPERSEDED:
        return _("SK digantikan SK baru yang belum berlaku pada tanggal laporan.")
    if decree.term_end < on_date:
        return _("Masa bakti SK berakhir %(date)s.") % {"date": long_date(decree.term_end)}
    if decree.signed_on > on_date:
        return _("SK ditandatangani sesudah tanggal laporan.")
    return _("Tidak memenuhi syarat terbentuk pada tanggal laporan.")
