"""Write the province report as XLSX or CSV from its recorded document (see services.report_document).

The XLSX is the file an office signs and sends: a title block, Indonesian headings, one
row per formed KIM with what changed since the last report, totals and coverage, the
KIMs no longer formed and why, and the signature block. The CSV is for systems: the
stable machine columns of rows.PROVINCE_COLUMNS, UTF-8 with a byte-order mark.
"""

import datetime
import io

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font

from kimtrack import csvstream
from kimtrack.xlsx import Sheet, put
from reports.rows import PROVINCE_COLUMNS

DATE_COLUMNS = {"tanggal_sk", "masa_bakti_mulai", "masa_bakti_selesai"}

# (heading, width, how the cell is read from a row); headings as a person reads them.
XLSX_COLUMNS = [
    ("No.", 5, None),
    ("Perubahan", 10, "perubahan"),
    ("Kecamatan", 15, "kecamatan"),
    ("Desa/Kelurahan", 16, "desa_kelurahan"),
    ("Kode wilayah", 14, "kode_wilayah"),
    ("Tingkat", 10, "tingkat"),
    ("Nama KIM", 26, "nama_kim"),
    ("Nomor SK", 26, "nomor_sk"),
    ("Tanggal SK", 16, "tanggal_sk"),
    ("Penerbit SK", 22, "penerbit_sk"),
    ("Masa bakti mulai", 16, "masa_bakti_mulai"),
    ("Masa bakti s.d.", 16, "masa_bakti_selesai"),
    ("Klasifikasi", 11, "klasifikasi"),
    ("Status keaktifan", 11, "status_keaktifan"),
    ("Ketua", 20, "ketua"),
    ("Jumlah anggota", 9, "jumlah_anggota"),
    ("Alamat sekretariat", 30, "alamat_sekretariat"),
    ("Situs web", 26, "website"),
]
SIGNATURE_COLUMN = 14  # the signature block sits at the right, under "Status keaktifan" onwards
BLANK_SIGNER = "...................................."


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def long_date(value):
    """ "10 Desember 2021", whatever language the request runs in."""
    with translation.override("id"):
        return date_format(value, "DATE_FORMAT")


def _cell_value(row, key):
    if key == "kode_wilayah":
        return row["kode_desa"] or row["kode_kecamatan"]
    if key in DATE_COLUMNS:
        return _date(row[key])
    return row[key]


def write_csv(document, *, delimiter=","):
    """UTF-8 with a byte-order mark, a header row of machine names, then one row per KIM."""
    out = io.StringIO()
    out.write(csvstream.BOM)
    writer = csvstream.writer(out, delimiter=delimiter)
    writer.writerow(PROVINCE_COLUMNS)
    for row in document["rows"]:
        writer.writerow([row[column] for column in PROVINCE_COLUMNS])
    return out.getvalue().encode("utf-8")


def summary_lines(document):
    """(label, value) lines of totals and coverage, shared by the XLSX and the printable page."""
    totals = document["totals"]
    return [
        (_("Jumlah KIM terbentuk"), totals["kim"]),
        (_("KIM tingkat kecamatan"), totals["kecamatan"]),
        (_("KIM tingkat desa"), totals["desa"]),
        (_("KIM tingkat kelurahan"), totals["kelurahan"]),
        (
            _("Kecamatan dengan KIM terbentuk"),
            _("%(covered)d dari %(total)d kecamatan")
            % {"covered": totals["districts_covered"], "total": totals["districts_total"]},
        ),
        (
            _("Desa/kelurahan dengan KIM terbentuk"),
            _("%(covered)d dari %(total)d desa/kelurahan")
            % {"covered": totals["villages_covered"], "total": totals["villages_total"]},
        ),
    ]


def comparison_line(document):
    last = document["last_report"]
    if not last:
        return _("Belum ada laporan tercatat sebelumnya: semua baris baru.")
    counts = {state: sum(1 for row in document["rows"] if row["perubahan"] == state) for state in CHANGES}
    return _(
        "Dibanding laporan terakhir (tanggal laporan %(date)s): %(baru)d baru, %(berubah)d berubah, %(sama)d sama, "
        "%(gone)d tidak lagi terbentuk."
    ) % {"date": long_date(_date(last["report_date"])), **counts, "gone": len(document["gone"])}


CHANGES = ("baru", "berubah", "sama")


def signer_lines(document):
    signer = document["signer"]
    place = signer["place"] or BLANK_SIGNER
    return [
        f"{place}, {long_date(_date(document['report_date']))}",
        signer["title"] or BLANK_SIGNER,
        "",
        "",
        "",
        signer["name"] or BLANK_SIGNER,
        signer["rank"],
        f"NIP. {signer['nip']}" if signer["nip"] else "",
    ]


def credit_line(document):
    produced = datetime.datetime.fromisoformat(document["produced_at"])
    with translation.override("id"):
        when = date_format(produced, "DATETIME_FORMAT")
    return _("Dibuat dengan KIMTrack pada %(when)s WIB.") % {"when": when}


def write_xlsx(document):
    sheet = Sheet("KIM terbentuk")
    sheet.line(_("Laporan KIM Terbentuk"), bold=True, size=14)
    sheet.line(document["regency"]["name"], bold=True, size=12)
    sheet.line(_("Periode: %(period)s") % {"period": document["period"]})
    sheet.line(_("Tanggal laporan: %(date)s") % {"date": long_date(_date(document["report_date"]))})
    sheet.line(_("Dasar hukum: %(basis)s") % {"basis": document["legal_basis"] or "-"})
    sheet.line(comparison_line(document))
    sheet.blank()
    sheet.header([heading for heading, _width, _key in XLSX_COLUMNS], [width for _h, width, _k in XLSX_COLUMNS])
    for number, row in enumerate(document["rows"], start=1):
        sheet.table_row([number, *(_cell_value(row, key) for _h, _w, key in XLSX_COLUMNS[1:])])
    sheet.end_table()

    sheet.blank()
    sheet.line(_("Ringkasan"), bold=True)
    for label, value in summary_lines(document):
        _spanned(sheet, [(label, 1, 6), (value, 7, 2)])

    if document["gone"]:
        sheet.blank()
        sheet.line(_("KIM di laporan terakhir yang tidak lagi terbentuk"), bold=True)
        heading = _spanned(sheet, [("No.", 1, 1), (_("Wilayah"), 2, 5), ("Nama KIM", 7, 1), ("Nomor SK", 8, 1)])
        _spanned(sheet, [(_("Alasan"), 9, 6)], row=heading)
        for cell in sheet.sheet[heading]:
            cell.font = Font(bold=True)
        for number, entry in enumerate(document["gone"], start=1):
            row = _spanned(
                sheet,
                [(number, 1, 1), (entry["wilayah"], 2, 5), (entry["nama_kim"], 7, 1), (entry["nomor_sk"], 8, 1)],
            )
            _spanned(sheet, [(entry["alasan"], 9, 6)], row=row)

    sheet.blank()
    first = sheet.row + 1
    for line in signer_lines(document):
        _spanned(sheet, [(line, SIGNATURE_COLUMN, 5)])
    sheet.sheet.cell(row=first + 5, column=SIGNATURE_COLUMN).font = Font(bold=True, underline="single")
    sheet.blank()
    sheet.line(credit_line(document), size=8)
    return sheet.to_bytes()


def _spanned(sheet, parts, row=None):
    """Write (value, first column, number of columns) parts on one row, merging each part's columns."""
    if row is None:
        sheet.row += 1
        row = sheet.row
    for value, column, span in parts:
        cell = put(sheet.sheet.cell(row=row, column=column), value)
        cell.alignment = Alignment(vertical="top", wrap_text=span > 1 and isinstance(value, str) and len(value) > 40)
        if span > 1:
            sheet.sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)
    return row


# The CSV's columns as staff and the province's systems read them (shown on the report page).
CSV_COLUMN_HELP = [
    ("kode_kabupaten", gettext_lazy("teks"), gettext_lazy("Kode Kemendagri kabupaten/kota, mis. 35.23")),
    ("kabupaten", gettext_lazy("teks"), gettext_lazy("Nama kabupaten/kota")),
    ("kode_kecamatan", gettext_lazy("teks"), gettext_lazy("Kode kecamatan, mis. 35.23.12")),
    ("kecamatan", gettext_lazy("teks"), gettext_lazy("Nama kecamatan")),
    ("kode_desa", gettext_lazy("teks"), gettext_lazy("Kode desa/kelurahan; kosong untuk KIM tingkat kecamatan")),
    ("desa_kelurahan", gettext_lazy("teks"), gettext_lazy("Nama desa/kelurahan; kosong untuk KIM tingkat kecamatan")),
    ("tingkat", gettext_lazy("teks"), "kecamatan, desa, kelurahan"),
    ("nama_kim", gettext_lazy("teks"), gettext_lazy("Nama KIM")),
    ("nomor_sk", gettext_lazy("teks"), gettext_lazy("Nomor SK pembentukan, seperti tertulis")),
    ("tanggal_sk", gettext_lazy("tanggal"), gettext_lazy("Tanggal SK, YYYY-MM-DD")),
    ("penerbit_sk", gettext_lazy("teks"), gettext_lazy("Camat, Kepala Desa atau Lurah yang menerbitkan SK")),
    ("masa_bakti_mulai", gettext_lazy("tanggal"), gettext_lazy("Awal masa bakti pengurus, YYYY-MM-DD")),
    ("masa_bakti_selesai", gettext_lazy("tanggal"), gettext_lazy("Akhir masa bakti pengurus, YYYY-MM-DD")),
    ("klasifikasi", gettext_lazy("teks"), gettext_lazy("Klasifikasi KIM menurut aturan kabupaten, atau kosong")),
    ("status_keaktifan", gettext_lazy("teks"), gettext_lazy("Aktif atau Tidak aktif")),
    ("ketua", gettext_lazy("teks"), gettext_lazy("Nama ketua, atau kosong")),
    ("jumlah_anggota", gettext_lazy("angka"), gettext_lazy("Jumlah anggota, atau kosong")),
    ("alamat_sekretariat", gettext_lazy("teks"), gettext_lazy("Alamat sekretariat dalam satu baris")),
    ("website", gettext_lazy("URL"), gettext_lazy("Situs web KIM, atau kosong")),
]
