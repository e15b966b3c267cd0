"""Load Kemendagri regions from the four-file CSV layout into the database.

The layout is that of `../shared/data/wilayah` (see its SOURCE.md):
provinces.csv (code,name), regencies.csv (code,province_code,name),
districts.csv (code,regency_code,name), villages.csv (code,district_code,name).

Everything is read and validated before anything is written, and the write
happens in one transaction, so bad input changes nothing.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from districts import codes
from districts.models import District, Province, Regency, Village

BUNDLED_SOURCE = Path(settings.BASE_DIR) / "districts" / "data" / "wilayah"


@dataclass(frozen=True)
class Level:
    name: str  # one of codes.LEVELS
    filename: str
    parent_column: str | None
    model: type
    parent_field: str | None


LEVELS = (
    Level(codes.PROVINCE, "provinces.csv", None, Province, None),
    Level(codes.REGENCY, "regencies.csv", "province_code", Regency, "province_id"),
    Level(codes.DISTRICT, "districts.csv", "regency_code", District, "regency_id"),
    Level(codes.VILLAGE, "villages.csv", "district_code", Village, "district_id"),
)


class RegionImportError(Exception):
    """Bad input: names the file and line so the operator can fix it."""

    def __init__(self, filename, line, message):
        self.filename, self.line = filename, line
        where = f"{filename}, baris {line}" if line else filename
        super().__init__(f"{where}: {message}")


@dataclass
class LevelReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    missing_from_source: list = field(default_factory=list)


@dataclass
class ImportReport:
    levels: dict = field(default_factory=dict)  # level name -> LevelReport

    def summary_lines(self):
        lines = []
        for name, rep in self.levels.items():
            lines.append(
                f"{name}: {rep.created} baru, {rep.updated} diperbarui, {rep.unchanged} tetap"
                + (f", {len(rep.missing_from_source)} tidak ada lagi di sumber" if rep.missing_from_source else "")
            )
            lines.extend(f"  tidak ada di sumber (tidak dihapus): {code}" for code in rep.missing_from_source)
        return lines


def _in_area(code, area):
    """A row belongs to the load when it lies inside the area or is one of its ancestors."""
    return code.startswith(area) or area.startswith(code + ".") or area == code


def _area_q(area):
    """The database twin of _in_area: the area, everything inside it, and its ancestors."""
    ancestors = [area[:length] for length in (2, 5, 8) if length < len(area)]
    return Q(code__startswith=area) | Q(code__in=ancestors)


def read_level(source, level):
    """Read and validate one CSV file; return {code: (parent_code, name)}."""
    path = Path(source) / level.filename
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RegionImportError(level.filename, None, "berkas tidak ditemukan") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RegionImportError(level.filename, line, "bukan teks UTF-8") from None
    if "\x00" in text:
        raise RegionImportError(level.filename, None, "bukan berkas CSV (berisi data biner)")

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        raise RegionImportError(level.filename, 1, "berkas kosong, baris judul tidak ada") from None
    except csv.Error as exc:
        raise RegionImportError(level.filename, 1, f"CSV rusak: {exc}") from None
    expected = ["code"] + ([level.parent_column] if level.parent_column else []) + ["name"]
    missing = [column for column in expected if column not in header]
    if missing:
        raise RegionImportError(level.filename, 1, f"kolom tidak ada: {', '.join(missing)}")
    index = {column: header.index(column) for column in expected}

    rows = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                raise RegionImportError(level.filename, line, f"jumlah kolom {len(row)}, seharusnya {len(header)}")
            code = row[index["code"]].strip()
            name = " ".join(row[index["name"]].split())
            parent = row[index[level.parent_column]].strip() if level.parent_column else None
            if not codes.is_valid(code, level.name):
                raise RegionImportError(
                    level.filename, line, f"kode {code!r} tidak sah (contoh yang benar: {codes.EXAMPLES[level.name]})"
                )
            if parent is not None and codes.parent_code(code) != parent:
                raise RegionImportError(level.filename, line, f"kode {code} tidak berada di bawah induk {parent!r}")
            if not name:
                raise RegionImportError(level.filename, line, f"nama untuk kode {code} kosong")
            if code in rows:
                raise RegionImportError(level.filename, line, f"kode {code} muncul lebih dari sekali")
            rows[code] = (parent, name, line)
    except csv.Error as exc:
        raise RegionImportError(level.filename, reader.line_num, f"CSV rusak: {exc}") from None
    return rows


def read_source(source, area=""):
    """Read all four files, keep the rows of `area`, and check every parent exists."""
    if area and codes.level_of(area) is None:
        raise RegionImportError("--area", None, f"kode wilayah {area!r} tidak sah")
    selected = {}
    known_parents = set()
    for level in LEVELS:
        rows = read_level(source, level)
        chosen = {code: value for code, value in rows.items() if _in_area(code, area)}
        if level.parent_column:
            # A parent may come from the same load or already be in the database.
            outside = {parent for parent, _name, _line in chosen.values() if parent not in known_parents}
            in_db = set(_parent_model(level).objects.filter(code__in=outside).values_list("code", flat=True))
            for code, (parent, _name, line) in chosen.items():
                if parent in outside and parent not in in_db:
                    raise RegionImportError(level.filename, line, f"induk {parent} untuk kode {code} tidak ditemukan")
        selected[level.name] = chosen
        known_parents = set(chosen)
    if area and not any(area in rows for rows in selected.values()):
        raise RegionImportError("--area", None, f"wilayah {area} tidak ada di sumber")
    return selected


def _parent_model(level):
    return LEVELS[LEVELS.index(level) - 1].model


def load_regions(*, source=None, area=""):
    """Load (create or rename) every region of `area` from `source`; return an ImportReport."""
    selected = read_source(source or BUNDLED_SOURCE, area)
    report = ImportReport()
    with transaction.atomic():
        for level in LEVELS:
            report.levels[level.name] = _write_level(level, selected[level.name], area)
    return report


def _write_level(level, rows, area):
    model = level.model
    existing = {obj.code: obj for obj in model.objects.filter(_area_q(area))}
    result = LevelReport()
    to_create, to_update = [], []
    for code, (parent, name, _line) in rows.items():
        obj = existing.get(code)
        if obj is None:
            kwargs = {"code": code, "name": name}
            if level.parent_field:
                kwargs[level.parent_field] = parent
            to_create.append(model(**kwargs))
        elif obj.name != name:
            obj.name = name
            to_update.append(obj)
        else:
            result.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=2000)
    model.objects.bulk_update(to_update, ["name"], batch_size=2000)
    result.created, result.updated = len(to_create), len(to_update)
    result.missing_from_source = sorted(set(existing) - set(rows))
    return result
