"""Write the province report as XLSX (openpyxl) or CSV."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from districts.models import RegencyRules
from reports.rows import PROVINCE_COLUMNS

WIDTHS = {
    "kode_kabupaten": 10, "kabupaten": 18, "kode_kecamatan": 11, "kecamatan": 16, "kode_desa": 15,
    "desa_kelurahan": 18, "tingkat": 10, "nama_kim": 28, "nomor_sk": 30, "tanggal_sk": 12, "penerbit_sk": 24,
    "masa_bakti_mulai": 12, "masa_bakti_selesai": 12, "klasifikasi": 12, "status_keaktifan": 12, "ketua": 22,
    "jumlah_anggota": 9, "alamat_sekretariat": 36, "website": 30,
}  # fmt: skip
TITLE_ROWS = 4  # title, report date, legal basis, blank


def write_csv(rows):
    """UTF-8, a header row, then one row per KIM; nothing else."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(PROVINCE_COLUMNS)
    for row in rows:
        writer.writerow([row[column] for column in PROVINCE_COLUMNS])
    return out.getvalue().encode("utf-8")


def write_xlsx(rows, *, regency, report_date):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "KIM terbentuk"
    legal_basis = "; ".join(RegencyRules.for_regency(regency).legal_basis_list)
    sheet["A1"] = f"Daftar KIM terbentuk — {regency.display_name}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = f"Tanggal laporan: {report_date.isoformat()}"
    sheet["A3"] = f"Dasar hukum: {legal_basis or '-'}"
    header_row = TITLE_ROWS + 1
    for index, column in enumerate(PROVINCE_COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=index, value=column)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[column]
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, column in enumerate(PROVINCE_COLUMNS, start=1):
            # Codes stay text ("35.23" must not become the number 35.23).
            sheet.cell(row=header_row + count, column=index, value=row[column]).number_format = (
                "0" if column == "jumlah_anggota" else "@"
            )
    last = get_column_letter(len(PROVINCE_COLUMNS))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(count, 1)}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
