"""CSV we hand out: user text stays data, whether streamed or written to a file.

Every CSV export writes through `writer()` (or `Echo.csv_writer()` to stream): a cell
that a spreadsheet would read as a formula (leading `=`, `+`, `-`, `@`, tab or carriage
return, the OWASP CSV injection list) gets a leading apostrophe, which spreadsheets
show as text. The csv module quotes cells holding the separator, quotes or line breaks.
"""

import csv

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # lets Excel with any regional setting read the file as UTF-8


def safe_cell(value):
    """The value as a spreadsheet must show it: text that could start a formula is neutralised."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeWriter:
    """A csv.writer that neutralises every cell it writes."""

    def __init__(self, file, *, delimiter=","):
        self._writer = csv.writer(file, delimiter=delimiter, lineterminator="\r\n")

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(file, *, delimiter=","):
    return SafeWriter(file, delimiter=delimiter)


class Echo:
    """A 'file' whose write hands each line straight back, to stream a CSV response."""

    def write(self, value):
        return value

    @classmethod
    def csv_writer(cls, *, delimiter=","):
        return SafeWriter(cls(), delimiter=delimiter)
