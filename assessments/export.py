"""The list of assessments as XLSX: user text always as text cells, never formulas; dates as date cells."""

import io

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font

COLUMNS = [
    ("Tahun", 8), ("Kode kecamatan", 12), ("Kecamatan", 16), ("Kode desa", 15), ("Desa/kelurahan", 18),
    ("Nama KIM", 28), ("Tanggal penilaian", 14), ("Nilai akhir", 10), ("Klasifikasi disarankan", 16),
    ("Klasifikasi ditetapkan", 16), ("Rincian nilai", 50), ("Catatan", 40),
]  # fmt: skip


def _text(cell, value):
    """Put `value` in the cell as text: a leading = + - @ stays text, never a formula."""
    cell.value = value or ""
    cell.data_type = TYPE_STRING
    cell.number_format = "@"


def write_xlsx(assessments):
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Penilaian KIM"
    for index, (title, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=title)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row_number, assessment in enumerate(assessments, start=2):
        kim = assessment.kim
        cells = [sheet.cell(row=row_number, column=i) for i in range(1, len(COLUMNS) + 1)]
        cells[0].value = assessment.year
        _text(cells[1], kim.district_id)
        _text(cells[2], kim.district.display_name)
        _text(cells[3], kim.village_id or "")
        _text(cells[4], kim.village.display_name if kim.village else "")
        _text(cells[5], kim.name)
        cells[6].value = assessment.assessed_on
        cells[6].number_format = "yyyy-mm-dd"
        cells[7].value = float(assessment.score) if assessment.score is not None else None
        cells[7].number_format = "0.00"
        _text(cells[8], assessment.suggested.name if assessment.suggested else "")
        _text(cells[9], assessment.confirmed.name if assessment.confirmed else "")
        _text(cells[10], "; ".join(f"{s.criterion_name} {s.score} (bobot {s.weight})" for s in assessment.scores.all()))
        _text(cells[11], " ".join(assessment.notes.split()))
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
