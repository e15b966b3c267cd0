"""Read a KIM list (XLSX or CSV) into rows of text, whatever the office's spreadsheet looks like."""

import csv
import datetime
import io
import re
import unicodedata

import magic
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

COLUMNS = [
    "kode_kecamatan", "kecamatan", "kode_desa", "desa_kelurahan", "tingkat", "nama_kim", "tanggal_pembentukan",
    "alamat_sekretariat", "telepon", "email", "website", "klasifikasi", "status_keaktifan", "jumlah_anggota",
    "ketua", "sekretaris", "bendahara", "nomor_sk", "tanggal_sk", "penandatangan", "masa_bakti_mulai",
    "masa_bakti_selesai",
]  # fmt: skip
REQUIRED = {"nama_kim", "tingkat"}
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


def normalise(text):
    """Case-, space- and punctuation-insensitive form of a name ("Desa  Beji." -> "beji")."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^(desa|kelurahan|kel|kecamatan|kec) ", "", text)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def read_table(upload):
    """Return [(line number, {column: text})] from an XLSX or CSV upload, or raise ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Berkas lebih dari 5 MB; pecah menjadi beberapa berkas."))
    head = upload.read(4096)
    upload.seek(0)
    kind = magic.from_buffer(head, mime=True)
    if kind in ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"):
        lines = _xlsx_lines(upload)
    elif kind.startswith("text/") or kind == "application/csv":
        lines = _csv_lines(upload)
    else:
        raise ValidationError(_("Berkas bukan spreadsheet XLSX atau CSV. Gunakan templat yang disediakan."))
    return _rows(lines)


def _xlsx_lines(upload):
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken or foreign zip
        raise ValidationError(_("Berkas XLSX rusak atau tidak bisa dibaca.")) from None
    sheet = workbook.worksheets[0]
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, [_cell(v) for v in row]


def _csv_lines(upload):
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel on Windows saves CSV this way
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        pass
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        yield number, [_cell(v) for v in row]


def _rows(lines):
    header, rows = None, []
    for number, cells in lines:
        if header is None:
            names = [c.strip().lower().replace(" ", "_") for c in cells]
            if "nama_kim" in names:  # title rows above the header are allowed
                header = names
                missing = REQUIRED - set(names)
                if missing:
                    raise ValidationError(_("Kolom wajib tidak ada: %(cols)s") % {"cols": ", ".join(sorted(missing))})
            continue
        if not any(cells):
            continue
        rows.append(
            (number, {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name in COLUMNS})
        )
        if len(rows) > MAX_ROWS:
            raise ValidationError(_("Lebih dari %(n)d baris; pecah berkasnya.") % {"n": MAX_ROWS})
    if header is None:
        raise ValidationError(
            _("Baris judul dengan kolom “nama_kim” tidak ditemukan. Gunakan templat yang disediakan.")
        )
    return rows


def parse_date(text):
    """ISO (2021-12-02), Indonesian numeric (02/12/2021, 2-12-2021) or empty -> date or None."""
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
