"""Held-out set 4: synthetic KIM decrees (Kabupaten Tuban) printed by Chromium.

Each decree is an HTML page with print CSS, printed to PDF by headless Chromium,
rasterised at 300 dpi and degraded into a flatbed scan and phone photos.
Written independently of the reader and of the other generators.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import math
import random
import shutil
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve()
REPO = HERE.parents[3]
WILAYAH = REPO / "districts" / "data" / "wilayah"
RENDER_DPI = 300

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ORDINALS_KE = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"]
ORDINALS_PER = ["PERTAMA", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"]

FONTS = [
    ("Liberation Serif", 1.0),
    ("Nimbus Roman", 1.0),
    ("P052", 0.95),
    ("C059", 0.93),
    ("URW Bookman", 0.9),
    ("FreeSerif", 1.02),
    ("DejaVu Serif", 0.88),
    ("Liberation Sans", 0.95),
    ("Nimbus Sans", 0.95),
    ("Carlito", 1.05),
    ("FreeSans", 0.95),
]

FIRST = [
    "Sugeng",
    "Suprapto",
    "Sutrisno",
    "Agus",
    "Budi",
    "Eko",
    "Joko",
    "Bambang",
    "Slamet",
    "Sumarno",
    "Hartono",
    "Teguh",
    "Wahyu",
    "Imam",
    "Zainal",
    "Abdul",
    "Ahmad",
    "Moch.",
    "Muhammad",
    "Mohammad",
    "Nur",
    "Khoirul",
    "Lutfi",
    "Rizky",
    "Kasmuri",
    "Darmaji",
    "Tarmuji",
    "Mashuri",
    "Mukhlisin",
    "Heru",
    "Didik",
    "Yusuf",
    "Arif",
    "Fajar",
    "Rudi",
    "Sholikin",
    "Ali",
    "Syaiful",
    "Nanang",
    "Andik",
]
FIRST_F = [
    "Siti",
    "Sri",
    "Dwi",
    "Endang",
    "Lilik",
    "Yuli",
    "Fitri",
    "Anik",
    "Dian",
    "Ika",
    "Ulfa",
    "Puji",
    "Nurul",
    "Rukayah",
    "Sulastri",
    "Ngatemi",
    "Wiwik",
    "Eni",
    "Lina",
    "Umi",
    "Tri",
    "Erna",
]
LAST = [
    "Santoso",
    "Prasetyo",
    "Wibowo",
    "Susilo",
    "Riyadi",
    "Hidayat",
    "Salim",
    "Fauzi",
    "Arifin",
    "Rohman",
    "Huda",
    "Anam",
    "Syaifudin",
    "Hakim",
    "Muzaki",
    "Rofiq",
    "Hermanto",
    "Setiawan",
    "Purnomo",
    "Wahyudi",
    "Kurniawan",
    "Saputra",
    "Efendi",
    "Mustofa",
    "Ma'arif",
    "Ansori",
    "Sholeh",
    "Hariyanto",
    "Suyanto",
    "Widodo",
]
LAST_F = [
    "Aminah",
    "Wahyuni",
    "Susilowati",
    "Setyowati",
    "Astutik",
    "Handayani",
    "Mardiyah",
    "Puspitasari",
    "Nurjanah",
    "Mahmudah",
    "Lestari",
    "Khoiriyah",
    "Rahayu",
    "Fatimah",
    "Kusumawati",
    "Ningsih",
    "Zulaikha",
    "Maslahah",
]
DEGREES = ["S.Pd.", "S.E.", "S.Sos.", "S.H.", "S.IP.", "S.Kom.", "S.AP.", "A.Md.", "S.T.", "S.Ag."]
MASTERS = ["M.M.", "M.Si.", "M.Pd.", "M.AP.", "M.H."]
RANKS_CAMAT = ["Pembina", "Pembina Tk. I", "Pembina Tingkat I", "Pembina Utama Muda", "Penata Tingkat I"]
RANKS_LURAH = ["Penata", "Penata Tk. I", "Penata Tingkat I", "Pembina", "Penata Muda Tk. I"]

KIM_WORDS = [
    "Jendela Desa",
    "Sinar Informasi",
    "Mitra Info",
    "Cahaya Informasi",
    "Bumi Wali",
    "Ronggolawe",
    "Lintas Informasi",
    "Media Warga",
    "Jaya Makmur",
    "Srikandi",
    "Sekar Info",
    "Mekar Sari",
    "Warta Desa",
    "Pelita",
    "Guyub Rukun",
    "Kabar Kita",
    "Suara Rakyat",
]
KIM_SUFFIX = ["Mandiri", "Cerdas", "Berseri", "Maju", "Informatif", "Digital", "Bersatu"]

SECTIONS = [
    "Seksi Pengumpulan dan Pengolahan Informasi",
    "Seksi Humas dan Publikasi",
    "Seksi Dokumentasi dan Media Sosial",
    "Bidang Pengembangan Teknologi Informasi dan Komunikasi",
    "Bidang Pemberdayaan Ekonomi Kreatif dan Pemasaran Produk Unggulan Desa",
    "Seksi Liputan dan Pemberitaan",
    "Koordinator Jaringan Informasi dan Kemitraan",
    "Bidang Literasi Digital",
    "Seksi Peliputan, Penyuntingan dan Penyebarluasan Informasi",
    "Koordinator Konten Kreatif",
]


def load_places() -> dict:
    """Kecamatan and desa/kelurahan of Kabupaten Tuban (35.23) from the repo CSVs."""
    kec = {}
    with open(WILAYAH / "districts.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["regency_code"] == "35.23":
                kec[row["code"]] = {"name": row["name"], "desa": [], "kel": []}
    with open(WILAYAH / "villages.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            d = kec.get(row["district_code"])
            if d is None:
                continue
            kind = "kel" if row["code"].split(".")[-1].startswith("1") else "desa"
            d[kind].append(row["name"])
    return kec


def generator_digest() -> str:
    return hashlib.sha256(HERE.read_bytes()).hexdigest()[:16]


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def title_id(s: str) -> str:
    """Indonesian title case: conjunctions and prepositions stay lower case."""
    small = {"dan", "atau", "di", "ke", "dari", "untuk", "pada", "yang"}
    out = []
    for i, w in enumerate(s.split(" ")):
        lw = w.lower()
        if i and lw.strip(",") in small:
            out.append(lw)
        elif "(" in w or w.isupper() and len(w) <= 4 and w in {"KIM", "TIK", "RT", "RW"}:
            out.append(w)
        else:
            k = next((j for j, ch in enumerate(lw) if ch.isalpha()), 0)
            out.append(lw[:k] + lw[k : k + 1].upper() + lw[k + 1 :])
    return " ".join(out)


# ---------------------------------------------------------------- spec


def person(rng: random.Random, female: bool | None = None) -> str:
    if female is None:
        female = rng.random() < 0.4
    if female:
        parts = [rng.choice(FIRST_F), rng.choice(LAST_F)]
    else:
        parts = [rng.choice(FIRST), rng.choice(LAST)]
    if rng.random() < 0.15:
        parts = parts[:1] if parts[0] not in ("Moch.", "Nur", "Sri", "Siti", "Dwi", "Tri") else parts
    return " ".join(parts)


def decorate(rng: random.Random, name: str, caps: bool, official: bool) -> str:
    """Add Islamic/academic prefixes and degrees; caps applies to the name only."""
    core = name.upper() if caps else name
    pre = []
    if rng.random() < 0.25:
        pre.append(rng.choice(["Hj."] if name.split()[0] in FIRST_F else ["H."]))
    if official and rng.random() < 0.3:
        pre.insert(0, rng.choice(["Drs.", "Ir.", "Dr."]))
    post = []
    if official and not pre[:1] == ["Drs."] and rng.random() < 0.75 or not official and rng.random() < 0.25:
        post.append(rng.choice(DEGREES))
    if official and rng.random() < 0.45:
        post.append(rng.choice(MASTERS))
    if pre and pre[0] == "Drs." and rng.random() < 0.5:
        post = [rng.choice(MASTERS)]
    out = " ".join(pre + [core])
    if post:
        out += ", " + ", ".join(post)
    return out


def fmt_date(d: tuple[int, int, int], style: str) -> str:
    y, m, day = d
    if style == "long":
        return f"{day} {MONTHS[m - 1]} {y}"
    if style == "upper":
        return f"{day} {MONTHS[m - 1].upper()} {y}"
    if style == "slash":
        return f"{day:02d}/{m:02d}/{y}"
    if style == "dash":
        return f"{day:02d}-{m:02d}-{y}"
    if style == "pebruari":
        name = "Pebruari" if m == 2 else MONTHS[m - 1]
        return f"{day} {name} {y}"
    raise ValueError(style)


def make_number(rng: random.Random, kind: str, kec_idx: int, desa_idx: int, year: int, style: str) -> str:
    n = rng.randint(1, 140)
    kec_code = f"414.4{kec_idx:02d}"
    unit = kec_code if kind == "camat" else f"{kec_code}.{desa_idx:02d}"
    if style == "permendagri":
        return f"{rng.randint(1, 60)} TAHUN {year}"
    if style == "classic":
        parts = ["188", f" {n:02d} " if rng.random() < 0.5 else str(n), "KPTS", unit, str(year)]
    elif style == "newclass":
        parts = [rng.choice(["100.3.3.2", "100.3.3", "400.10.2", "000.8.3.3"]), str(n), "KPTS", unit, str(year)]
    elif style == "b_prefix":
        parts = ["B", rng.choice(["180.05", "188.4", "400.10"]), str(n), unit, "KPTS", str(year)]
    elif style == "short":
        parts = ["188", str(n), "KPTS", str(year)]
    elif style == "kpts_lower":
        parts = [rng.choice(["141", "188", "470"]), f"{n:02d}", "Kpts", unit, str(year)]
    else:  # "noKpts"
        parts = [rng.choice(["400.10", "400.10.2", "045.2"]), f"{n:02d}", unit, str(year)]
    sep = rng.choice(["/", "/", "/", " / "])
    # HTML collapses runs of spaces, so the truth uses single spaces as printed
    return " ".join(sep.join(parts).split(" ")).replace("  ", " ").replace("  ", " ")


def make_spec(rng: random.Random, places: dict, index: int) -> dict:
    codes = sorted(places)
    kind = rng.choices(["camat", "desa", "lurah"], [0.35, 0.5, 0.15])[0]
    if kind == "lurah":
        codes = [c for c in codes if places[c]["kel"]]
    code = rng.choice(codes)
    kec_idx = int(code.split(".")[-1])
    kec = places[code]["name"]
    pool = places[code]["kel" if kind == "lurah" else "desa"]
    desa_idx = rng.randrange(len(pool))
    desa = pool[desa_idx]
    year = rng.randint(2019, 2026)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    date = (year, month, day)
    komunitas = year >= 2024 and rng.random() < 0.6
    kim_long = "KOMUNITAS INFORMASI MASYARAKAT" if komunitas else "KELOMPOK INFORMASI MASYARAKAT"

    kim_level_kec = kind == "camat" and rng.random() < 0.35
    place = kec if kim_level_kec else desa
    r = rng.random()
    if r < 0.3:
        kim = f"{place} {rng.choice(KIM_SUFFIX)}"
    elif r < 0.45:
        kim = f"Suara {place}"
    else:
        kim = rng.choice(KIM_WORDS)
    kim_name = f"KIM {kim}"

    if kind == "camat":
        office = f"Camat {kec}"
        prefix = rng.choices(["", "Plt. ", "Pj. "], [0.75, 0.18, 0.07])[0]
    elif kind == "desa":
        office = f"Kepala Desa {desa}"
        prefix = rng.choices(["", "Pj. "], [0.88, 0.12])[0]
    else:
        office = f"Lurah {desa}"
        prefix = rng.choices(["", "Plt. "], [0.85, 0.15])[0]
    has_nip = kind != "desa" or prefix == "Pj."
    caps_name = rng.random() < 0.7
    signer = decorate(rng, person(rng, rng.random() < 0.2), caps_name, official=has_nip or rng.random() < 0.4)

    if kind == "desa":
        nstyle = rng.choices(
            ["permendagri", "kpts_lower", "classic", "noKpts", "newclass"], [0.4, 0.2, 0.15, 0.15, 0.1]
        )[0]
    else:
        nstyle = rng.choice(["classic", "newclass", "b_prefix", "short", "kpts_lower", "noKpts"])
    number = make_number(rng, "camat" if kind == "camat" else "desa", kec_idx, desa_idx + 1, year, nstyle)
    label = "NOMOR" if nstyle == "permendagri" else rng.choice(["NOMOR :", "Nomor :", "NOMOR :", "NOMOR:"])

    # officers
    officers = []
    n_target = rng.randint(8, 16)
    seen = set()

    def new_name():
        while True:
            nm = person(rng)
            if nm not in seen:
                seen.add(nm)
                return nm

    top = [
        ("Pelindung", 0.6),
        (rng.choice(["Penasehat", "Penasihat"]), 0.6),
        ("Pembina", 0.4),
        ("Penanggung Jawab", 0.5),
    ]
    for role, p in top:
        if rng.random() < p:
            officers.append([role, new_name()])
    officers.append(["Ketua", new_name()])
    if rng.random() < 0.7:
        officers.append(["Wakil Ketua", new_name()])
    officers.append(["Sekretaris", new_name()])
    if rng.random() < 0.3:
        officers.append(["Wakil Sekretaris", new_name()])
    officers.append(["Bendahara", new_name()])
    secs = rng.sample(SECTIONS, rng.randint(0, 3))
    for s in secs:
        for _ in range(rng.randint(1, 2)):
            officers.append([s, new_name()])
    while len(officers) < n_target:
        officers.append(["Anggota", new_name()])
    officers = officers[: max(n_target, 8)]
    name_caps = rng.random() < 0.6
    for o in officers:
        o[1] = decorate(rng, o[1], name_caps, official=False)

    dstyle = rng.choices(["long", "upper", "slash", "dash", "pebruari"], [0.5, 0.2, 0.1, 0.08, 0.12])[0]
    ba_date = (year, month, max(1, day - rng.randint(1, 20))) if day > 2 else (year, month, day)
    inv_date = (year, month, max(1, ba_date[2] - rng.randint(1, 6)))
    layout = {
        "kind": kind,
        "prefix": prefix.strip(),
        "paper": rng.choice(["F4", "F4", "A4"]),
        "font": rng.choice(FONTS)[0],
        "font_pt": rng.choice([11, 11.5, 12, 12, 12.5]),
        "line_height": rng.choice([1.15, 1.25, 1.3, 1.4, 1.5, 1.6]),
        "title_split": rng.random() < 0.6,
        "kop": rng.choices(["full", "emblem", "none"], [0.6, 0.25, 0.15])[0],
        "number_style": nstyle,
        "number_label": label,
        "date_style": dstyle,
        "subject": rng.choice(["pembentukan", "pembentukan", "pengukuhan"]),
        "kim_quotes": rng.choice(["straight", "curly", "none"]),
        "kim_in_title": rng.random() < 0.7,
        "komunitas": komunitas,
        "diktum": rng.choice(["KESATU", "PERTAMA"]),
        "officers_where": rng.choice(["body", "lampiran", "lampiran"]),
        "officer_format": rng.choice(["table", "table", "colon", "sebagai"]),
        "table_order": rng.choice(["nama_jabatan", "jabatan_nama"]),
        "table_keterangan": rng.random() < 0.25,
        "table_borders": rng.random() < 0.75,
        "table_group_rowspan": rng.random() < 0.5,
        "role_caps": rng.random() < 0.4,
        "signer_caps": caps_name,
        "signer_style": rng.choice(["underline", "underline", "bold_underline", "bold"]),
        "nip_label": rng.choice(["NIP.", "NIP.", "NIP :", "NIP"]),
        "sig_color": rng.choice(["#1b2a8a", "#14206b", "#101018", "#24308f"]),
        "stamp_color": rng.choice(["#5b2d8e", "#3a3f9e", "#6a2c91", "#2c4aa0"]),
        "sig_cross_name": rng.random() < 0.45,
        "memperhatikan": rng.random() < 0.75,
        "tembusan": rng.random() < 0.4,
        "masa_bakti": rng.random() < 0.5,
    }
    rank = ""
    nip = ""
    if has_nip:
        rank = rng.choice(RANKS_CAMAT if kind == "camat" else RANKS_LURAH)
        by = rng.randint(1966, 1985)
        nip = (
            f"{by}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d} "
            f"{by + rng.randint(22, 30)}{rng.randint(1, 12):02d} {rng.choice('12')} {rng.randint(1, 25):03d}"
        )
    return {
        "index": index,
        "kind": kind,
        "kec": kec,
        "desa": desa,
        "kec_idx": kec_idx,
        "desa_idx": desa_idx + 1,
        "kim": kim,
        "kim_level_kec": kim_level_kec,
        "kim_long": kim_long,
        "office": office,
        "prefix": prefix,
        "signer": signer,
        "rank": rank,
        "nip": nip,
        "number": number,
        "date": date,
        "date_text": fmt_date(date, dstyle),
        "ba_no": f"{rng.randint(1, 99):03d}/BA/414.4{kec_idx:02d}.{desa_idx + 1:02d}/{year}",
        "ba_date": fmt_date(ba_date, "long"),
        "inv_no": f"{rng.choice(['005', '400.10', '045'])}/{rng.randint(1, 200)}/414.4{kec_idx:02d}/{year}",
        "inv_date": fmt_date(inv_date, "long"),
        "officers": officers,
        "kim_name": kim_name,
        "layout": layout,
        "sig_seed": rng.randrange(1 << 30),
        "stamp_rot": rng.uniform(-25, 25),
    }


# ---------------------------------------------------------------- HTML


def quoted(name: str, style: str) -> str:
    if style == "straight":
        return f'"{name}"'
    if style == "curly":
        return f"\u201c{name}\u201d"
    return name


def css(spec: dict) -> str:
    lay = spec["layout"]
    size = "215mm 330mm" if lay["paper"] == "F4" else "A4"
    return f"""
@page {{ size: {size}; margin: 18mm 20mm 20mm 25mm; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: '{lay["font"]}', serif; font-size: {lay["font_pt"]}pt; line-height: {lay["line_height"]};
  color: #111; }}
.kop {{ display: flex; align-items: center; border-bottom: 3.5pt double #000; padding-bottom: 2mm;
  margin-bottom: 5mm; }}
.kop .logo {{ width: 24mm; height: 27mm; flex: none; }}
.kop .txt {{ flex: 1; text-align: center; line-height: 1.15; margin-right: 20mm; }}
.kop .l1 {{ font-size: 14pt; font-weight: bold; }}
.kop .l2 {{ font-size: 17pt; font-weight: bold; letter-spacing: 0.5pt; }}
.kop .l3 {{ font-size: 10pt; }}
.emblem {{ text-align: center; margin-bottom: 3mm; }}
.center {{ text-align: center; }}
.title {{ text-align: center; font-weight: bold; margin: 0; }}
.subject {{ text-align: center; font-weight: bold; margin: 0 8mm; }}
.gap {{ height: 0.9em; }}
table.kv {{ border-collapse: collapse; width: 100%; }}
table.kv td {{ vertical-align: top; padding: 0 0 0.15em 0; text-align: justify; }}
table.kv td.k {{ width: 29mm; white-space: nowrap; }}
table.kv td.c {{ width: 5mm; }}
table.kv td.n {{ width: 6mm; }}
table.off {{ border-collapse: collapse; width: 100%; margin: 2mm 0; }}
table.off.b td, table.off.b th {{ border: 0.8pt solid #000; }}
table.off td, table.off th {{ padding: 0.6mm 2mm; vertical-align: top; text-align: left; }}
table.off th {{ text-align: center; }}
table.off td.no {{ text-align: center; width: 9mm; }}
.sign {{ margin-left: {rng_sign_margin(spec)}%; break-inside: avoid; page-break-inside: avoid; margin-top: 5mm;
  position: relative; }}
.sign .area {{ position: relative; height: 25mm; }}
.sign .name {{ position: relative; z-index: 1; }}
.sign svg {{ position: absolute; overflow: visible; }}
.lampiran {{ break-before: page; page-break-before: always; }}
.lamphead {{ margin-left: 42%; font-size: 0.92em; }}
.lamphead td {{ vertical-align: top; padding: 0; }}
.tembusan {{ margin-top: 6mm; font-size: 0.9em; break-inside: avoid; }}
p {{ margin: 0; }}
table.kv.cl td {{ text-align: left; }}
"""


def rng_sign_margin(spec: dict) -> int:
    return 48 + spec["index"] * 7 % 9


def logo_svg() -> str:
    """A simple regency shield emblem (not a real coat of arms)."""
    return """<svg class="logo" viewBox="0 0 100 112" xmlns="http://www.w3.org/2000/svg">
<path d="M50 3 L95 15 L92 60 Q85 95 50 109 Q15 95 8 60 L5 15 Z" fill="#1f6e3a" stroke="#000" stroke-width="2.5"/>
<path d="M50 12 L86 21 L84 58 Q78 88 50 100 Q22 88 16 58 L14 21 Z" fill="#f3d23a" stroke="#000" stroke-width="1"/>
<polygon points="50,22 54,34 67,34 57,42 61,54 50,47 39,54 43,42 33,34 46,34" fill="#c9252c"/>
<path d="M25 70 Q50 58 75 70 L75 78 Q50 66 25 78 Z" fill="#2a64b0"/>
<path d="M25 82 Q50 70 75 82 L72 88 Q50 78 28 88 Z" fill="#2a64b0"/>
<rect x="44" y="52" width="12" height="14" fill="#fff" stroke="#000" stroke-width="1"/>
</svg>"""


def garuda_svg() -> str:
    return """<svg viewBox="0 0 100 90" width="22mm" height="20mm" xmlns="http://www.w3.org/2000/svg">
<path d="M50 8 L56 20 L50 18 L44 20 Z M20 30 Q35 25 45 35 L50 60 L55 35 Q65 25 80 30 Q70 40 62 42 Q75 44 88 38
Q78 55 60 55 L58 70 L66 84 L50 76 L34 84 L42 70 L40 55 Q22 55 12 38 Q25 44 38 42 Q30 40 20 30 Z"
 fill="#b8902a" stroke="#3a2a00" stroke-width="1.2"/>
<rect x="42" y="40" width="16" height="16" fill="#fff" stroke="#3a2a00" stroke-width="1"/>
<path d="M42 48 L58 48 M50 40 L50 56" stroke="#c9252c" stroke-width="2"/>
</svg>"""


def kop_html(spec: dict) -> str:
    lay = spec["layout"]
    kec, desa, kind = spec["kec"], spec["desa"], spec["kind"]
    if lay["kop"] == "none":
        return ""
    if lay["kop"] == "emblem":
        head = (
            f"CAMAT {kec.upper()}"
            if kind == "camat"
            else f"KEPALA DESA {desa.upper()}"
            if kind == "desa"
            else f"LURAH {desa.upper()}"
        )
        return f'<div class="emblem">{garuda_svg()}<div class="title">{esc(head)}<br>KABUPATEN TUBAN</div></div>'
    if kind == "camat":
        l2 = f"KECAMATAN {kec.upper()}"
        addr = f"Jalan Raya {kec} No. {spec['kec_idx'] + 3} Telp. (0356) {320000 + spec['kec_idx'] * 1117}"
        l1 = "PEMERINTAH KABUPATEN TUBAN"
    elif kind == "desa":
        l1 = f"PEMERINTAH KABUPATEN TUBAN<br>KECAMATAN {kec.upper()}"
        l2 = f"DESA {desa.upper()}"
        addr = f"Jl. {rng_street(spec)} No. {spec['desa_idx'] + 1} Desa {desa} Kode Pos 623{spec['kec_idx']:02d}"
    else:
        l1 = f"PEMERINTAH KABUPATEN TUBAN<br>KECAMATAN {kec.upper()}"
        l2 = f"KELURAHAN {desa.upper()}"
        addr = f"Jl. {rng_street(spec)} No. {spec['desa_idx'] * 3} Tuban Kode Pos 623{spec['kec_idx']:02d}"
    return (
        f'<div class="kop">{logo_svg()}<div class="txt"><div class="l1">{l1}</div>'
        f'<div class="l2">{esc(l2)}</div><div class="l3">{esc(addr)}</div></div></div>'
    )


def rng_street(spec: dict) -> str:
    streets = ["Raya Tuban - Semarang", "Pahlawan", "Basuki Rahmat", "Diponegoro", "Sunan Bonang", "Raya Desa"]
    return streets[spec["index"] % len(streets)]


def subject_text(spec: dict, for_menetapkan: bool = False) -> str:
    lay = spec["layout"]
    kim_q = quoted(spec["kim"].upper(), lay["kim_quotes"])
    verb = "PEMBENTUKAN" if lay["subject"] == "pembentukan" else "PENGUKUHAN PENGURUS"
    s = f"{verb} {spec['kim_long']} (KIM)"
    if lay["kim_in_title"]:
        s += f" {kim_q}"
    if spec["kim_level_kec"]:
        s += f" KECAMATAN {spec['kec'].upper()}"
    elif spec["kind"] == "lurah":
        s += f" KELURAHAN {spec['desa'].upper()} KECAMATAN {spec['kec'].upper()}"
    else:
        s += f" DESA {spec['desa'].upper()} KECAMATAN {spec['kec'].upper()}"
    s += " KABUPATEN TUBAN"
    if lay["masa_bakti"]:
        y = spec["date"][0]
        s += f" MASA BAKTI {y}\u2013{y + 5}" if spec["index"] % 2 else f" MASA BAKTI {y}-{y + 5}"
    return s


def office_upper(spec: dict) -> str:
    return spec["office"].upper()


def signer_title(spec: dict) -> str:
    return f"{spec['prefix']}{office_upper(spec)},"


def title_html(spec: dict) -> str:
    lay = spec["layout"]
    off = office_upper(spec)
    if spec["kind"] == "camat":
        lines = [f"KEPUTUSAN {off}", "KABUPATEN TUBAN"]
    else:
        lines = [f"KEPUTUSAN {off}", f"KECAMATAN {spec['kec'].upper()} KABUPATEN TUBAN"]
    if not lay["title_split"]:
        lines = [" ".join(lines)]
    out = "".join(f'<p class="title">{esc(x)}</p>' for x in lines)
    lab = lay["number_label"]
    out += f'<p class="title" style="font-weight:normal">{esc(lab)} {esc(spec["number"])}</p>'
    out += '<div class="gap"></div><p class="title">TENTANG</p>'
    out += f'<p class="subject">{esc(subject_text(spec))}</p><div class="gap"></div>'
    if lay["kop"] != "emblem" or spec["index"] % 3:
        out += '<p class="title">DENGAN RAHMAT TUHAN YANG MAHA ESA</p><div class="gap"></div>'
    out += f'<p class="title">{esc(off)},</p>'
    return out


def kv_rows(label: str, items: list[str], letters: bool = True) -> str:
    rows = []
    for i, it in enumerate(items):
        k = esc(label) if i == 0 else ""
        c = ":" if i == 0 else ""
        n = f"{'abcdefghij'[i]}." if letters else f"{i + 1}."
        if len(items) == 1:
            rows.append(f'<tr><td class="k">{k}</td><td class="c">{c}</td><td colspan="2">{it}</td></tr>')
        else:
            rows.append(f'<tr><td class="k">{k}</td><td class="c">{c}</td><td class="n">{n}</td><td>{it}</td></tr>')
    return "".join(rows)


def consider_html(spec: dict) -> str:
    lay = spec["layout"]
    unit = (
        f"Kecamatan {spec['kec']}"
        if spec["kim_level_kec"]
        else (f"Kelurahan {spec['desa']}" if spec["kind"] == "lurah" else f"Desa {spec['desa']}")
    )
    kim_q = quoted(spec["kim"], lay["kim_quotes"])
    term = "Komunitas" if lay["komunitas"] else "Kelompok"
    menimbang = [
        "bahwa dalam rangka meningkatkan akses informasi dan pemberdayaan masyarakat di bidang komunikasi dan "
        f"informatika di wilayah {unit}, perlu dibentuk {term} Informasi Masyarakat (KIM);",
        "bahwa KIM merupakan lembaga layanan publik yang dibentuk dan dikelola dari, oleh dan untuk masyarakat "
        "yang berorientasi pada layanan informasi dan pemberdayaan masyarakat sesuai kebutuhannya;",
        f"bahwa berdasarkan pertimbangan sebagaimana dimaksud pada huruf a dan huruf b, perlu menetapkan "
        f"Keputusan {spec['office']} tentang {title_id(subject_text(spec).replace('(KIM)', '(KIM)'))};",
    ]
    permen = (
        "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024 tentang Kelompok Informasi Masyarakat"
        if spec["date"][0] >= 2024 and spec["index"] % 3
        else "Peraturan Menteri Komunikasi dan Informatika Republik Indonesia Nomor 8 Tahun 2019 tentang "
        "Penyelenggaraan Urusan Pemerintahan Konkuren Bidang Komunikasi dan Informatika"
    )
    mengingat = [
        "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (Lembaran Negara Republik "
        "Indonesia Tahun 2008 Nomor 61, Tambahan Lembaran Negara Republik Indonesia Nomor 4846);",
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah, "
        "terakhir dengan Undang-Undang Nomor 6 Tahun 2023;",
        permen + ";",
        "Peraturan Bupati Tuban Nomor 55 Tahun 2020 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi "
        "serta Tata Kerja Kecamatan;",
    ]
    if spec["kind"] == "desa":
        mengingat.insert(
            1,
            "Undang-Undang Nomor 6 Tahun 2014 tentang Desa sebagaimana telah diubah dengan "
            "Undang-Undang Nomor 3 Tahun 2024;",
        )
    out = '<table class="kv">' + kv_rows("Menimbang", [esc(x) for x in menimbang])
    out += '<tr><td colspan="4" style="height:0.5em"></td></tr>'
    out += kv_rows("Mengingat", [esc(x) for x in mengingat], letters=False)
    if lay["memperhatikan"]:
        mem = [
            f"Berita Acara Musyawarah Pembentukan KIM {esc(kim_q)} Nomor : {esc(spec['ba_no'])} "
            f"tanggal {esc(spec['ba_date'])};",
        ]
        if spec["index"] % 2 == 0:
            mem.append(
                f"Surat Undangan {esc(spec['office'])} Nomor : {esc(spec['inv_no'])} tanggal "
                f"{esc(spec['inv_date'])} perihal Musyawarah Pembentukan KIM;"
            )
        out += '<tr><td colspan="4" style="height:0.5em"></td></tr>'
        out += kv_rows("Memperhatikan", mem, letters=False)
    out += "</table>"
    return out


def diktum_html(spec: dict, officers_inline: str) -> str:
    lay = spec["layout"]
    ords = ORDINALS_KE if lay["diktum"] == "KESATU" else ORDINALS_PER
    kim_q = quoted(spec["kim"], lay["kim_quotes"])
    term = "Komunitas" if lay["komunitas"] else "Kelompok"
    unit = (
        f"Kecamatan {spec['kec']}"
        if spec["kim_level_kec"]
        else (
            f"Kelurahan {spec['desa']}" if spec["kind"] == "lurah" else f"Desa {spec['desa']} Kecamatan {spec['kec']}"
        )
    )
    verb = "Membentuk" if lay["subject"] == "pembentukan" else "Mengukuhkan Pengurus"
    where = (
        "dengan susunan sebagai berikut :"
        if officers_inline
        else "dengan susunan pengurus sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak "
        "terpisahkan dari Keputusan ini."
    )
    d1 = f"{verb} {term} Informasi Masyarakat (KIM) {esc(kim_q)} {esc(unit)} Kabupaten Tuban, {where}"
    items = [
        d1 + officers_inline,
        f"Pengurus KIM {esc(kim_q)} sebagaimana dimaksud dalam Diktum {ords[0]} mempunyai tugas :"
        "<br>a. menyediakan dan mendiseminasikan informasi kepada masyarakat;"
        "<br>b. menyerap aspirasi masyarakat dan menyampaikannya kepada pemerintah;"
        "<br>c. melaporkan kegiatan secara berkala kepada "
        + ("Camat." if spec["kind"] == "camat" else f"{esc(spec['office'])}."),
        "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada "
        + ("Anggaran Pendapatan dan Belanja Desa (APBDes)" if spec["kind"] == "desa" else "DPA Kecamatan")
        + f" Tahun Anggaran {spec['date'][0]} dan sumber lain yang sah dan tidak mengikat.",
        "Keputusan ini mulai berlaku sejak tanggal ditetapkan, dengan ketentuan apabila di kemudian hari "
        "terdapat kekeliruan dalam penetapannya akan diadakan perbaikan sebagaimana mestinya.",
    ]
    out = '<div class="gap"></div><p class="title">MEMUTUSKAN :</p><div class="gap"></div><table class="kv">'
    out += (
        f'<tr><td class="k">Menetapkan</td><td class="c">:</td><td colspan="2">KEPUTUSAN '
        f"{esc(office_upper(spec))} TENTANG {esc(subject_text(spec))}.</td></tr>"
    )
    for i, it in enumerate(items):
        out += '<tr><td colspan="4" style="height:0.4em"></td></tr>'
        out += f'<tr><td class="k">{ords[i]}</td><td class="c">:</td><td colspan="2">{it}</td></tr>'
    out += "</table>"
    return out


def role_text(role: str, caps: bool) -> str:
    return role.upper() if caps else role


def officers_html(spec: dict) -> str:
    lay = spec["layout"]
    offs = spec["officers"]
    caps = lay["role_caps"]
    fmt = lay["officer_format"]
    if fmt == "colon":
        rows = []
        prev = None
        for role, name in offs:
            r = role_text(role, caps) if role != prev else ""
            c = ":" if role != prev else ""
            rows.append(f'<tr><td style="width:42%">{esc(r)}</td><td class="c">{c}</td><td>{esc(name)}</td></tr>')
            prev = role
        return f'<table class="kv cl" style="margin:2mm 0 2mm 4mm; width:96%">{"".join(rows)}</table>'
    if fmt == "sebagai":
        items = "".join(
            f'<tr><td class="n">{i + 1}.</td><td>{esc(n)} sebagai {esc(role_text(r, caps))};</td></tr>'
            for i, (r, n) in enumerate(offs)
        )
        return f'<table class="kv" style="margin:2mm 0">{items}</table>'
    cls = "off b" if lay["table_borders"] else "off"
    ket = lay["table_keterangan"]
    nj = lay["table_order"] == "nama_jabatan"
    head = "<tr><th>NO</th>" + ("<th>NAMA</th><th>JABATAN</th>" if nj else "<th>JABATAN</th><th>NAMA</th>")
    head += "<th>KETERANGAN</th></tr>" if ket else "</tr>"
    # group consecutive identical roles
    groups: list[list] = []
    for role, name in offs:
        if groups and groups[-1][0] == role and role != "Ketua":
            groups[-1][1].append(name)
        else:
            groups.append([role, [name]])
    body = []
    no = 0
    for role, names in groups:
        for j, name in enumerate(names):
            no += 1
            rtxt = esc(role_text(role, caps))
            if lay["table_group_rowspan"] and len(names) > 1:
                rcell = f'<td rowspan="{len(names)}">{rtxt}</td>' if j == 0 else ""
            else:
                rcell = f"<td>{rtxt if j == 0 else ''}</td>"
            ncell = f"<td>{esc(name)}</td>"
            row = f'<tr><td class="no">{no}.</td>' + (ncell + rcell if nj else rcell + ncell)
            if ket:
                row += "<td>Tokoh Masyarakat</td>" if no % 5 == 1 and no > 3 else "<td></td>"
            body.append(row + "</tr>")
    return f'<table class="{cls}">{head}{"".join(body)}</table>'


# ---------------------------------------------------------------- signature and stamp
def catmull(pts: list[tuple[float, float]], steps: int = 8) -> list[tuple[float, float]]:
    out = []
    p = [pts[0]] + pts + [pts[-1]]
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        for k in range(steps):
            t = k / steps
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(
                    0.5
                    * (
                        2 * p1[j]
                        + (-p0[j] + p2[j]) * t
                        + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                        + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3
                    )
                    for j in range(2)
                )
            )
    out.append(pts[-1])
    return out


def signature_svg(seed: int, jitter_seed: int, color: str, width_mm: float, height_mm: float) -> str:
    """Pen signature: smoothed loops drawn as short segments with pressure-varying width."""
    rng = random.Random(seed)
    jr = random.Random(jitter_seed)
    strokes = []
    # main stroke: a capital-like loop then cursive humps
    x, base = 4.0, 17.0
    pts = [(x, base + rng.uniform(2, 6))]
    pts.append((x + rng.uniform(1, 4), base - rng.uniform(9, 14)))
    pts.append((x + rng.uniform(5, 9), base - rng.uniform(4, 10)))
    pts.append((x + rng.uniform(2, 5), base + rng.uniform(0, 3)))
    x += rng.uniform(7, 10)
    for _ in range(rng.randint(4, 8)):
        h = rng.uniform(3, 9)
        pts.append((x, base - h))
        pts.append((x + rng.uniform(0.8, 2.2), base + rng.uniform(-1, 1.5)))
        x += rng.uniform(2.5, 5)
    pts.append((x + rng.uniform(2, 6), base - rng.uniform(2, 8)))
    strokes.append(pts)
    # flourish underline crossing back
    fy = base + rng.uniform(2, 7)
    strokes.append([(x + 3, base - 4), (x - 6, fy), (x * 0.5, fy + rng.uniform(-1, 2)), (rng.uniform(0, 6), fy + 2)])
    if rng.random() < 0.5:
        strokes.append([(x * 0.3, base - 10), (x * 0.45, base + 3)])
    if rng.random() < 0.6:
        strokes.append([(x + 4, base - 1), (x + 4.6, base - 1.3)])  # dot
    scale = min(width_mm / (x + 10), 1.6)
    angle = jr.uniform(-8, 4)
    base_w = jr.uniform(0.45, 0.75)
    segs = []
    for st in strokes:
        st = [(px + jr.uniform(-0.5, 0.5), py + jr.uniform(-0.5, 0.5)) for px, py in st]
        line = catmull(st, 10)
        n = len(line)
        phase = jr.uniform(0, 6)
        for i in range(n - 1):
            t = i / max(1, n - 1)
            press = 0.35 + 0.65 * math.sin(math.pi * min(1.0, t * 1.15)) * (0.8 + 0.2 * math.sin(i * 0.4 + phase))
            w = base_w * max(0.25, press)
            (ax, ay), (bx, by) = line[i], line[i + 1]
            segs.append(f'<line x1="{ax:.2f}" y1="{ay:.2f}" x2="{bx:.2f}" y2="{by:.2f}" stroke-width="{w:.3f}"/>')
    vb_w, vb_h = width_mm / scale, height_mm / scale
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {vb_w:.1f} {vb_h:.1f}" '
        f'style="width:{width_mm}mm;height:{height_mm}mm;transform:rotate({angle:.1f}deg)">'
        f'<g stroke="{color}" stroke-linecap="round" fill="none" opacity="0.93">{"".join(segs)}</g></svg>'
    )


def stamp_svg(spec: dict, rot: float, diam_mm: float, color: str) -> str:
    kind = spec["kind"]
    if kind == "camat":
        top, bottom, mid = "PEMERINTAH KABUPATEN TUBAN", f"KECAMATAN {spec['kec'].upper()}", "CAMAT"
    elif kind == "desa":
        top, bottom = f"PEMERINTAH DESA {spec['desa'].upper()}", f"KEC. {spec['kec'].upper()} KAB. TUBAN"
        mid = "KEPALA DESA"
    else:
        top, bottom, mid = "PEMERINTAH KABUPATEN TUBAN", f"KELURAHAN {spec['desa'].upper()}", "LURAH"
    fs_top = min(15.5, 330 / max(10, len(top)))
    fs_bot = min(15.5, 260 / max(10, len(bottom)))
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"
 style="width:{diam_mm}mm;height:{diam_mm}mm;transform:rotate({rot:.1f}deg);mix-blend-mode:multiply;opacity:0.82">
<defs><path id="top{spec["index"]}" d="M 30 100 A 70 70 0 0 1 170 100"/>
<path id="bot{spec["index"]}" d="M 22 100 A 78 78 0 0 0 178 100"/></defs>
<g fill="none" stroke="{color}"><circle cx="100" cy="100" r="96" stroke-width="4.5"/>
<circle cx="100" cy="100" r="89" stroke-width="1.6"/><circle cx="100" cy="100" r="55" stroke-width="2"/></g>
<g fill="{color}" font-family="Liberation Sans, sans-serif" font-weight="bold">
<text font-size="{fs_top:.1f}" letter-spacing="1"><textPath href="#top{spec["index"]}" startOffset="50%"
 text-anchor="middle">{esc(top)}</textPath></text>
<text font-size="{fs_bot:.1f}" letter-spacing="1"><textPath href="#bot{spec["index"]}" startOffset="50%"
 text-anchor="middle" dominant-baseline="hanging">{esc(bottom)}</textPath></text>
<polygon points="100,62 104,73 116,73 106,80 110,91 100,84 90,91 94,80 84,73 96,73" />
<text x="100" y="112" font-size="{15 if len(mid) < 8 else 12}" text-anchor="middle">{esc(mid)}</text>
<text x="100" y="134" font-size="11" text-anchor="middle">TUBAN</text>
<text x="30" y="106" font-size="14">&#9733;</text><text x="158" y="106" font-size="14">&#9733;</text></g></svg>"""


def sign_block(spec: dict, which: int) -> str:
    lay = spec["layout"]
    place = spec["kec"] if spec["kind"] == "camat" else (spec["desa"] if spec["kind"] == "desa" else "Tuban")
    jr = random.Random(spec["sig_seed"] * 7 + which)
    head = (
        '<table class="kv" style="width:auto"><tr><td>Ditetapkan di</td><td class="c">:</td>'
        f'<td>{esc(place)}</td></tr><tr><td>Pada tanggal</td><td class="c">:</td>'
        f"<td>{esc(spec['date_text'])}</td></tr></table>"
    )
    if jr.random() < 0.5:
        head += '<div style="border-top:1pt solid #000; width:95%; margin:0.5mm 0 1mm 0"></div>'
    else:
        head += '<div style="height:0.6em"></div>'
    title = f'<p style="font-weight:bold">{esc(signer_title(spec))}</p>'
    cross = lay["sig_cross_name"]
    sig_h = 30 if cross else 24
    sig = signature_svg(spec["sig_seed"], jr.randrange(1 << 30), lay["sig_color"], jr.uniform(40, 56), sig_h)
    sig_left = jr.uniform(2, 14)
    sig_top = jr.uniform(-3, 1) + (3 if cross else -1)
    diam = jr.uniform(34, 40)
    st_left = sig_left - diam * jr.uniform(0.45, 0.7)
    st_top = -diam * jr.uniform(0.25, 0.45)
    stamp = stamp_svg(spec, spec["stamp_rot"] + jr.uniform(-6, 6), diam, lay["stamp_color"])
    area = (
        f'<div class="area"><svg style="display:none"></svg>'
        f'<div style="position:absolute;left:{sig_left:.1f}mm;top:{sig_top:.1f}mm;z-index:2">{sig}</div>'
        f'<div style="position:absolute;left:{st_left:.1f}mm;top:{st_top:.1f}mm;z-index:3">{stamp}</div></div>'
    )
    ns = lay["signer_style"]
    deco = "text-decoration:underline;" if "underline" in ns else ""
    weight = "font-weight:bold;" if "bold" in ns else ""
    name = f'<p class="name" style="{deco}{weight}">{esc(spec["signer"])}</p>'
    extra = ""
    if spec["rank"]:
        extra += f"<p>{esc(spec['rank'])}</p>"
    if spec["nip"]:
        extra += f"<p>{esc(lay['nip_label'])} {esc(spec['nip'])}</p>"
    return f'<div class="sign">{head}{title}{area}{name}{extra}</div>'


def lampiran_html(spec: dict) -> str:
    lay = spec["layout"]
    rows = [
        ("LAMPIRAN", f"KEPUTUSAN {office_upper(spec)}"),
        ("NOMOR", spec["number"]),
        ("TANGGAL", spec["date_text"]),
        ("TENTANG", subject_text(spec)),
    ]
    head = "".join(
        f'<tr><td style="width:24mm">{esc(k)}</td><td style="width:4mm">:</td><td>{esc(v)}</td></tr>' for k, v in rows
    )
    kim_q = quoted(spec["kim"].upper(), lay["kim_quotes"])
    term = "KOMUNITAS" if lay["komunitas"] else "KELOMPOK"
    unit = (
        f"KECAMATAN {spec['kec'].upper()}"
        if spec["kim_level_kec"]
        else f"{'KELURAHAN' if spec['kind'] == 'lurah' else 'DESA'} {spec['desa'].upper()}"
    )
    return (
        f'<div class="lampiran"><table class="lamphead">{head}</table><div class="gap"></div>'
        f'<p class="title">SUSUNAN PENGURUS {term} INFORMASI MASYARAKAT (KIM) {esc(kim_q)}</p>'
        f'<p class="title">{esc(unit)} KABUPATEN TUBAN</p>'
        + (f'<p class="title">MASA BAKTI {spec["date"][0]} - {spec["date"][0] + 5}</p>' if lay["masa_bakti"] else "")
        + f'<div class="gap"></div>{officers_html(spec)}{sign_block(spec, 2)}</div>'
    )


def tembusan_html(spec: dict) -> str:
    items = ["Bupati Tuban (sebagai laporan);", "Kepala Dinas Komunikasi dan Informatika Kabupaten Tuban;"]
    if spec["kind"] != "camat":
        items.append(f"Camat {spec['kec']};")
    items.append("Yang bersangkutan untuk diketahui dan dilaksanakan;")
    items.append("Arsip.")
    li = "".join(f"<tr><td class='n'>{i + 1}.</td><td>{esc(t)}</td></tr>" for i, t in enumerate(items))
    return f'<div class="tembusan"><p><u>Tembusan</u> disampaikan kepada Yth. :</p><table class="kv">{li}</table></div>'


def document_html(spec: dict, shrink: float = 1.0) -> str:
    lay = spec["layout"]
    inline = lay["officers_where"] == "body"
    body = kop_html(spec) + title_html(spec) + '<div class="gap"></div>' + consider_html(spec)
    body += diktum_html(spec, officers_html(spec) if inline else "")
    body += sign_block(spec, 1)
    if lay["tembusan"]:
        body += tembusan_html(spec)
    if not inline:
        body += lampiran_html(spec)
    style = css(spec)
    if shrink != 1.0:
        style += (
            f"body {{ font-size: {lay['font_pt'] * shrink:.2f}pt; line-height: {lay['line_height'] * shrink:.2f}; }}"
        )
    head = f'<head><meta charset="utf-8"><style>{style}</style></head>'
    return f'<!DOCTYPE html><html lang="id">{head}<body>{body}</body></html>'


# ---------------------------------------------------------------- print and rasterise
def print_pdf(page, spec: dict) -> tuple[bytes, float]:
    shrink = 1.0
    for _ in range(4):
        page.set_content(document_html(spec, shrink), wait_until="load")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        n = len(pdfium.PdfDocument(pdf))
        if n <= 3:
            return pdf, shrink
        shrink *= 0.9
    return pdf, shrink


def rasterise(pdf: bytes) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    out = [doc[i].render(scale=RENDER_DPI / 72).to_pil().convert("RGB") for i in range(len(doc))]
    doc.close()
    return out


def ink_texture(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Uneven ink on coloured (stamp/signature) pixels; the rest stays as printed."""
    a = np.asarray(img).astype(np.int16)
    r, b = a[..., 0], a[..., 2]
    colored = (b - r > 25) | (np.abs(r - b) > 40)
    if not colored.any():
        return img
    h, w = colored.shape
    noise = rng.random((h // 16 + 2, w // 16 + 2)).astype(np.float32)
    nimg = Image.fromarray((noise * 255).astype(np.uint8)).resize((w, h), Image.BILINEAR)
    nimg = nimg.filter(ImageFilter.GaussianBlur(6))
    fade = np.asarray(nimg).astype(np.float32) / 255.0 * 0.55
    out = a.astype(np.float32)
    fade3 = fade[..., None]
    out = np.where(colored[..., None], out + (255 - out) * fade3, out)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def save_pdf(images: list[Image.Image], path: Path, dpi: float, quality: int) -> None:
    frames = []
    for im in images:
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=quality)
        buf.seek(0)
        frames.append(Image.open(buf))
    frames[0].save(path, "PDF", save_all=True, append_images=frames[1:], resolution=dpi, quality=quality)


# ---------------------------------------------------------------- scan
def scan_page(img: Image.Image, rng: random.Random, nrng: np.random.Generator, opts: dict) -> Image.Image:
    dpi = opts["dpi"]
    w, h = img.size
    im = img.resize((round(w * dpi / RENDER_DPI), round(h * dpi / RENDER_DPI)), Image.LANCZOS)
    a = np.asarray(im).astype(np.float32)
    # toner never quite black, paper never quite white
    tone = np.array(opts["paper"], dtype=np.float32)
    a = a / 255.0 * (tone - 25) + 25
    h2, w2 = a.shape[:2]
    if opts["dark_edge"]:
        ramp = np.clip(1 - np.arange(w2) / (w2 * 0.06), 0, 1)
        side = ramp if opts["edge_side"] == 0 else ramp[::-1]
        a *= (1 - 0.35 * side)[None, :, None]
    if opts["fold"]:
        y0 = int(h2 * opts["fold_pos"])
        yy = np.arange(h2)[:, None]
        band = (
            np.exp(-(((yy - y0) / (dpi * 0.02)) ** 2)) * 0.18
            + np.exp(-(((yy - y0 - dpi * 0.03) / (dpi * 0.08)) ** 2)) * 0.05
        )
        a *= (1 - band)[..., None]
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if opts["holes"]:
        d = ImageDraw.Draw(im)
        r = dpi * 0.11
        cx = dpi * 0.45
        for fy in (0.5 - 80 / 330 / 2 * 1.0, 0.5 + 80 / 330 / 2 * 1.0):
            cy = h2 * fy
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(95, 95, 92))
            d.ellipse([cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8], fill=(60, 60, 58))
    im = im.rotate(
        opts["skew"] + rng.uniform(-0.3, 0.3),
        resample=Image.BICUBIC,
        expand=False,
        fillcolor=tuple(int(c * 0.97) for c in opts["paper"]),
    )
    im = im.filter(ImageFilter.GaussianBlur(opts["blur"]))
    a = np.asarray(im).astype(np.float32)
    a += nrng.normal(0, 3.0, a.shape[:2])[..., None]
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if opts["grey"]:
        im = im.convert("L")
    return im


def scan_options(rng: random.Random) -> dict:
    return {
        "dpi": rng.choice([150, 200, 200, 240, 300]),
        "grey": rng.random() < 0.45,
        "skew": rng.uniform(-2.5, 2.5),
        "paper": (rng.randint(238, 250), rng.randint(235, 248), rng.randint(225, 242)),
        "blur": rng.uniform(0.3, 0.9),
        "quality": rng.randint(55, 85),
        "fold": rng.random() < 0.3,
        "fold_pos": rng.uniform(0.3, 0.55),
        "holes": rng.random() < 0.2,
        "dark_edge": rng.random() < 0.35,
        "edge_side": rng.randint(0, 1),
    }


# ---------------------------------------------------------------- photo
def persp_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """Coefficients mapping output (dst) points to input (src) points for Image.transform."""
    m = []
    v = []
    for (x, y), (u, w) in zip(dst, src, strict=True):
        m.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        m.append([0, 0, 0, x, y, 1, -w * x, -w * y])
        v += [u, w]
    return list(np.linalg.solve(np.array(m, dtype=float), np.array(v, dtype=float)))


def background(rng: random.Random, nrng: np.random.Generator, w: int, h: int) -> tuple[Image.Image, str]:
    kind = rng.choice(["wood", "floor", "cloth", "table"])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        base = np.array([rng.randint(110, 160), rng.randint(70, 100), rng.randint(35, 60)], np.float32)
        grain = np.sin(yy / rng.uniform(6, 14) + np.sin(xx / 90) * 3) * 0.12 + nrng.normal(0, 0.03, (h, w))
        a = base[None, None] * (1 + grain[..., None])
    elif kind == "floor":
        base = np.array([rng.randint(170, 215)] * 3, np.float32) * np.array([1, 0.97, 0.92])
        t = rng.randint(180, 300)
        lines = ((xx % t) < 3) | ((yy % t) < 3)
        a = base[None, None] * (1 + nrng.normal(0, 0.04, (h, w))[..., None])
        a[lines] *= 0.75
    elif kind == "cloth":
        base = np.array([rng.randint(40, 140), rng.randint(40, 120), rng.randint(60, 160)], np.float32)
        weave = (np.sin(xx / 2.2) * np.sin(yy / 2.2)) * 0.06 + np.sin((xx + yy) / 40) * 0.08
        a = base[None, None] * (1 + weave[..., None] + nrng.normal(0, 0.03, (h, w))[..., None])
    else:
        base = np.array([rng.randint(180, 235), rng.randint(180, 225), rng.randint(170, 215)], np.float32)
        a = base[None, None] * (1 + nrng.normal(0, 0.02, (h, w))[..., None])
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), kind


def photo_page(img: Image.Image, rng: random.Random, nrng: np.random.Generator) -> tuple[Image.Image, dict]:
    W, H = 960, 1280
    work = 1.5  # draw at 1.5x then downscale
    cw, ch = int(W * work), int(H * work)
    bg, bg_kind = background(rng, nrng, cw, ch)
    pw, ph = img.size
    fill = rng.uniform(0.74, 0.9)
    s = min(cw * fill / pw, ch * fill / ph)
    page = img.resize((int(pw * s), int(ph * s)), Image.LANCZOS)
    pw, ph = page.size
    ang = math.radians(rng.choice([-1, 1]) * rng.uniform(4, 12))
    cx, cy = cw / 2 + rng.uniform(-0.04, 0.04) * cw, ch / 2 + rng.uniform(-0.03, 0.03) * ch
    corners = []
    for sx, sy in [(-1, -1), (1, -1), (1, 1), (-1, 1)]:
        x, y = sx * pw / 2, sy * ph / 2
        # mild perspective: top edge narrower/wider
        k = 1 + (rng.uniform(-0.05, 0.02) if sy < 0 else rng.uniform(0, 0.04))
        x *= k
        xr = x * math.cos(ang) - y * math.sin(ang)
        yr = x * math.sin(ang) + y * math.cos(ang)
        corners.append((cx + xr + rng.uniform(-8, 8), cy + yr + rng.uniform(-8, 8)))
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = persp_coeffs(corners, src)
    warped = page.transform((cw, ch), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", (cw, ch), 0)
    ImageDraw.Draw(mask).polygon(corners, fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(1.2))
    shadow = Image.new("L", (cw, ch), 0)
    off = rng.uniform(6, 18)
    ImageDraw.Draw(shadow).polygon([(x + off, y + off) for x, y in corners], fill=150)
    shadow = shadow.filter(ImageFilter.GaussianBlur(14))
    bg = Image.composite(Image.new("RGB", (cw, ch), (20, 20, 20)), bg, shadow)
    comp = Image.composite(warped, bg, mask)
    a = np.asarray(comp).astype(np.float32)
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    lx, ly = rng.uniform(0, cw), rng.uniform(0, ch * 0.6)
    dist = np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / math.hypot(cw, ch)
    light = rng.uniform(1.0, 1.12) - dist * rng.uniform(0.3, 0.6)
    cast = np.array([1.0, rng.uniform(0.96, 1.0), rng.uniform(0.86, 0.97)], np.float32)
    a = a * light[..., None] * cast[None, None]
    extras = []
    if rng.random() < 0.35:
        extras.append("shadow")
        pts = [(rng.uniform(0, cw), 0), (cw, 0), (cw, rng.uniform(0.3, 1) * ch), (rng.uniform(0.5, 0.9) * cw, ch * 0.5)]
        sh = Image.new("L", (cw, ch), 0)
        ImageDraw.Draw(sh).polygon(pts, fill=255)
        sh = np.asarray(sh.filter(ImageFilter.GaussianBlur(40))).astype(np.float32) / 255
        a *= (1 - 0.35 * sh)[..., None]
    img2 = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if rng.random() < 0.3:
        extras.append("finger")
        side = rng.choice(["left", "right", "bottom"])
        fw, fl = rng.uniform(90, 130), rng.uniform(200, 320)
        if side == "left":
            y = rng.uniform(0.3, 0.8) * ch
            box = [-fl * 0.4, y, fl * 0.6, y + fw]
        elif side == "right":
            y = rng.uniform(0.3, 0.8) * ch
            box = [cw - fl * 0.6, y, cw + fl * 0.4, y + fw]
        else:
            x = rng.uniform(0.2, 0.8) * cw
            box = [x, ch - fl * 0.6, x + fw, ch + fl * 0.4]
        skin = (rng.randint(150, 200), rng.randint(105, 140), rng.randint(80, 110))
        layer = Image.new("RGB", (cw, ch), skin)
        fm = Image.new("L", (cw, ch), 0)
        ImageDraw.Draw(fm).ellipse(box, fill=255)
        fm = fm.filter(ImageFilter.GaussianBlur(9))
        dark = Image.new("L", (cw, ch), 0)
        ImageDraw.Draw(dark).ellipse(box, fill=70)
        layer = Image.composite(
            Image.new("RGB", (cw, ch), tuple(c // 2 for c in skin)),
            layer,
            dark.filter(ImageFilter.GaussianBlur(30)).point(lambda v: 70 - v),
        )
        img2 = Image.composite(layer, img2, fm)
    img2 = img2.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.4))).resize((W, H), Image.LANCZOS)
    a = np.asarray(img2).astype(np.float32) + nrng.normal(0, rng.uniform(2, 5), (H, W, 3))
    img2 = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    img2.save(buf, "JPEG", quality=rng.randint(85, 94))
    buf.seek(0)
    return Image.open(buf).convert("RGB"), {
        "background": bg_kind,
        "extras": extras,
        "angle_deg": round(math.degrees(ang), 2),
    }


def save_photo(img: Image.Image, path: Path, orientation: int, quality: int) -> None:
    if orientation == 6:
        img = img.rotate(90, expand=True)  # viewer rotates 90 deg clockwise to show upright
    elif orientation == 8:
        img = img.rotate(270, expand=True)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "WhatsApp"
    img.save(path, "JPEG", quality=quality, exif=exif.tobytes())


# ---------------------------------------------------------------- build
def make_document(page, spec: dict, out: Path, rng: random.Random) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    nrng = np.random.default_rng(rng.randrange(1 << 32))
    pdf, shrink = print_pdf(page, spec)
    pages = [ink_texture(im, nrng) for im in rasterise(pdf)]
    save_pdf(pages, out / "clean.pdf", RENDER_DPI, rng.randint(85, 92))
    sopt = scan_options(rng)
    scans = [scan_page(im, rng, nrng, sopt) for im in pages]
    save_pdf(scans, out / "scan.pdf", sopt["dpi"], sopt["quality"])
    photos = []
    photo_meta = []
    for i, im in enumerate(pages):
        ph, meta = photo_page(im, rng, nrng)
        orient = rng.choices([1, 6, 8], [0.67, 0.18, 0.15])[0]
        name = f"photo-{i + 1}.jpg"
        save_photo(ph, out / name, orient, rng.randint(55, 80))
        photos.append({"file": name, "exif_orientation": orient})
        photo_meta.append(meta)
    y, m, d = spec["date"]
    layout = dict(spec["layout"])
    layout.update(
        {
            "shrink": round(shrink, 3),
            "scan": sopt,
            "photo": photo_meta,
            "kim_level": ("kecamatan" if spec["kim_level_kec"] else "kelurahan" if spec["kind"] == "lurah" else "desa"),
        }
    )
    truth = {
        "number": spec["number"],
        "date": f"{y:04d}-{m:02d}-{d:02d}",
        "date_text": spec["date_text"],
        "office": spec["office"],
        "signer_title": signer_title(spec),
        "signatory": spec["signer"],
        "kim_name": spec["kim_name"],
        "officers": [{"role": title_id(r), "name": n} for r, n in spec["officers"]],
        "kecamatan": spec["kec"],
        "desa": spec["desa"] if not spec["kim_level_kec"] else None,
        "layout": layout,
        "pages": len(pages),
        "photos": photos,
        "distractors": {
            "berita_acara": {"number": spec["ba_no"], "date": spec["ba_date"]} if layout["memperhatikan"] else None,
            "invitation": {"number": spec["inv_no"], "date": spec["inv_date"]}
            if layout["memperhatikan"] and spec["index"] % 2 == 0
            else None,
        },
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
    return truth


def build(set_dir, count: int = 20, seed: int = 2029) -> dict:
    from playwright.sync_api import sync_playwright

    set_dir = Path(set_dir)
    set_dir.mkdir(parents=True, exist_ok=True)
    places = load_places()
    docs = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"], headless=True)
        page = browser.new_page()
        for index in range(count):
            rng = random.Random(f"{seed}-{index}")
            spec = make_spec(rng, places, index)
            name = f"sk-{index:03d}"
            target = set_dir / name
            if target.exists():
                shutil.rmtree(target)
            t0 = time.time()
            truth = make_document(page, spec, target, rng)
            print(
                f"{name}: {truth['office']} {truth['number']} pages={truth['pages']} {time.time() - t0:.1f}s",
                flush=True,
            )
            docs.append(name)
        browser.close()
    manifest = {"count": count, "seed": seed, "generator": generator_digest(), "documents": docs}
    (set_dir / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set-dir", required=True)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2029)
    args = ap.parse_args(argv)
    t0 = time.time()
    build(args.set_dir, args.count, args.seed)
    print(f"done in {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
