"""Read a KIM list (XLSX or CSV) into rows of text, whatever the office's spreadsheet looks like."""

import csv
import datetime
import io
import re
import time
import unicodedata
import zipfile

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
# Every bound holds whatever the file declares: a sheet's <dimension>, a zip's sizes, a CSV's quoting.
MAX_ROWS = 5000  # rows of data
MAX_LINES = 6000  # lines read in all: title rows and empty rows count
MAX_COLUMNS = 100  # COLUMNS has 22; more is kept only up to here
MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # an XLSX is a zip: its parts once inflated
MAX_SECONDS = 30  # reading stops with a message instead of outliving the web server's timeout


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


def _number(n):
    return f"{n:,}".replace(",", ".")


def read_table(upload):
    """Return [(line number, {column: text})] from an XLSX or CSV upload, or raise ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Berkas lebih dari 5 MB; pecah menjadi beberapa berkas."))
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    kind = magic.from_buffer(head, mime=True)
    try:
        if kind in ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"):
            return _xlsx_rows(upload)
        if kind.startswith("text/") or kind == "application/csv":
            return _rows(_csv_lines(upload))
    finally:
        upload.seek(0)
    raise ValidationError(_("Berkas bukan spreadsheet XLSX atau CSV. Gunakan templat yang disediakan."))


def _xlsx_rows(upload):
    broken = ValidationError(_("Berkas XLSX rusak atau tidak bisa dibaca."))
    try:
        inflated = sum(info.file_size for info in zipfile.ZipFile(upload).infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise broken from None
    if inflated > MAX_UNZIPPED_BYTES:
        raise ValidationError(
            _(
                "Isi berkas XLSX terlalu besar setelah dibuka (%(mb)s MB, batas %(limit)s MB). "
                "Simpan ulang datanya saja."
            )
            % {"mb": _number(inflated // 1_048_576), "limit": _number(MAX_UNZIPPED_BYTES // 1_048_576)}
        )
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken or foreign zip
        raise broken from None
    try:
        sheet = workbook.worksheets[0]
        _check_declared_size(sheet)
        # Read what is really there, not what <dimension> claims (it may also claim too little),
        # never wider than MAX_COLUMNS; _rows stops after MAX_LINES rows, empty ones included.
        sheet.reset_dimensions()
        cells = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return _rows((number, [_cell(v) for v in row]) for number, row in enumerate(cells, start=1))
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - a malformed sheet part surfaces while iterating
        raise broken from None
    finally:
        workbook.close()


def _check_declared_size(sheet):
    """Refuse a sheet whose own <dimension> says it is larger than we read."""
    try:
        rows, columns = sheet.max_row, sheet.max_column
    except Exception:  # noqa: BLE001 - a nonsensical dimension is the same as none
        return
    if (rows or 0) > MAX_LINES or (columns or 0) > MAX_COLUMNS:
        raise ValidationError(
            _(
                "Lembar pertama menyatakan ukuran %(ref)s (%(rows)s baris × %(cols)s kolom); paling banyak "
                "%(max_rows)s baris dan %(max_cols)s kolom. Salin datanya saja ke lembar baru lalu unggah ulang."
            )
            % {
                "ref": sheet.calculate_dimension(),
                "rows": _number(rows or 0),
                "cols": _number(columns or 0),
                "max_rows": _number(MAX_LINES),
                "max_cols": MAX_COLUMNS,
            }
        )


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
    reader = csv.reader(io.StringIO(text), dialect)
    number = 0
    while True:
        try:
            row = next(reader, None)
        except csv.Error:
            raise ValidationError(
                _(
                    "Baris %(line)d: satu isian lebih dari %(limit)s karakter, atau tanda kutipnya tidak ditutup. "
                    "Periksa berkasnya."
                )
                % {"line": reader.line_num, "limit": _number(csv.field_size_limit())}
            ) from None
        if row is None:
            return
        number += 1
        if len(row) > MAX_COLUMNS:
            raise ValidationError(
                _("Baris %(line)d memiliki %(n)s kolom; paling banyak %(limit)d.")
                % {"line": number, "n": _number(len(row)), "limit": MAX_COLUMNS}
            )
        yield number, [_cell(v) for v in row]


def _rows(lines):
    header, rows = None, []
    deadline = time.monotonic() + MAX_SECONDS
    for number, cells in lines:
        if number > MAX_LINES:
            raise ValidationError(
                _(
                    "Lebih dari %(n)s baris dibaca (baris kosong dan baris judul ikut dihitung). "
                    "Hapus baris kosong di bawah data atau pecah berkasnya."
                )
                % {"n": _number(MAX_LINES)}
            )
        if time.monotonic() > deadline:
            raise ValidationError(_("Berkas terlalu lama dibaca; pecah menjadi beberapa berkas yang lebih kecil."))
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


# A date cell that lost its date format is the day count Excel keeps: 45658 is 2025-01-01. Five digits
# cover 1927-2173, so a year alone (2021) is never mistaken for one.
EXCEL_SERIAL = re.compile(r"^[1-9][0-9]{4}(\.0+)?$")
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def parse_date(text):
    """ISO (2021-12-02), Indonesian numeric (02/12/2021), an Excel serial (45658) or empty -> date or None."""
    text = (text or "").strip()
    if not text:
        return None
    if EXCEL_SERIAL.match(text):
        return EXCEL_EPOCH + datetime.timedelta(days=int(float(text)))
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
