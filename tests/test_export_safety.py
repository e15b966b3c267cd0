"""User text is data in every export, present and future: spreadsheets are written through one helper each.

kimtrack/xlsx.py writes every XLSX cell (text as explicit string cells, never formulas) and
kimtrack/csvstream.py every CSV cell (leading = + - @ tab CR neutralised). A new export that
reaches for openpyxl or csv.writer directly fails here, before it can ship a formula.
"""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kimtrack import csvstream
from kimtrack.xlsx import Sheet, put

ROOT = Path(__file__).resolve().parent.parent
APPS = [p for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name != "tests"]
APPS += [ROOT / "bench", ROOT / "ops"]

# path -> why it may use the library directly
ALLOWED = {
    "kimtrack/xlsx.py": "the XLSX helper itself",
    "kimtrack/csvstream.py": "the CSV helper itself",
    "imports/parsing.py": "reads uploaded sheets; writes none",
    "districts/management/commands/bundle_regions.py": "writes the bundled region list our own loader reads, "
    "from the official source; no user text",
}
# A workbook made, a CSV writer made, or a cell value set anywhere but in the helpers (styles are fine).
WRITERS = re.compile(
    r"\bcsv\.(writer|DictWriter)\b|\bfrom openpyxl import\b|\bimport openpyxl\b"
    r"|\.cell\([^)]*\bvalue=|\.value\s*=[^=]"
)


def sources():
    for folder in APPS:
        if folder.exists():
            yield from (p for p in folder.rglob("*.py") if "migrations" not in p.parts)


def test_no_export_writes_spreadsheets_around_the_helpers():
    offenders = [
        str(path.relative_to(ROOT))
        for path in sources()
        if str(path.relative_to(ROOT)) not in ALLOWED and WRITERS.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "write XLSX through kimtrack.xlsx and CSV through kimtrack.csvstream"


HOSTILE = ['=HYPERLINK("http://x","y")', "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"]


def test_xlsx_text_cells_are_never_formulas():
    sheet = Sheet("uji")
    sheet.header(["teks", "angka", "tanggal"], [10, 10, 10])
    for text in HOSTILE:
        sheet.table_row([text, -5, datetime.date(2021, 12, 10)])
    loaded = load_workbook(io.BytesIO(sheet.to_bytes())).active
    cells = list(loaded.iter_rows(min_row=2))
    assert [row[0].value for row in cells] == HOSTILE
    assert {row[0].data_type for row in cells} == {"s"}
    assert {row[1].value for row in cells} == {-5}  # a number the program wrote stays a number
    assert all(row[2].is_date for row in cells)


def test_control_characters_do_not_break_the_file():
    sheet = Sheet("uji")
    put(sheet.sheet["A1"], "KIM\x00\x07 Baru")
    assert load_workbook(io.BytesIO(sheet.to_bytes())).active["A1"].value == "KIM Baru"


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_cells_that_start_a_formula_get_an_apostrophe(delimiter):
    out = io.StringIO()
    csvstream.writer(out, delimiter=delimiter).writerow([*HOSTILE, "KIM Baru", 7, -3, ""])
    (row,) = csv.reader(io.StringIO(out.getvalue()), delimiter=delimiter)
    assert row == ["'" + text for text in HOSTILE] + ["KIM Baru", "7", "-3", ""]


def test_the_streaming_writer_neutralises_too():
    assert csvstream.Echo.csv_writer().writerow(["=1+1", "a"]) == "'=1+1,a\r\n"
