"""The XLSX files staff download from their pages: the KIM list as filtered, the outreach log,
the per-kecamatan recap of the dashboard. Same rules as the province report (kimtrack.xlsx):
a title with the area, the filter and the date, Indonesian headings, real dates, numbers as
numbers, every user text as text. The caller passes querysets already scoped to the user.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from decrees.formation import FormationStatus
from districts import codes
from districts.models import District, Province, Regency
from kimtrack import scope
from kimtrack.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from kimtrack.xlsx import Sheet


def _downloaded_line(user):
    with translation.override("id"):
        when = date_format(timezone.localtime().replace(tzinfo=None), "DATETIME_FORMAT")
    return _("Diunduh %(when)s WIB oleh %(user)s dari KIMTrack.") % {"when": when, "user": user.get_username()}


def _title(sheet, title, area_name, filters, user):
    sheet.line(title, bold=True, size=14)
    sheet.line(area_name, bold=True)
    sheet.line(_("Saringan: %(filters)s") % {"filters": filters or _("tidak ada (semua data)")})
    sheet.line(_downloaded_line(user))
    sheet.blank()


def _table(sheet, columns, rows):
    sheet.header([heading for heading, _width in columns], [width for _heading, width in columns])
    for number, values in enumerate(rows, start=1):
        sheet.table_row([number, *values])
    sheet.end_table()


def kim_list_xlsx(kims, *, area_name, filters, user):
    """`kims` from KimGroup.objects.for_list() (formation status annotated), filtered as on the page."""
    sheet = Sheet("Daftar KIM")
    _title(sheet, _("Daftar KIM"), area_name, filters, user)
    statuses = dict(FormationStatus.choices)
    columns = [
        ("No.", 5), (_("Nama KIM"), 28), (_("Tingkat"), 14), (_("Kecamatan"), 16), (_("Desa/Kelurahan"), 18),
        (_("Status pembentukan"), 18), (_("Klasifikasi"), 12), (_("Status keaktifan"), 12),
        (_("Tanggal pembentukan"), 18), (_("Jumlah anggota"), 10), (_("Alamat sekretariat"), 30),
        (_("Telepon"), 16), (_("Email"), 24), (_("Situs web"), 26),
    ]  # fmt: skip
    rows = (
        [
            kim.name,
            kim.get_level_display(),
            kim.district.display_name,
            kim.village.display_name if kim.village else "",
            str(statuses.get(kim.formation_status, kim.formation_status)),
            kim.classification.name if kim.classification else "",
            kim.get_activity_display(),
            kim.founded_on,
            kim.member_count,
            " ".join(kim.address.split()),
            kim.phone,
            kim.email,
            kim.website,
        ]
        for kim in kims
    )
    _table(sheet, columns, rows)
    return sheet.to_bytes()


def outreach_xlsx(events, *, area_name, user):
    """`events` annotated with_order_in_year()."""
    sheet = Sheet("Sosialisasi")
    _title(sheet, _("Sosialisasi KIM"), area_name, "", user)
    columns = [
        ("No.", 5), (_("Tanggal"), 18), (_("Kecamatan"), 16), (_("Desa/kelurahan tempat"), 18), (_("Tempat"), 26),
        (_("Sosialisasi ke- (tahun itu)"), 12), (_("Jumlah peserta"), 10), (_("Unsur peserta"), 30),
        (_("Narasumber"), 28), (_("Catatan"), 36),
    ]  # fmt: skip
    rows = (
        [
            event.held_on,
            event.district.display_name,
            event.village.display_name if event.village else "",
            event.venue,
            event.order_in_year,
            event.participant_count,
            ", ".join(event.participant_group_labels()),
            "; ".join(line.strip() for line in event.speakers.splitlines() if line.strip()),
            " ".join(event.notes.split()),
        ]
        for event in events
    )
    _table(sheet, columns, rows)
    return sheet.to_bytes()


def district_recap_xlsx(rows, *, area_name, sort_label, user):
    """Rows of districts.coverage (the dashboard's kecamatan table), in the page's order, with a totals row."""
    sheet = Sheet("Rekap kecamatan")
    _title(sheet, _("Rekap pembentukan KIM per kecamatan"), area_name, sort_label, user)
    statuses = dict(FormationStatus.choices)
    columns = [
        ("No.", 5), (_("Kecamatan"), 18), (_("Kode"), 10), (_("Sosialisasi pertama"), 18),
        (_("Jumlah sosialisasi"), 12), (_("KIM kecamatan"), 18), (_("Desa/kel. dengan KIM terbentuk"), 14),
        (_("Jumlah desa/kel."), 10), (_("Cakupan desa/kel. (%)"), 12), (_("SK menunggu"), 10),
    ]  # fmt: skip
    _table(
        sheet,
        columns,
        (
            [
                row.district.display_name,
                row.district.code,
                row.outreach_dates[0] if row.outreach_dates else None,
                len(row.outreach_dates),
                str(statuses[row.kim_status]) if row.kim_status else _("belum ada KIM"),
                row.village_covered,
                row.village_total,
                row.village_percent,
                row.pending,
            ]
            for row in rows
        ),
    )
    covered = sum(row.village_covered for row in rows)
    total = sum(row.village_total for row in rows)
    sheet.line(
        "",
        _("Jumlah"),
        "",
        "",
        sum(len(row.outreach_dates) for row in rows),
        _("%(covered)d dari %(total)d kecamatan") % {"covered": sum(r.is_covered for r in rows), "total": len(rows)},
        covered,
        total,
        round(100 * covered / total) if total else 0,
        sum(row.pending for row in rows),
        bold=True,
    )
    return sheet.to_bytes()


# Shared by every staff export view: which region, how the download is named and sent.
EXPORT_REGIONS = {codes.PROVINCE: Province, codes.REGENCY: Regency, codes.DISTRICT: District}


def export_area(request, code, levels=tuple(EXPORT_REGIONS)):
    """The region an export covers: inside the user's area and of an allowed level, else 404."""
    level = codes.level_of(code)
    if level not in levels or not scope.in_area(request.user, code):
        raise Http404
    return get_object_or_404(EXPORT_REGIONS[level], code=code)


def xlsx_response(content, name):
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def download_name(kind, code, extension="xlsx"):
    return f"{kind}-{code or 'semua'}-{timezone.localdate().isoformat()}.{extension}"
