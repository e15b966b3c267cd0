"""Held-out set 3: synthetic KIM decrees typed in Word, printed, scanned and photographed.

Each decree is written as a .docx with python-docx, converted to PDF by LibreOffice,
rasterised at 300 dpi with pypdfium2, signed and stamped with Pillow, then rendered
three ways: ``clean.pdf`` (image-only), ``scan.pdf`` (photocopy + scan) and
``photo-N.jpg`` (phone photos, some stored sideways with an EXIF orientation).

Usage (from the repository root)::

    python -m bench.ocr.heldout3.make_set --set-dir DIR --count 20 --seed 2028
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from docx import Document
from docx.enum.section import WD_SECTION  # noqa: F401  (kept for readers of the docx API)
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
WILAYAH = REPO / "districts" / "data" / "wilayah"
DPI = 300
MARKER_RGB = (250, 0, 250)  # magenta marker typed where the signature goes
LO_PROFILE = "file:///tmp/lo-profile-heldout3"

FONTS = ["Liberation Sans", "Liberation Serif", "URW Bookman", "Carlito", "DejaVu Serif"]
PAPERS = {"F4": (215, 330), "A4": (210, 297)}

MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip

# Pillow fonts for the stamp, the handwriting-free crest and the photo overlay.
TTF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
TTF_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

FIRST_M = [
    "Ahmad", "Muhammad", "Moch.", "Mochamad", "Abdul", "Agus", "Budi", "Slamet", "Sutrisno",
    "Sugeng", "Bambang", "Hariyanto", "Imam", "Joko", "Kasmuri", "Nur", "Rudi", "Suwarno",
    "Teguh", "Wahyu", "Yusuf", "Zainal", "Edi", "Fajar", "Hendra", "Sholikhin", "Mustofa",
    "Ali", "Heru", "Gunawan", "Syaiful", "Rohmat", "Didik", "Eko", "Dwi", "Kusnadi",
]  # fmt: skip
FIRST_F = [
    "Siti", "Sri", "Dewi", "Endang", "Lilik", "Nur", "Umi", "Yuli", "Rina", "Ika", "Anik",
    "Suci", "Fitri", "Nanik", "Wiwik", "Puji", "Laili", "Khoirun", "Rahayu", "Tri", "Erna",
]  # fmt: skip
LAST = [
    "Fauzi", "Santoso", "Hidayat", "Prasetyo", "Wibowo", "Susanto", "Rahmawati", "Lestari",
    "Handayani", "Kurniawan", "Setiawan", "Nurhayati", "Arifin", "Maulana", "Hasanah",
    "Mubarok", "Syafi'i", "Rofiq", "Anwar", "Efendi", "Hartono", "Suprapto", "Purnomo",
    "Wahyuni", "Safitri", "Mukhlis", "Sholeh", "Zuhroh", "Ma'ruf", "Khoiriyah", "Romadhon",
    "Aminudin", "Kholifah", "Rosyid", "Sulistyowati", "Yulianto", "Ningsih", "Chusnul Chotimah",
]  # fmt: skip
DEGREES = ["S.Pd.", "S.E.", "S.Sos.", "S.H.", "S.AP.", "S.Kom.", "A.Md.", "S.T.", "S.Ag.", "S.IP."]
MASTERS = ["M.M.", "M.Si.", "M.AP.", "M.Pd."]
RANKS = [
    ("Pembina", "IV/a"), ("Pembina Tingkat I", "IV/b"), ("Penata Tingkat I", "III/d"),
    ("Penata", "III/c"), ("Pembina Utama Muda", "IV/c"),
]  # fmt: skip
KIM_NAMES = [
    "Jendela Desa", "Mandiri", "Sinar Informasi", "Cahaya", "Mekar Sari", "Bina Warga",
    "Suara Desa", "Media Informasi", "Gemilang", "Lentera", "Sumber Informasi", "Maju Bersama",
    "Pelita", "Kabar Desa", "Rukun Santoso", "Jaya Makmur", "Tunas Harapan", "Sido Makmur",
]  # fmt: skip
STREETS = ["Jl. Raya", "Jl. Pemuda", "Jl. Diponegoro", "Jl. Sunan Bonang", "Jl. Basuki Rahmat", "Jl. Veteran"]


def load_places() -> dict:
    """Kecamatan of Kabupaten Tuban with their desa and kelurahan, from the bundled CSV."""
    kec = {}
    with open(WILAYAH / "districts.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["regency_code"] == "35.23":
                kec[row["code"]] = {"name": row["name"], "desa": [], "kelurahan": []}
    with open(WILAYAH / "villages.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            d = kec.get(row["district_code"])
            if d is None:
                continue
            kind = "kelurahan" if row["code"].split(".")[-1].startswith("1") else "desa"
            d[kind].append(row["name"])
    return kec


def generator_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


# --------------------------------------------------------------------------------------
# Document plan: every text and every random choice, plus the ground truth.
# --------------------------------------------------------------------------------------


def person(rng: random.Random, *, official: bool = False) -> str:
    """A Javanese-Indonesian name in title case, optionally with titles and degrees."""
    female = rng.random() < 0.4
    first = rng.choice(FIRST_F if female else FIRST_M)
    parts = [first]
    if rng.random() < 0.6:
        parts.append(rng.choice(LAST))
    if rng.random() < 0.25:
        parts.insert(1, rng.choice(["Nur", "Dwi", "Eko", "Tri", "Agus", "Ari"]))
    name = " ".join(dict.fromkeys(parts))
    pre = ""
    if official and rng.random() < 0.45:
        pre = rng.choice(["Hj. " if female else "H. ", "Drs. " if not female else "Dra. ", "Drs. H. "])
        if female and pre == "Drs. H. ":
            pre = "Hj. "
    elif rng.random() < 0.1:
        pre = "Hj. " if female else "H. "
    deg = ""
    if official and rng.random() < 0.75 and not pre.startswith("Dr"):
        deg = ", " + rng.choice(DEGREES)
        if rng.random() < 0.35:
            deg += ", " + rng.choice(MASTERS)
    elif official and pre.startswith("Dr") and rng.random() < 0.5:
        deg = ", " + rng.choice(MASTERS)
    elif not official and rng.random() < 0.18:
        deg = ", " + rng.choice(DEGREES)
    return pre + name + deg


def upper_name(name: str) -> str:
    """Capitalise a name but keep the case of titles and degrees (``Drs. H. AHMAD, M.Si.``)."""
    words = name.split(" ")
    out = []
    for i, w in enumerate(words):
        core = w.rstrip(",")
        is_title = core.endswith(".") and (i == 0 or core in ("H.", "Hj.", "Drs.", "Dra.") or "," in "".join(words[:i]))
        if core in ("H.", "Hj.", "Drs.", "Dra.") or (is_title and "," in " ".join(words[:i])):
            out.append(w)
        else:
            out.append(w.upper())
    return " ".join(out)


def date_text(rng: random.Random, d: tuple[int, int, int], style: str) -> str:
    y, m, day = d
    if style == "long":
        return f"{day} {MONTHS[m - 1]} {y}"
    if style == "upper":
        return f"{day} {MONTHS[m - 1].upper()} {y}"
    if style == "slash":
        return f"{day:02d}/{m:02d}/{y}"
    return f"{day:02d}-{m:02d}-{y}"


def make_number(rng: random.Random, kind: str, year: int, kec_idx: int) -> tuple[str, str]:
    """Return (shape, number text) for the decree number."""
    n = rng.randint(1, 420)
    shapes = ["188sp", "100.3", "B/180", "188short", "141"]
    if kind == "kades":
        shapes += ["tahun", "tahun", "tahun", "141"]
    shape = rng.choice(shapes)
    pad = f"{n:02d}" if rng.random() < 0.4 else str(n)
    if shape == "188sp":
        num = f"188/ {pad} /KPTS/414.{400 + kec_idx:03d}/{year}"
    elif shape == "100.3":
        num = f"100.3.3.2/{pad}/KPTS/413.0{kec_idx:02d}/{year}"
    elif shape == "B/180":
        num = f"B/180.05/{pad}/409.{rng.randint(1, 9)}.{rng.randint(1, 9)}/KPTS/{year}"
    elif shape == "188short":
        num = f"188/{pad}/KPTS/{year}"
    elif shape == "141":
        num = f"141/{pad}/Kpts/414.{400 + kec_idx:03d}.{rng.randint(1, 20)}/{year}"
    else:
        return shape, f"{rng.randint(1, 60)} TAHUN {year}"
    if rng.random() < 0.15:
        num = num.replace("/", " / ")
    return shape, num


def plan_document(rng: random.Random, places: dict) -> dict:
    codes = sorted(places)
    kind = rng.choices(["camat", "kades", "lurah"], weights=[4, 5, 1])[0]
    with_kel = [c for c in codes if places[c]["kelurahan"]]
    code = rng.choice(with_kel if kind == "lurah" else codes)
    kec = places[code]["name"]
    kec_idx = int(code.split(".")[-1])
    pool = places[code]["kelurahan" if kind == "lurah" else "desa"] or places[code]["desa"]
    village = rng.choice(pool)
    year = rng.randint(2019, 2026)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    komunitas = year >= 2024 and rng.random() < 0.6
    kim_long = "KOMUNITAS INFORMASI MASYARAKAT" if komunitas else "KELOMPOK INFORMASI MASYARAKAT"

    plt = kind == "camat" and rng.random() < 0.25
    if kind == "camat":
        office = f"Camat {kec}"
        title_head = f"CAMAT {kec.upper()}"
        title_lines = [f"KEPUTUSAN CAMAT {kec.upper()}", "KABUPATEN TUBAN"]
        signer_title = ("Plt. CAMAT " if plt else "CAMAT ") + kec.upper() + ","
    elif kind == "lurah":
        office = f"Lurah {village}"
        title_head = f"LURAH {village.upper()}"
        title_lines = [f"KEPUTUSAN LURAH {village.upper()}", f"KECAMATAN {kec.upper()} KABUPATEN TUBAN"]
        signer_title = f"LURAH {village.upper()},"
    else:
        office = f"Kepala Desa {village}"
        title_head = f"KEPALA DESA {village.upper()}"
        title_lines = [f"KEPUTUSAN KEPALA DESA {village.upper()}", f"KECAMATAN {kec.upper()} KABUPATEN TUBAN"]
        signer_title = f"KEPALA DESA {village.upper()},"
    one_line = rng.random() < 0.4
    if one_line:
        title_lines = [" ".join(title_lines)]

    shape, number = make_number(rng, kind, year, kec_idx)
    label = "NOMOR" if shape == "tahun" else rng.choice(["NOMOR :", "Nomor :", "NOMOR", "NOMOR :"])

    base = rng.choice(KIM_NAMES)
    suffix = rng.choice(["Mandiri", "Maju", "Sejahtera", "Berdaya", "Informatika", "Cerdas"])
    kim = rng.choice([base, base, f"{village} {suffix}"])
    kim_name = f"KIM {kim}"
    quote = rng.choice(["straight", "curly", "none"])
    ql, qr = {"straight": ('"', '"'), "curly": ("\u201c", "\u201d"), "none": ("", "")}[quote]
    kim_printed = f"KIM {ql}{kim}{qr}"
    kim_where = rng.choice(["title", "diktum", "both", "lampiran", "title+lampiran"])
    area = f"DESA {village.upper()}" if kind != "lurah" else f"KELURAHAN {village.upper()}"
    about = [f"PEMBENTUKAN {kim_long} (KIM)"]
    if "title" in kim_where or kim_where == "both":
        about.append(kim_printed.upper())
    about.append(f"{area} KECAMATAN {kec.upper()}")
    if rng.random() < 0.4:
        about.append("KABUPATEN TUBAN")
    if rng.random() < 0.3:
        about.append(f"TAHUN {year}")

    name = person(rng, official=True)
    name_case = rng.choice(["upper", "upper", "title"])
    signatory = upper_name(name) if name_case == "upper" else name
    rank = nip = None
    if kind in ("camat", "lurah") or rng.random() < 0.08:
        r, g = rng.choice(RANKS if kind == "camat" else RANKS[2:4] + [("Penata Muda Tingkat I", "III/b")])
        rank = rng.choice([r, f"{r} ({g})", f"{r} - {g}"])
        by = rng.randint(1966, 1986)
        nip = (
            f"{by}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d} {by + rng.randint(22, 30)}"
            f"{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 20):03d}"
        )

    officers = plan_officers(rng, name, kind, kec, village)
    short = {"Seksi Pengembangan Usaha Ekonomi Produktif": "Seksi Ekonomi Produktif",
             "Seksi Pemberdayaan Masyarakat dan Kemitraan": "Seksi Kemitraan"}  # fmt: skip
    off_case = rng.choice(["upper", "title", "title"])
    for o in officers:
        if off_case == "upper":
            o["name"] = upper_name(o["name"])

    bdate = (year, month, max(1, day - rng.randint(2, 20)))
    ba_no = f"{rng.randint(1, 99):03d}/BA/414.{400 + kec_idx}.{rng.randint(1, 20)}/{year}"
    date_style = rng.choice(["long", "long", "upper", "slash", "dash"])
    officer_format = rng.choice(["table", "table", "table", "colon"])
    if officer_format == "colon":
        for o in officers:
            o["role"] = short.get(o["role"], o["role"])
    return {
        "kind": kind,
        "kec": kec,
        "village": village,
        "year": year,
        "date": (year, month, day),
        "date_printed": date_text(rng, (year, month, day), date_style),
        "ba": (ba_no, date_text(rng, bdate, rng.choice(["long", "long", "slash"]))),
        "komunitas": komunitas,
        "kim_long": kim_long,
        "office": office,
        "title_head": title_head,
        "title_lines": title_lines,
        "signer_title": signer_title,
        "plt": plt,
        "number": number,
        "number_label": label,
        "kim_name": kim_name,
        "kim_printed": kim_printed,
        "about": about,
        "area": area,
        "signatory": signatory,
        "rank": rank,
        "nip": nip,
        "officers": officers,
        "layout": {
            "paper": rng.choice(["F4", "F4", "A4"]),
            "font": rng.choice(FONTS),
            "size": rng.choice([11, 11.5, 12, 12]),
            "spacing": rng.choice([1.0, 1.0, 1.15, 1.5]),
            "title_one_line": one_line,
            "number_shape": shape,
            "date_style": date_style,
            "quote": quote,
            "kim_where": kim_where,
            "name_case": name_case,
            "officer_case": off_case,
            "officers_in": rng.choice(["body", "lampiran", "lampiran"]),
            "officer_format": officer_format,
            "table_borders": rng.random() < 0.7,
            "table_order": rng.choice(["nama-jabatan", "jabatan-nama"]),
            "keterangan": rng.random() < 0.3,
            "role_case": rng.choice(["title", "title", "upper"]),
            "consider_layout": rng.choice(["table", "tabs"]),
            "mengingat_law": "4/2024" if year >= 2024 and rng.random() < 0.7 else "8/2019",
            "memperhatikan": rng.random() < 0.7,
            "tembusan": rng.random() < 0.5,
            "letterhead": rng.random() < 0.85,
            "signer_align": rng.choice(["indent", "table"]),
            "ink": rng.choice(["blue", "blue", "black"]),
            "stamp_ink": rng.choice(["purple", "blue", "violet"]),
            "sig_touches_name": rng.random() < 0.35,
        },
    }


SEKSI = [
    "Seksi Liputan dan Dokumentasi", "Seksi Pengolahan Informasi", "Seksi Humas dan Publikasi",
    "Bidang Teknologi Informasi", "Seksi Pengembangan Usaha Ekonomi Produktif", "Bidang Media Sosial",
    "Seksi Pemberdayaan Masyarakat dan Kemitraan",
]  # fmt: skip


def plan_officers(rng: random.Random, signer: str, kind: str, kec: str, village: str) -> list[dict]:
    roles: list[tuple[str, int]] = []
    if rng.random() < 0.7:
        roles.append(("Pelindung", 1))
    roles.append((rng.choice(["Penasehat", "Penasihat"]), rng.choice([1, 1, 2])))
    if rng.random() < 0.6:
        roles.append(("Penanggung Jawab", 1))
    roles += [("Ketua", 1)]
    if rng.random() < 0.7:
        roles.append(("Wakil Ketua", 1))
    roles += [("Sekretaris", 1), ("Bendahara", 1)]
    for s in rng.sample(SEKSI, rng.randint(1, 3)):
        roles.append((s, rng.choice([1, 1, 2])))
    total = sum(n for _, n in roles)
    target = rng.randint(10, 16)
    roles.append(("Anggota", max(2, target - total)))
    out = []
    for role, n in roles:
        for _ in range(n):
            nm = person(rng, official=role in ("Pelindung", "Penasehat", "Penasihat"))
            if role == "Pelindung" and rng.random() < 0.5:
                nm = person(rng, official=True)
            out.append({"role": role, "name": nm})
    # occasionally a very long name that has to wrap in a narrow table cell
    if rng.random() < 0.5:
        o = rng.choice(out[3:])
        o["name"] = f"{rng.choice(FIRST_M)} {rng.choice(LAST)} {rng.choice(LAST)} Nur Cahyo Wibisono, S.Pd.I."
    return out


# --------------------------------------------------------------------------------------
# Crest (drawn with Pillow) and small python-docx helpers.
# --------------------------------------------------------------------------------------


def draw_crest(rng: random.Random, path: Path) -> None:
    """A regency-style shield: gold rim, green/blue field, star, rice and cotton, waves."""
    w, h = 420, 500
    im = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(im)
    shield = [(20, 20), (w - 20, 20), (w - 20, 300), (w // 2, h - 15), (20, 300)]
    d.polygon(shield, fill=(212, 170, 40))
    inner = [(42, 42), (w - 42, 42), (w - 42, 290), (w // 2, h - 50), (42, 290)]
    d.polygon(inner, fill=rng.choice([(22, 120, 60), (30, 90, 160), (20, 110, 90)]))
    cx, cy, r = w // 2, 120, 55
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.42
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=(250, 215, 60))
    for i in range(7):  # rice (left) and cotton (right)
        y = 200 + i * 22
        d.ellipse((80, y, 104, y + 16), fill=(240, 200, 50))
        d.ellipse((w - 104, y, w - 80, y + 16), fill="white", outline=(120, 120, 120))
    for j in range(3):  # waves
        y = 330 + j * 26
        d.arc((120, y, 210, y + 30), 200, 340, fill="white", width=7)
        d.arc((210, y, 300, y + 30), 200, 340, fill="white", width=7)
    d.rectangle((60, h - 120 + 100, w - 60, h - 2), fill="white")
    im.save(path)


def set_font(run, font: str, size: float | None = None, bold: bool = False, underline: bool = False) -> None:
    run.font.name = font
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), font)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None
    run.underline = underline or None


def bottom_border(paragraph, kind: str = "thickThinSmallGap", size: int = 24) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), kind)
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    bdr.append(bottom)
    ppr.append(bdr)


def set_col_width(table, widths_cm: list[float]) -> None:
    table.autofit = False
    for col, wcm in zip(table.columns, widths_cm, strict=False):
        col.width = Cm(wcm)
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is not None:
        tblw.set(qn("w:type"), "dxa")
        tblw.set(qn("w:w"), str(int(sum(widths_cm) * 567)))
    for row in table.rows:
        for cell, wcm in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(wcm)


class Writer:
    """Adds paragraphs in the document's font and spacing."""

    def __init__(self, doc, spec: dict):
        self.doc = doc
        self.font = spec["layout"]["font"]
        self.size = spec["layout"]["size"]
        self.spacing = spec["layout"]["spacing"]

    def para(self, text="", *, bold=False, underline=False, align=None, size=None, indent_cm=None,
             hanging_cm=None, tabs=(), space_after=0, spacing=None, container=None):  # fmt: skip
        target = container if container is not None else self.doc
        p = target.add_paragraph()
        pf = p.paragraph_format
        pf.space_after = Pt(space_after)
        pf.space_before = Pt(0)
        pf.line_spacing = spacing or self.spacing
        if align:
            p.alignment = align
        if indent_cm is not None:
            pf.left_indent = Cm(indent_cm)
        if hanging_cm:
            pf.first_line_indent = Cm(-hanging_cm)
        for t in tabs:
            pf.tab_stops.add_tab_stop(Cm(t), WD_TAB_ALIGNMENT.LEFT)
        if text:
            set_font(p.add_run(text), self.font, size or self.size, bold, underline)
        return p

    def run(self, p, text, *, bold=False, underline=False, size=None, color=None):
        r = p.add_run(text)
        set_font(r, self.font, size or self.size, bold, underline)
        if color:
            r.font.color.rgb = RGBColor(*color)
        return r

    def cell_text(self, cell, text, *, bold=False, align=None, size=None):
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        if align:
            p.alignment = align
        set_font(p.add_run(text), self.font, size or self.size, bold)
        return p


def no_table_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tblpr.append(borders)


# --------------------------------------------------------------------------------------
# The decree as a .docx
# --------------------------------------------------------------------------------------


def area_title(spec: dict) -> str:
    kind = "Kelurahan" if spec["kind"] == "lurah" else "Desa"
    return f"{kind} {spec['village']} Kecamatan {spec['kec']}"


def considerations(spec: dict) -> tuple[list[str], list[str], list[str]]:
    lay, year = spec["layout"], spec["year"]
    kl = spec["kim_long"].title()
    office = spec["office"]
    menimbang = [
        f"bahwa dalam rangka mewujudkan masyarakat informasi dan meningkatkan akses informasi publik "
        f"di {area_title(spec)}, perlu dibentuk {kl} (KIM);",
        f"bahwa {kl} merupakan lembaga layanan publik yang dibentuk dan dikelola dari, oleh, dan untuk "
        "masyarakat yang berorientasi pada layanan informasi dan pemberdayaan masyarakat sesuai kebutuhannya;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
        f"Keputusan {office} tentang Pembentukan {kl} (KIM) {area_title(spec)};",
    ]
    desa_law = "Undang-Undang Nomor 6 Tahun 2014 tentang Desa"
    if year >= 2024:
        desa_law += " sebagaimana telah diubah dengan Undang-Undang Nomor 3 Tahun 2024"
    mengingat = [
        "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
        desa_law + ";",
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali "
        "diubah terakhir dengan Undang-Undang Nomor 9 Tahun 2015;",
    ]
    if spec["kind"] == "camat":
        mengingat.append("Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;")
    else:
        mengingat.append(
            "Peraturan Menteri Dalam Negeri Nomor 111 Tahun 2014 tentang Pedoman Teknis Peraturan di Desa;"
        )
    if lay["mengingat_law"] == "4/2024":
        mengingat.append(
            "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024 tentang Komunitas Informasi Masyarakat;"
        )
    else:
        mengingat.append(
            "Peraturan Menteri Komunikasi dan Informatika Nomor 8 Tahun 2019 tentang Penyelenggaraan Urusan "
            "Pemerintahan Konkuren Bidang Komunikasi dan Informatika;"
        )
    mengingat.append("Peraturan Bupati Tuban Nomor 55 Tahun 2020 tentang Kelompok Informasi Masyarakat;")
    memper = []
    if lay["memperhatikan"]:
        ba_no, ba_date = spec["ba"]
        forum = "Musyawarah Desa" if spec["kind"] == "kades" else "Rapat Pembentukan KIM"
        memper.append(f"Berita Acara {forum} Nomor : {ba_no} tanggal {ba_date};")
    return menimbang, mengingat, memper


class DocBuilder:
    def __init__(self, spec: dict, rng: random.Random, crest: Path):
        self.spec, self.rng, self.crest = spec, rng, crest
        lay = spec["layout"]
        self.doc = Document()
        sec = self.doc.sections[0]
        pw, ph = PAPERS[lay["paper"]]
        sec.page_width, sec.page_height = Mm(pw), Mm(ph)
        left, right = rng.uniform(2.5, 3.0), rng.uniform(1.8, 2.2)
        sec.left_margin, sec.right_margin = Cm(left), Cm(right)
        sec.top_margin, sec.bottom_margin = Cm(rng.uniform(1.2, 1.8)), Cm(rng.uniform(1.5, 2.0))
        sec.header_distance = sec.footer_distance = Cm(0.8)
        self.text_w = pw / 10 - left - right
        style = self.doc.styles["Normal"]
        style.font.name, style.font.size = lay["font"], Pt(lay["size"])
        style.paragraph_format.space_after = Pt(0)
        self.w = Writer(self.doc, spec)
        self.sig_blanks: list[int] = []  # blank lines under each marker, in document order
        wide = lay["font"] in ("DejaVu Serif", "URW Bookman")
        self.lab = rng.uniform(4.3, 4.6) if wide else rng.uniform(3.8, 4.2)
        self.char_cm = lay["size"] / 12 * (0.27 if wide else 0.23)  # label column width (cm)

    # -- letterhead and title ----------------------------------------------------------
    def letterhead(self):
        s, w, rng = self.spec, self.w, self.rng
        t = self.doc.add_table(rows=1, cols=2)
        no_table_borders(t)
        set_col_width(t, [2.6, self.text_w - 2.6])
        t.cell(0, 0).paragraphs[0].add_run().add_picture(str(self.crest), width=Cm(rng.uniform(1.9, 2.3)))
        cell = t.cell(0, 1)
        lines = [("PEMERINTAH KABUPATEN TUBAN", 14, True)]
        if s["kind"] == "camat":
            lines.append((f"KECAMATAN {s['kec'].upper()}", 18, True))
        elif s["kind"] == "lurah":
            lines += [(f"KECAMATAN {s['kec'].upper()}", 14, True), (f"KELURAHAN {s['village'].upper()}", 16, True)]
        else:
            lines += [(f"KECAMATAN {s['kec'].upper()}", 13, True), (f"DESA {s['village'].upper()}", 18, True)]
        first = True
        for text, size, bold in lines:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.line_spacing = 1.0
            w.run(p, text, bold=bold, size=size)
        p = cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing = 1.0
        post = rng.randint(62351, 62392)
        w.run(p, f"{rng.choice(STREETS)} No. {rng.randint(1, 120)} Telp. (0356) {rng.randint(320000, 899999)} "
                 f"Kode Pos {post}", size=9.5)  # fmt: skip
        line = w.para(spacing=1.0, size=4)
        bottom_border(line, rng.choice(["thickThinSmallGap", "single", "double"]), rng.choice([12, 18, 24]))
        w.para(spacing=1.0)

    def title(self):
        s, w = self.spec, self.w
        for line in s["title_lines"]:
            w.para(line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        lab = s["number_label"]
        w.para(f"{lab} {s['number']}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=self.rng.random() < 0.4)
        w.para()
        w.para("TENTANG", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for line in s["about"]:
            w.para(line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        w.para()
        w.para(f"{s['title_head']},", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        w.para()

    # -- "Menimbang : a. ..." blocks ---------------------------------------------------
    def labeled(self, label: str, items: list[tuple[str, str]], *, bold_label=False, after=True):
        w, lab = self.w, self.lab
        lettered = any(m for m, _ in items)
        if self.spec["layout"]["consider_layout"] == "table":
            cols = 4 if lettered else 3
            t = self.doc.add_table(rows=len(items), cols=cols)
            no_table_borders(t)
            widths = [lab, 0.5] + ([0.8] if lettered else []) + [self.text_w - lab - 0.5 - (0.8 if lettered else 0)]
            set_col_width(t, widths)
            for i, (mark, text) in enumerate(items):
                row = t.rows[i].cells
                if i == 0 or not lettered:
                    w.cell_text(row[0], label if i == 0 else mark, bold=bold_label)
                    w.cell_text(row[1], ":")
                if lettered:
                    w.cell_text(row[2], mark)
                p = w.cell_text(row[-1], text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
                p.paragraph_format.line_spacing = self.w.spacing
        else:
            col, let = lab, lab + 0.5
            txt = let + (0.8 if lettered else 0)
            for i, (mark, text) in enumerate(items):
                p = w.para(indent_cm=txt, hanging_cm=txt, tabs=(col, let, txt), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
                if i == 0:
                    w.run(p, label, bold=bold_label)
                    rest = "\t:\t"
                else:
                    rest = "\t\t"
                w.run(p, rest + (f"{mark}\t" if lettered else "") + text)
        if after:
            w.para(spacing=1.0)

    def body(self):
        s, w, rng = self.spec, self.w, self.rng
        menimbang, mengingat, memper = considerations(s)
        letters = "abcdefgh"
        self.labeled("Menimbang", [(f"{letters[i]}.", t) for i, t in enumerate(menimbang)])
        self.labeled("Mengingat", [(f"{i + 1}.", t) for i, t in enumerate(mengingat)])
        if memper:
            self.labeled("Memperhatikan", [("", memper[0])])
        spaced = rng.random() < 0.5
        w.para("M E M U T U S K A N :" if spaced else "MEMUTUSKAN :", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        w.para(spacing=1.0)
        about = " ".join(s["about"])
        self.labeled("Menetapkan", [("", f"KEPUTUSAN {s['title_head']} TENTANG {about}.")])
        lay = s["layout"]
        kimw = lay["kim_where"]
        in_diktum = kimw in ("diktum", "both") or (kimw == "lampiran" and lay["officers_in"] == "body")
        self.kim_in_lampiran = "lampiran" in kimw and lay["officers_in"] == "lampiran"
        who = f"{s['kim_long'].title()} (KIM)" + (f" {s['kim_printed']}" if in_diktum else "")
        if lay["officers_in"] == "body":
            kesatu = f"Membentuk {who} {area_title(s)} Kabupaten Tuban dengan susunan pengurus sebagai berikut:"
        else:
            kesatu = (
                f"Membentuk {who} {area_title(s)} Kabupaten Tuban dengan susunan pengurus sebagaimana "
                "tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini."
            )
        self.labeled("KESATU", [("", kesatu)], bold_label=True, after=lay["officers_in"] != "body")
        if lay["officers_in"] == "body":
            self.officers()
            w.para(spacing=1.0)
        funds = (
            "Anggaran Pendapatan dan Belanja Desa" if s["kind"] == "kades" else "DPA Kecamatan / sumber lain yang sah"
        )
        rest = [
            ("KEDUA", f"{s['kim_long'].title()} sebagaimana dimaksud dalam Diktum KESATU bertugas menyebarluaskan "
                      "informasi pembangunan, menyerap aspirasi masyarakat dan melaporkan kegiatannya secara berkala."),
            ("KETIGA", f"Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada {funds}."),
            ("KEEMPAT", "Keputusan ini mulai berlaku pada tanggal ditetapkan dengan ketentuan apabila di kemudian hari "
                        "terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya."),
        ]  # fmt: skip
        for label, text in rest:
            self.labeled(label, [("", text)], bold_label=True, after=False)
        w.para(spacing=1.0)
        self.signature()
        if lay["tembusan"]:
            w.para(spacing=1.0)
            w.para("Tembusan disampaikan kepada Yth. :", size=s["layout"]["size"] - 1, spacing=1.0, underline=True)
            to = ["Bupati Tuban", "Kepala Dinas Komunikasi dan Informatika Kabupaten Tuban", f"Camat {s['kec']}"]
            if s["kind"] == "camat":
                to[2] = f"Kepala Desa {s['village']}"
            for i, t in enumerate([*to, "Yang bersangkutan"]):
                w.para(f"{i + 1}. {t};" if i < 3 else f"{i + 1}. {t}.", size=s["layout"]["size"] - 1, spacing=1.0)

    # -- signature block (with a magenta marker where the pen and stamp go) -------------
    def signature(self, lampiran: bool = False):
        s, w, rng, lay = self.spec, self.w, self.rng, self.spec["layout"]
        place = s["kec"] if s["kind"] == "camat" else s["village"]
        if lay["signer_align"] == "table":
            t = self.doc.add_table(rows=1, cols=2)
            no_table_borders(t)
            set_col_width(t, [self.text_w * 0.48, self.text_w * 0.52])
            cell, ind = t.cell(0, 1), 0.0
            t.alignment = WD_TABLE_ALIGNMENT.LEFT
        else:
            cell, ind = None, round(self.text_w * rng.uniform(0.47, 0.55), 2)
        tab = ind + 3.0

        def line(text="", **kw):
            return w.para(text, indent_cm=ind, container=cell, spacing=1.0, **kw)

        if not lampiran or rng.random() < 0.6:
            w.para(f"Ditetapkan di\t: {place}", indent_cm=ind, tabs=(tab,), container=cell, spacing=1.0)
            p = w.para(f"Pada tanggal\t: {s['date_printed']}", indent_cm=ind, tabs=(tab,), container=cell, spacing=1.0)
            if rng.random() < 0.5:
                bottom_border(p, "single", 8)
            line()
        title = s["signer_title"]
        if s["plt"] and rng.random() < 0.5:
            line("Plt. CAMAT " + s["kec"].upper(), bold=rng.random() < 0.5)
        else:
            line(title, bold=rng.random() < 0.5)
        p = line()
        self.w.run(p, "\u25a0", size=7, color=MARKER_RGB)
        nblank = rng.choice([2, 2, 3])
        for _ in range(nblank):
            line()
        self.sig_blanks.append(nblank)
        line(s["signatory"], bold=True, underline=rng.random() < 0.75)
        if s["rank"]:
            line(s["rank"])
        if s["nip"]:
            line(f"NIP. {s['nip']}")

    # -- officer list ---------------------------------------------------------------
    def officers(self):
        s, w, rng, lay = self.spec, self.w, self.rng, self.spec["layout"]
        offs = s["officers"]
        up = lay["role_case"] == "upper"
        repeat_role = rng.random() < 0.5
        rows, prev = [], None
        for o in offs:
            role = o["role"].upper() if up else o["role"]
            rows.append((role if (repeat_role or o["role"] != prev) else "", o["name"], o["role"] == prev))
            prev = o["role"]
        if lay["officer_format"] == "colon":
            col = 1.0 + max(len(r) for r, _, _ in rows) * self.char_cm * (1.12 if up else 1.0)
            n = 0
            for role, name, cont in rows:
                if not cont or repeat_role:
                    n += 1
                num = f"{n}." if not cont or repeat_role else ""
                p = w.para(indent_cm=col + 0.4, hanging_cm=col + 0.4, tabs=(0.8, col, col + 0.4), spacing=1.0)
                w.run(p, f"{num}\t{role}\t{':' if role else ''}\t{name}")
            return
        cols = ["NO", "NAMA", "JABATAN"] if lay["table_order"] == "nama-jabatan" else ["NO", "JABATAN", "NAMA"]
        if lay["keterangan"]:
            cols.append("KETERANGAN")
        t = self.doc.add_table(rows=1 + len(rows), cols=len(cols))
        if lay["table_borders"]:
            t.style = "Table Grid"
        else:
            no_table_borders(t)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        tw = self.text_w - rng.uniform(0, 1.5)
        ket = 3.3 if lay["keterangan"] else 0
        name_w = (tw - 1.1 - ket) * rng.uniform(0.42, 0.55)
        widths = [1.1, name_w, tw - 1.1 - ket - name_w]
        if cols[1] == "JABATAN":
            widths = [1.1, tw - 1.1 - ket - name_w, name_w]
        if ket:
            widths.append(ket)
        set_col_width(t, widths)
        for j, c in enumerate(cols):
            w.cell_text(t.rows[0].cells[j], c, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        dusun = ["Dsn. Krajan", "Dsn. Ngampel", "RT 01 RW 02", "RT 03 RW 01", "Dsn. Sumber", ""]
        for i, (role, name, _cont) in enumerate(rows):
            cells = t.rows[i + 1].cells
            w.cell_text(cells[0], f"{i + 1}." if rng.random() < 0.5 or i == 0 else f"{i + 1}.",
                        align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
            jn = (1, 2) if cols[1] == "NAMA" else (2, 1)
            w.cell_text(cells[jn[0]], name)
            w.cell_text(cells[jn[1]], role)
            if ket:
                w.cell_text(cells[3], rng.choice(dusun))

    def lampiran(self):
        s, w, rng = self.spec, self.w, self.rng
        p = w.para()
        p.add_run().add_break(WD_BREAK.PAGE)
        ind = round(self.text_w * rng.uniform(0.38, 0.48), 2)
        tab = ind + 2.6
        head = [
            ("LAMPIRAN", f"KEPUTUSAN {s['title_head']}"),
            ("NOMOR", s["number"]),
            ("TANGGAL", s["date_printed"]),
            ("TENTANG", " ".join(s["about"])),
        ]
        if rng.random() < 0.5:
            w.para(f"LAMPIRAN KEPUTUSAN {s['title_head']}", indent_cm=ind, spacing=1.0)
            head = head[1:]
        for k, v in head:
            w.para(f"{k}\t: {v}", indent_cm=tab + 0.35, hanging_cm=2.95, tabs=(tab,), spacing=1.0,
                   size=s["layout"]["size"] - 0.5)  # fmt: skip
        w.para(spacing=1.0)
        w.para(spacing=1.0)
        kim = s["kim_printed"].upper() if self.kim_in_lampiran else "KELOMPOK INFORMASI MASYARAKAT (KIM)"
        w.para(f"SUSUNAN PENGURUS {kim}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, spacing=1.0)
        w.para(f"{s['area']} KECAMATAN {s['kec'].upper()} KABUPATEN TUBAN", bold=True,
               align=WD_ALIGN_PARAGRAPH.CENTER, spacing=1.0)  # fmt: skip
        if rng.random() < 0.5:
            w.para(f"MASA BAKTI {s['year']} - {s['year'] + rng.choice([3, 5])}", bold=True,
                   align=WD_ALIGN_PARAGRAPH.CENTER, spacing=1.0)  # fmt: skip
        w.para(spacing=1.0)
        self.officers()
        w.para(spacing=1.0)
        self.signature(lampiran=True)

    def build(self, path: Path):
        if self.spec["layout"]["letterhead"]:
            self.letterhead()
        self.title()
        self.body()
        if self.spec["layout"]["officers_in"] == "lampiran":
            self.lampiran()
        self.doc.save(path)


def convert_all(docx_paths: list[Path], outdir: Path) -> None:
    """One LibreOffice call for the whole set (much faster than one per document)."""
    cmd = ["nice", "-n", "10", "soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_paths)]  # fmt: skip
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)


# --------------------------------------------------------------------------------------
# Rasterise, then sign and stamp on the page image
# --------------------------------------------------------------------------------------

INKS = {"blue": (25, 45, 150), "black": (28, 28, 38)}
STAMP_INKS = {"purple": (110, 40, 140), "blue": (40, 60, 175), "violet": (85, 55, 170)}


def rasterise(pdf_path: Path) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = [pdf[i].render(scale=DPI / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    pdf.close()
    return pages


def find_markers(page: Image.Image) -> list[tuple[int, int, int, int]]:
    """Bounding boxes of the magenta signature markers, top to bottom."""
    a = np.asarray(page)
    mask = (a[..., 0] > 170) & (a[..., 1] < 120) & (a[..., 2] > 170)
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return []
    groups, start = [], rows[0]
    for prev, cur in zip(rows[:-1], rows[1:], strict=True):
        if cur - prev > 20:
            groups.append((start, prev))
            start = cur
    groups.append((start, rows[-1]))
    boxes = []
    for y0, y1 in groups:
        cols = np.flatnonzero(mask[y0 : y1 + 1].any(axis=0))
        boxes.append((int(cols[0]), int(y0), int(cols[-1]), int(y1)))
    return boxes


def multiply_ink(page: Image.Image, mask: Image.Image, colour: tuple[int, int, int], at: tuple[int, int]) -> None:
    """Composite ink (alpha ``mask``) onto ``page`` in multiply mode, in place."""
    x, y = at
    W, H = page.size
    mx0, my0 = max(0, -x), max(0, -y)
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(W, x + mask.width), min(H, y + mask.height)
    if x1 <= x0 or y1 <= y0:
        return
    m = np.asarray(mask, dtype=np.float32)[my0 : my0 + y1 - y0, mx0 : mx0 + x1 - x0, None] / 255.0
    region = np.asarray(page.crop((x0, y0, x1, y1)), dtype=np.float32)
    ink = np.array(colour, dtype=np.float32) / 255.0
    out = region * (1 - m + m * ink)
    page.paste(Image.fromarray(out.clip(0, 255).astype(np.uint8)), (x0, y0))


def signature_mask(rng: random.Random, w: int, h: int) -> Image.Image:
    """Handwritten-looking pen strokes (drawn 2x, then downsampled)."""
    s = 2
    im = Image.new("L", (w * s, h * s), 0)
    d = ImageDraw.Draw(im)
    pen = rng.uniform(2.6, 4.2) * s
    n_strokes = rng.randint(2, 3)
    x = rng.uniform(0.05, 0.15) * w * s
    for k in range(n_strokes):
        seg_w = rng.uniform(0.25, 0.45) * w * s
        loops = rng.randint(2, 5)
        amp = rng.uniform(0.18, 0.38) * h * s
        base = rng.uniform(0.4, 0.6) * h * s
        slant = rng.uniform(0.2, 0.5)
        pts = []
        steps = 140
        ph = rng.uniform(0, math.pi)
        for i in range(steps + 1):
            t = i / steps
            yy = base - amp * math.sin(2 * math.pi * loops * t + ph) * (0.6 + 0.4 * math.sin(math.pi * t))
            xx = x + seg_w * t + slant * (base - yy) + 0.08 * seg_w * math.cos(2 * math.pi * loops * t + ph)
            pts.append((xx, yy))
        for (ax, ay), (bx, by) in zip(pts[:-1], pts[1:], strict=True):
            d.line((ax, ay, bx, by), fill=255, width=max(2, int(pen * rng.uniform(0.75, 1.1))))
        x += seg_w * rng.uniform(0.7, 1.05)
        if k == 0 and rng.random() < 0.6:  # a big initial loop
            cx, cy = x - seg_w * 0.8, base - amp * 0.6
            d.ellipse((cx - amp * 0.5, cy - amp, cx + amp * 0.5, cy + amp * 0.4), outline=255, width=int(pen))
    # the final flourish: a long swash under or through the name
    y_end = rng.uniform(0.7, 0.98) * h * s
    x_a, x_b = rng.uniform(0.0, 0.2) * w * s, rng.uniform(0.7, 1.0) * w * s
    pts = [(x_a + (x_b - x_a) * t / 40, y_end - 0.06 * h * s * math.sin(math.pi * t / 40)) for t in range(41)]
    d.line(pts, fill=255, width=int(pen * 0.9), joint="curve")
    im = im.filter(ImageFilter.GaussianBlur(0.8 * s)).resize((w, h), Image.LANCZOS)
    return im.point(lambda v: min(255, int(v * 1.6)))


def stamp_mask(rng: random.Random, r: int, ring: str, centre: list[str]) -> Image.Image:
    size = 2 * r + 20
    im = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(im)
    c = size // 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=max(6, r // 28))
    r2 = int(r * 0.72)
    d.ellipse((c - r2, c - r2, c + r2, c + r2), outline=255, width=max(3, r // 55))
    fsize = int(r * 0.17)
    font = ImageFont.truetype(TTF_BOLD, fsize)
    rr = (r + r2) / 2
    span = math.radians(rng.uniform(230, 260))
    text = ring
    for i, ch in enumerate(text):
        theta = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(text)
        glyph = Image.new("L", (fsize * 2, fsize * 2), 0)
        ImageDraw.Draw(glyph).text((fsize, fsize), ch, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-math.degrees(theta) - 90, resample=Image.BICUBIC)
        gx, gy = c + rr * math.cos(theta) - fsize, c + rr * math.sin(theta) - fsize
        im.paste(255, (int(gx), int(gy)), glyph)
    # small stars at the bottom of the ring
    for a in (math.pi / 2 - 0.25, math.pi / 2, math.pi / 2 + 0.25):
        sx, sy = c + rr * math.cos(a), c + rr * math.sin(a)
        d.regular_polygon((sx, sy, fsize * 0.35), 5, fill=255)
    cfont = ImageFont.truetype(TTF_BOLD, int(r * 0.16))
    lines = centre
    y = c - (len(lines) - 1) * r * 0.11
    for line in lines:
        fs = int(min(r * 0.17, (r2 * 1.7) / max(1, len(line)) * 1.6))
        f = ImageFont.truetype(TTF_BOLD, fs) if fs != int(r * 0.16) else cfont
        d.text((c, y), line, fill=255, font=f, anchor="mm")
        y += r * 0.22
    d.line((c - r2 * 0.75, c - r * 0.2, c + r2 * 0.75, c - r * 0.2), fill=255, width=3)
    im = im.rotate(rng.uniform(-35, 35), resample=Image.BICUBIC)
    # uneven ink: mottled texture and a lighter side
    a = np.asarray(im, dtype=np.float32) / 255.0
    noise = np.asarray(Image.effect_noise((size // 6, size // 6), 60).resize((size, size), Image.BICUBIC), np.float32)
    yy, xx = np.mgrid[0:size, 0:size] / size
    ang = rng.uniform(0, 2 * math.pi)
    side = 0.65 + 0.35 * ((xx - 0.5) * math.cos(ang) + (yy - 0.5) * math.sin(ang) + 0.5)
    a = a * (0.55 + 0.45 * noise / 255.0) * side * rng.uniform(0.7, 0.9)
    speck = np.random.default_rng(rng.randint(0, 2**31)).random(a.shape) < 0.08
    a[speck] *= 0.3
    return Image.fromarray((a.clip(0, 1) * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7))


def sign_pages(rng: random.Random, pages: list[Image.Image], spec: dict, blanks: list[int]) -> int:
    """Paint over each marker with a signature and a stamp. Returns the number of markers found."""
    lay = spec["layout"]
    line_h = int(lay["size"] * 1.17 * DPI / 72)
    found = 0
    for page in pages:
        for x0, y0, x1, y1 in find_markers(page):
            ImageDraw.Draw(page).rectangle((x0 - 4, y0 - 4, x1 + 4, y1 + 4), fill="white")
            nb = blanks[found] if found < len(blanks) else 2
            found += 1
            top = y0 - int(0.2 * line_h)
            bottom = y0 + (nb + 1) * line_h - int(0.15 * line_h)
            if lay["sig_touches_name"]:
                bottom += int(0.6 * line_h)
            sw = int(rng.uniform(38, 58) / 25.4 * DPI)
            sh = bottom - top
            sx = x0 + int(rng.uniform(-0.05, 0.35) * sw)
            multiply_ink(page, signature_mask(rng, sw, sh), INKS[lay["ink"]], (sx, top))
            r = int(rng.uniform(17, 21) / 25.4 * DPI)
            if spec["kind"] == "camat":
                centre = [f"KECAMATAN {spec['kec'].upper()}"]
            elif spec["kind"] == "lurah":
                centre = ["KELURAHAN", spec["village"].upper()]
            else:
                centre = [rng.choice(["KEPALA DESA", "DESA"]), spec["village"].upper()]
            m = stamp_mask(rng, r, "PEMERINTAH KABUPATEN TUBAN", centre)
            cx = x0 + int(rng.uniform(-0.2, 0.35) * r)
            cy = y0 + int(rng.uniform(-0.3, 1.2) * line_h)
            multiply_ink(page, m, STAMP_INKS[lay["stamp_ink"]], (cx - m.width // 2, cy - m.height // 2))
    return found


def save_image_pdf(pages: list[Image.Image], path: Path, dpi: int, quality: int) -> None:
    first, *rest = pages
    first.save(path, "PDF", save_all=True, append_images=rest, resolution=dpi, quality=quality)


# --------------------------------------------------------------------------------------
# Photocopy + scan
# --------------------------------------------------------------------------------------


def low_freq(rng: random.Random, w: int, h: int, cells: int = 6) -> np.ndarray:
    """A smooth random field in [0, 1] of shape (h, w)."""
    g = np.random.default_rng(rng.randint(0, 2**31)).random((cells, cells)).astype(np.float32)
    im = Image.fromarray((g * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
    return np.asarray(im, dtype=np.float32) / 255.0


def scan_page(rng: random.Random, page: Image.Image, grey: bool, dpi: int) -> Image.Image:
    w, h = page.size
    im = page.resize((int(w * dpi / DPI), int(h * dpi / DPI)), Image.LANCZOS)
    if grey:
        im = im.convert("L")
    a = np.asarray(im, dtype=np.float32)
    if a.ndim == 2:
        a = a[..., None]
    H, W = a.shape[:2]
    nr = np.random.default_rng(rng.randint(0, 2**31))
    # photocopy tone curve: darker text, slightly grey paper
    gamma = rng.uniform(1.1, 1.6)
    a = 255.0 * (a / 255.0) ** gamma
    paper = rng.uniform(228, 250)
    a = a * (paper / 255.0)
    # faded and darkened areas
    field = low_freq(rng, W, H, rng.randint(3, 7))
    a = a * (rng.uniform(0.86, 0.95) + rng.uniform(0.05, 0.14) * field)[..., None]
    fade = low_freq(rng, W, H, 4)[..., None]
    a = a + (255 - a) * np.clip(fade - 0.65, 0, 1) * rng.uniform(0.3, 0.9)
    # streaks from the drum or the scanner glass
    for _ in range(rng.randint(1, 2)):
        sw = rng.randint(2, 7)
        if rng.random() < 0.75:
            x = rng.randint(0, W - sw)
            a[:, x : x + sw] *= rng.uniform(0.7, 0.92)
        else:
            y = rng.randint(0, H - sw)
            a[y : y + sw, :] *= rng.uniform(0.6, 0.85)
    # toner dust: dark specks, and fine grain
    n = int(W * H * rng.uniform(2e-5, 1.2e-4))
    ys, xs = nr.integers(0, H, n), nr.integers(0, W, n)
    a[ys, xs] *= nr.uniform(0.1, 0.5, (n, 1))
    a = a + nr.normal(0, rng.uniform(3, 7), a.shape[:2])[..., None]
    if not grey:
        a = a * np.array([1.0, rng.uniform(0.97, 1.0), rng.uniform(0.9, 0.97)], np.float32)
    a = a.clip(0, 255).astype(np.uint8)
    im = Image.fromarray(a[..., 0] if grey else a)
    im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.35, 0.9)))
    bg = 250 if grey else (250, 250, 248)
    im = im.rotate(rng.uniform(-2, 2), resample=Image.BICUBIC, fillcolor=bg)
    # dark border where the page did not cover the glass
    if rng.random() < 0.4:
        d = ImageDraw.Draw(im)
        edge = rng.randint(4, 18)
        d.rectangle((0, H - edge, W, H), fill=60 if grey else (60, 60, 60))
    return im


def render_scan(rng: random.Random, pages: list[Image.Image], path: Path) -> dict:
    grey = rng.random() < 0.6
    dpi = rng.choice([200, 240, 300])
    out = [scan_page(rng, p, grey, dpi) for p in pages]
    q = rng.randint(65, 85)
    save_image_pdf(out, path, dpi, q)
    return {"grey": grey, "dpi": dpi, "jpeg_quality": q}


# --------------------------------------------------------------------------------------
# Phone photo
# --------------------------------------------------------------------------------------

PW, PH = 960, 1280


def background(rng: random.Random) -> Image.Image:
    kind = rng.choice(["wood", "wood", "desk", "cloth"])
    nr = np.random.default_rng(rng.randint(0, 2**31))
    if kind == "wood":
        base = np.array(rng.choice([(150, 100, 60), (120, 78, 45), (175, 130, 85), (95, 60, 35)]), np.float32)
        y = np.arange(PH, dtype=np.float32)[:, None]
        x = np.arange(PW, dtype=np.float32)[None, :]
        wob = low_freq(rng, PW, PH, 5) * 40
        along, across = (x, y) if rng.random() < 0.5 else (y, x)
        grain = np.sin((along + wob) / rng.uniform(6, 14) + np.sin(across / 90) * 2) * 0.5 + 0.5
        tex = 0.8 + 0.25 * grain + 0.08 * nr.standard_normal((PH, PW))
        a = base[None, None, :] * tex[..., None]
    elif kind == "desk":
        base = np.array(rng.choice([(200, 200, 195), (90, 90, 95), (215, 205, 185)]), np.float32)
        a = base[None, None, :] * (0.95 + 0.04 * nr.standard_normal((PH, PW, 1)))
    else:
        base = np.array(rng.choice([(40, 70, 120), (130, 40, 40), (50, 90, 60)]), np.float32)
        yy, xx = np.mgrid[0:PH, 0:PW]
        check = ((xx // 12 + yy // 12) % 2).astype(np.float32)
        a = base[None, None, :] * (0.85 + 0.2 * check[..., None] + 0.05 * nr.standard_normal((PH, PW, 1)))
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """Coefficients for Image.transform(PERSPECTIVE) mapping output points ``dst`` to input ``src``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, np.float64), np.array(rhs, np.float64)).tolist()


def photo_page(rng: random.Random, page: Image.Image) -> Image.Image:
    bg = background(rng)
    angle = math.radians(rng.uniform(5, 12) * rng.choice([-1, 1]))
    pw, ph = page.size
    ratio = pw / ph
    # largest page height whose rotated bounding box fits the frame (with a margin)
    fill = rng.uniform(0.86, 0.97)
    c, s = abs(math.cos(angle)), abs(math.sin(angle))
    h = min(PW * fill / (ratio * c + s), PH * fill / (ratio * s + c))
    w = h * ratio
    small = page.resize((int(w * 1.6), int(h * 1.6)), Image.LANCZOS)
    sw, sh = small.size
    cx = PW / 2 + rng.uniform(-0.03, 0.03) * PW
    cy = PH / 2 + rng.uniform(-0.03, 0.03) * PH
    corners = []
    for dx, dy in [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]:
        x = cx + dx * math.cos(angle) - dy * math.sin(angle)
        y = cy + dx * math.sin(angle) + dy * math.cos(angle)
        corners.append((x, y))
    # mild perspective: pull the far edge in a little
    k = rng.uniform(0.01, 0.04) * w
    side = rng.choice([0, 2])  # top or bottom edge shorter
    i0, i1 = (0, 1) if side == 0 else (3, 2)
    (ax, ay), (bx, by) = corners[i0], corners[i1]
    ux, uy = (bx - ax) / w, (by - ay) / w
    corners[i0] = (ax + ux * k, ay + uy * k)
    corners[i1] = (bx - ux * k, by - uy * k)
    corners = [(x + rng.uniform(-6, 6), y + rng.uniform(-6, 6)) for x, y in corners]
    coeffs = perspective_coeffs(corners, [(0, 0), (sw, 0), (sw, sh), (0, sh)])
    warped = small.transform((PW, PH), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", small.size, 255).transform((PW, PH), Image.PERSPECTIVE, coeffs, Image.BILINEAR)
    # drop shadow under the sheet
    off = (rng.randint(4, 16), rng.randint(4, 16))
    shadow = Image.new("L", (PW, PH), 0)
    shadow.paste(mask, off)
    shadow = shadow.filter(ImageFilter.GaussianBlur(rng.uniform(6, 14)))
    bga = np.asarray(bg, np.float32) * (1 - 0.45 * np.asarray(shadow, np.float32)[..., None] / 255)
    bg = Image.fromarray(bga.clip(0, 255).astype(np.uint8))
    bg.paste(warped, (0, 0), mask)
    # uneven light: a gradient, a vignette and sometimes the phone's shadow
    a = np.asarray(bg, np.float32)
    yy, xx = np.mgrid[0:PH, 0:PW].astype(np.float32)
    th = rng.uniform(0, 2 * math.pi)
    grad = ((xx / PW - 0.5) * math.cos(th) + (yy / PH - 0.5) * math.sin(th)) * rng.uniform(0.2, 0.45)
    vign = 1 - rng.uniform(0.1, 0.3) * (((xx / PW - 0.5) ** 2 + (yy / PH - 0.5) ** 2) * 2)
    light = (rng.uniform(0.88, 1.02) + grad) * vign
    if rng.random() < 0.6:
        blob = Image.new("L", (PW, PH), 0)
        bx, by = rng.uniform(-0.2, 1.2) * PW, rng.choice([rng.uniform(-0.3, 0.1), rng.uniform(0.9, 1.3)]) * PH
        rx, ry = rng.uniform(0.3, 0.6) * PW, rng.uniform(0.25, 0.45) * PH
        ImageDraw.Draw(blob).ellipse((bx - rx, by - ry, bx + rx, by + ry), fill=255)
        blob = np.asarray(blob.filter(ImageFilter.GaussianBlur(60)), np.float32) / 255
        light = light * (1 - rng.uniform(0.2, 0.4) * blob)
    tint = np.array([1.0, rng.uniform(0.96, 1.0), rng.uniform(0.86, 0.97)], np.float32)
    a = a * light[..., None] * tint
    a = a + np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(2, 5), a.shape)
    im = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    return im.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))


def save_photo(rng: random.Random, im: Image.Image, path: Path) -> int:
    """Camera JPEG q90, then a WhatsApp re-save; a third are stored sideways with EXIF orientation."""
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    buf.seek(0)
    cam = Image.open(buf).convert("RGB")
    orient = rng.choice([1, 1, 6, 8]) if rng.random() < 0.9 else 1
    if orient == 6:  # viewer rotates 90 deg clockwise, so store it rotated counter-clockwise
        cam = cam.transpose(Image.Transpose.ROTATE_90)
    elif orient == 8:
        cam = cam.transpose(Image.Transpose.ROTATE_270)
    exif = Image.Exif()
    exif[0x0112] = orient
    exif[0x010F] = rng.choice(["samsung", "Xiaomi", "OPPO", "vivo"])
    cam.save(path, "JPEG", quality=rng.randint(55, 80), exif=exif.tobytes())
    return orient


# --------------------------------------------------------------------------------------
# Build a set
# --------------------------------------------------------------------------------------


def truth_for(spec: dict, pages: int, photos: list[dict], scan: dict, markers: int) -> dict:
    y, m, d = spec["date"]
    layout = dict(spec["layout"])
    layout.update({
        "issuer": spec["kind"], "plt": spec["plt"], "number_label": spec["number_label"],
        "title_lines": spec["title_lines"], "komunitas": spec["komunitas"], "scan": scan,
        "signature_blocks": markers, "date_printed": spec["date_printed"],
        "kim_printed": spec["kim_printed"],
        "distractor_berita_acara": spec["ba"][0] if layout["memperhatikan"] else None,
    })  # fmt: skip
    return {
        "number": spec["number"],
        "date": f"{y:04d}-{m:02d}-{d:02d}",
        "office": spec["office"],
        "signatory": spec["signatory"],
        "kim_name": spec["kim_name"],
        "officers": [{"role": o["role"], "name": o["name"]} for o in spec["officers"]],
        "layout": layout,
        "pages": pages,
        "photos": photos,
    }


def build(set_dir, count: int = 20, seed: int = 2028) -> dict:
    set_dir = Path(set_dir)
    set_dir.mkdir(parents=True, exist_ok=True)
    places = load_places()
    names = [f"sk-{i:03d}" for i in range(count)]
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="heldout3-") as tmp:
        tmp = Path(tmp)
        plans = []
        for i, name in enumerate(names):
            rng = random.Random(f"{seed}-{i}")
            spec = plan_document(rng, places)
            crest = tmp / f"{name}-crest.png"
            draw_crest(rng, crest)
            builder = DocBuilder(spec, rng, crest)
            builder.build(tmp / f"{name}.docx")
            plans.append((rng, spec, builder.sig_blanks))
        convert_all([tmp / f"{n}.docx" for n in names], tmp)
        # a typist who overflows onto a fourth page tightens the spacing and the font size
        for _attempt in range(2):
            long_docs = []
            for i, name in enumerate(names):
                pdf = pdfium.PdfDocument(str(tmp / f"{name}.pdf"))
                n_pages = len(pdf)
                pdf.close()
                if n_pages > 3:
                    rng, spec, _ = plans[i]
                    spec["layout"]["spacing"] = 1.0
                    spec["layout"]["size"] = min(spec["layout"]["size"], 11)
                    builder = DocBuilder(spec, rng, tmp / f"{name}-crest.png")
                    builder.build(tmp / f"{name}.docx")
                    plans[i] = (rng, spec, builder.sig_blanks)
                    long_docs.append(tmp / f"{name}.docx")
            if not long_docs:
                break
            convert_all(long_docs, tmp)
        print(f"converted {count} documents in {time.time() - t0:.0f}s", flush=True)
        for name, (rng, spec, blanks) in zip(names, plans, strict=True):
            out = set_dir / name
            if out.exists():
                shutil.rmtree(out)
            out.mkdir()
            pdf = tmp / f"{name}.pdf"
            if not pdf.exists():
                raise RuntimeError(f"LibreOffice did not convert {name}")
            pages = rasterise(pdf)
            markers = sign_pages(rng, pages, spec, blanks)
            if markers != len(blanks):
                print(f"warning: {name}: {markers} signature markers found, {len(blanks)} expected", flush=True)
            if len(pages) > 3:
                print(f"warning: {name} has {len(pages)} pages", flush=True)
            save_image_pdf(pages, out / "clean.pdf", DPI, 90)
            scan = render_scan(rng, pages, out / "scan.pdf")
            photos = []
            for k, page in enumerate(pages, 1):
                fname = f"photo-{k}.jpg"
                orient = save_photo(rng, photo_page(rng, page), out / fname)
                photos.append({"file": fname, "exif_orientation": orient})
            truth = truth_for(spec, len(pages), photos, scan, markers)
            (out / "truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"{name}: {len(pages)} page(s), {spec['office']}, {spec['number']}", flush=True)
    manifest = {"count": count, "seed": seed, "generator": generator_digest(), "documents": names}
    (set_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"built {count} documents in {time.time() - t0:.0f}s -> {set_dir}", flush=True)
    return manifest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set-dir", required=True)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2028)
    args = ap.parse_args(argv)
    build(args.set_dir, count=args.count, seed=args.seed)


if __name__ == "__main__":
    main()
