"""XLSX we hand out: every cell is written by `put`, so user text is never a formula.

openpyxl turns any string starting with `=` into a formula (a number format of `@` does
not stop it), so text cells are given the explicit string type after the value is set.
Dates become real date cells shown the Indonesian way ("10 Desember 2021"), numbers stay
numbers. `Sheet` adds what every export shares: a title block, one header row of
headings, frozen panes, column widths, and print settings (A4 landscape, fitted to the
page width, the header row repeated on every printed page).
"""

import datetime
import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

# [$-421] is Excel's locale tag for Indonesian: month names come out as "Desember".
DATE_FORMAT = "[$-421]d mmmm yyyy"
DATETIME_FORMAT = "[$-421]d mmmm yyyy hh:mm"
MAX_TEXT = 32767  # characters Excel keeps in one cell
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


def put(cell, value):
    """Write one value into a cell: text as text, numbers as numbers, dates as dates."""
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, bool):
        cell.value = value
    elif isinstance(value, int | float | Decimal):
        cell.value = value
    elif isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        # Control characters make openpyxl refuse the whole file; they carry nothing a reader needs.
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_TEXT]
        cell.data_type = "s"  # never "f": a name like =HYPERLINK(...) stays the text it is
    return cell


class Sheet:
    """One worksheet filled top to bottom: title lines, a table, lines below it."""

    def __init__(self, title, workbook=None):
        if workbook is None:
            self.workbook = Workbook()
            self.sheet = self.workbook.active
        else:
            self.workbook = workbook
            self.sheet = workbook.create_sheet()
        self.sheet.title = title[:31]
        self.row = 0
        self.header_row = None
        self.columns = 0
        self.last_table_row = None
        self.widths = []

    def line(self, *values, column=1, bold=False, size=None, wrap=False):
        """Write values on the next row from `column` on; returns the row number."""
        self.row += 1
        for offset, value in enumerate(values):
            cell = put(self.sheet.cell(row=self.row, column=column + offset), value)
            if bold or size:
                cell.font = Font(bold=bold, size=size)
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        return self.row

    def blank(self, count=1):
        self.row += count

    def header(self, headings, widths):
        """The table's heading row: bold, shaded, frozen, repeated on every printed page."""
        self.row += 1
        self.header_row = self.row
        self.columns = len(headings)
        self.widths = list(widths)
        for index, (heading, width) in enumerate(zip(headings, widths, strict=True), start=1):
            cell = put(self.sheet.cell(row=self.row, column=index), heading)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = WRAP
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = self.sheet.cell(row=self.row + 1, column=1)
        self.sheet.print_title_rows = f"{self.row}:{self.row}"

    def table_row(self, values):
        """One row of the table; text longer than its column wraps (styling every cell would cost
        more than writing it: openpyxl hashes the style object on each assignment)."""
        row = self.line(*values)
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > self.widths[index]:
                self.sheet.cell(row=row, column=index + 1).alignment = WRAP
        self.last_table_row = row
        return row

    def end_table(self, *, autofilter=True):
        """Close the table: a filter over it (when it has rows)."""
        if autofilter and self.header_row:
            last = get_column_letter(self.columns)
            self.sheet.auto_filter.ref = f"A{self.header_row}:{last}{max(self.last_table_row or 0, self.header_row)}"

    @classmethod
    def add_to(cls, workbook, title):
        """Another sheet of the same workbook."""
        return cls(title, workbook)

    def to_bytes(self):
        """The whole workbook as XLSX bytes, every sheet set up for printing."""
        for sheet in self.workbook.worksheets:
            _print_setup(sheet)
        out = io.BytesIO()
        self.workbook.save(out)
        return out.getvalue()


def _print_setup(sheet):
    setup = sheet.page_setup
    setup.orientation = sheet.ORIENTATION_LANDSCAPE
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
