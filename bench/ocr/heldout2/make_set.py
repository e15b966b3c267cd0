"""Generate held-out set #2: synthetic scanned / photographed SKs forming a KIM in Kabupaten Tuban.

Every document is laid out from scratch with Pillow at 300 dpi (own text layout, tables, letterhead,
hand-drawn signature, round stamp), then degraded into a photocopy scan (scan.pdf) and WhatsApp-style
phone photos (photo-N.jpg).  The ground truth is taken from the same values that were printed.

    python -m bench.ocr.heldout2.make_set --set-dir DIR --count 20 --seed 2027
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import hashlib
import io
import json
import math
import random
import shutil
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter, ImageFont

DPI = 300
PT = DPI / 72.0
MM = DPI / 25.4
WILAYAH_DIR = (
    Path(__file__).resolve().parents[3] / "districts" / "data" / "wilayah"
)  # the bundled copy of ../shared/data/wilayah
TUBAN = "35.23"
FONT_ROOT = Path("/usr/share/fonts")
FONTS = {
    "URW Bookman": ("opentype/urw-base35/URWBookman-Light.otf", "opentype/urw-base35/URWBookman-Demi.otf"),
    "Liberation Serif": (
        "truetype/liberation/LiberationSerif-Regular.ttf",
        "truetype/liberation/LiberationSerif-Bold.ttf",
    ),
    "Liberation Sans": (
        "truetype/liberation/LiberationSans-Regular.ttf",
        "truetype/liberation/LiberationSans-Bold.ttf",
    ),
    "Carlito": ("truetype/crosextra/Carlito-Regular.ttf", "truetype/crosextra/Carlito-Bold.ttf"),
    "DejaVu Serif": ("truetype/dejavu/DejaVuSerif.ttf", "truetype/dejavu/DejaVuSerif-Bold.ttf"),
    "FreeSerif": ("truetype/freefont/FreeSerif.ttf", "truetype/freefont/FreeSerifBold.ttf"),
    "Nimbus Roman": ("opentype/urw-base35/NimbusRoman-Regular.otf", "opentype/urw-base35/NimbusRoman-Bold.otf"),
    "P052": ("opentype/urw-base35/P052-Roman.otf", "opentype/urw-base35/P052-Bold.otf"),
    "C059": ("opentype/urw-base35/C059-Roman.otf", "opentype/urw-base35/C059-Bold.otf"),
}
BULAN = [
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
INK = (22, 22, 24)


def generator_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=512)
def font(family: str, bold: bool, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_ROOT / FONTS[family][1 if bold else 0]), max(6, px))


def available_fonts() -> list[str]:
    return [k for k, (r, b) in FONTS.items() if (FONT_ROOT / r).exists() and (FONT_ROOT / b).exists()]


# --------------------------------------------------------------------------------------------- places


@lru_cache(maxsize=1)
def tuban_places() -> list[dict]:
    """Kecamatan of Kabupaten Tuban with their desa and kelurahan (from idn-area-data, ODbL 1.0)."""
    kec: dict[str, dict] = {}
    with open(WILAYAH_DIR / "districts.csv", newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if row["regency_code"] == TUBAN:
                kec[row["code"]] = {"code": row["code"], "name": row["name"].strip(), "desa": [], "kelurahan": []}
    with open(WILAYAH_DIR / "villages.csv", newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            k = kec.get(row["district_code"])
            if k is None:
                continue
            seg = row["code"].split(".")[-1]
            k["kelurahan" if seg.startswith("1") else "desa"].append((seg, row["name"].strip()))
    out = sorted(kec.values(), key=lambda d: d["code"])
    for k in out:
        k["desa"].sort()
        k["kelurahan"].sort()
    return out


# --------------------------------------------------------------------------------------------- people

MALE = [
    "Ahmad",
    "Muhammad",
    "Moh.",
    "Agus",
    "Budi",
    "Slamet",
    "Sugeng",
    "Bambang",
    "Heru",
    "Joko",
    "Wahyu",
    "Eko",
    "Dwi",
    "Bagus",
    "Rudi",
    "Hadi",
    "Imam",
    "Abdul",
    "Khoirul",
    "Ali",
    "Syaiful",
    "Arif",
    "Yusuf",
    "Teguh",
    "Wawan",
    "Zainal",
    "Ainur",
    "Miftahul",
    "Mujib",
    "Fathur",
    "Nur",
    "Andik",
    "Yoyok",
    "Rizal",
    "Dedi",
    "Hendra",
    "Fajar",
    "Ilham",
    "Lukman",
    "Mashudi",
    "Sholikin",
    "Suyanto",
    "Kasmuri",
    "Darmaji",
    "Priyo",
]
MALE_2 = [
    "Hidayat",
    "Fauzi",
    "Santoso",
    "Prasetyo",
    "Wibowo",
    "Saputra",
    "Susanto",
    "Setiawan",
    "Purnomo",
    "Hartono",
    "Mustofa",
    "Rosyid",
    "Hakim",
    "Anwar",
    "Sholeh",
    "Kurniawan",
    "Handoko",
    "Maulana",
    "Ardiansyah",
    "Efendi",
    "Zuhri",
    "Kholiq",
    "Arifin",
    "Junaedi",
    "Basuki",
    "Rohman",
    "Syafii",
    "Nugroho",
    "Firmansyah",
    "Utomo",
    "Mahmudi",
    "Ridwan",
    "Huda",
    "Ansori",
    "Wahyudi",
    "Sulistyo",
]
MALE_1 = [
    "Sutrisno",
    "Supriyanto",
    "Suparman",
    "Suwarno",
    "Warsito",
    "Kusnadi",
    "Kasiyan",
    "Darsono",
    "Sumadi",
    "Karjo",
    "Rasimin",
    "Sukarji",
    "Mulyono",
    "Tarmuji",
    "Marsudi",
    "Parjan",
    "Sunarto",
    "Suroso",
]
FEMALE = [
    "Siti",
    "Sri",
    "Endang",
    "Umi",
    "Lilik",
    "Dewi",
    "Rina",
    "Tutik",
    "Eka",
    "Anik",
    "Nanik",
    "Indah",
    "Fitri",
    "Lailatul",
    "Khusnul",
    "Mamik",
    "Rini",
    "Novi",
    "Puji",
    "Nur",
    "Yuli",
    "Ika",
    "Ani",
    "Laili",
    "Nurul",
    "Binti",
    "Dian",
    "Ratna",
    "Wiwik",
    "Erna",
]
FEMALE_2 = [
    "Rahmawati",
    "Wulandari",
    "Lestari",
    "Ningsih",
    "Rahayu",
    "Fitriani",
    "Maslahah",
    "Aminah",
    "Khotimah",
    "Mardiyah",
    "Zulaikha",
    "Sholikhah",
    "Kusumawati",
    "Handayani",
    "Puspitasari",
    "Safitri",
    "Fadilah",
    "Muniroh",
    "Hasanah",
    "Yuliana",
    "Susanti",
    "Anggraini",
    "Mufidah",
    "Wahyuni",
]
FEMALE_1 = ["Sulastri", "Sumarni", "Wahyuni", "Sulasmi", "Suwarni", "Kasiyati", "Tumini", "Sunarsih"]
DEGREES_YOUNG = [
    "S.Pd.",
    "S.Pd.I.",
    "S.Kom.",
    "A.Md.",
    "S.E.",
    "S.H.",
    "S.Sos.",
    "S.IP.",
    "S.T.",
    "A.Md.Kep.",
    "S.Ag.",
    "S.Ak.",
    "S.M.",
]
DEGREES_SENIOR = ["M.Si.", "M.Pd.", "M.M.", "M.H.", "M.AP."]


def _person(
    rng: random.Random, female: bool | None = None, *, titles: float = 0.25, degree: float = 0.3, senior: bool = False
) -> dict:
    if female is None:
        female = rng.random() < 0.4
    if female:
        core = rng.choice(FEMALE_1) if rng.random() < 0.2 else f"{rng.choice(FEMALE)} {rng.choice(FEMALE_2)}"
    else:
        r = rng.random()
        if r < 0.25:
            core = rng.choice(MALE_1)
        elif r < 0.85:
            core = f"{rng.choice(MALE)} {rng.choice(MALE_2)}"
        else:
            core = f"{rng.choice(MALE)} {rng.choice(MALE_2)} {rng.choice(MALE_2)}"
        if core.startswith(("Moh.", "Nur")) and " " not in core:
            core += f" {rng.choice(MALE_2)}"
    pre: list[str] = []
    if senior and rng.random() < 0.45:
        pre.append("Dra." if female else "Drs.")
    if rng.random() < titles:
        pre.append("Hj." if female else "H.")
    deg: list[str] = []
    if senior:
        if not pre or pre[0] not in ("Drs.", "Dra."):
            deg.append(rng.choice(["S.Sos.", "S.STP.", "S.H.", "S.E.", "S.IP.", "S.Pd."]))
        if rng.random() < 0.75:
            deg.append(rng.choice(DEGREES_SENIOR))
    elif rng.random() < degree:
        deg.append(rng.choice(DEGREES_YOUNG))
    return {"pre": pre, "core": core, "deg": deg}


def fmt_person(p: dict, case: str) -> str:
    core = p["core"].upper() if case == "upper" else p["core"]
    s = " ".join([*p["pre"], core])
    if p["deg"]:
        s += ", " + ", ".join(p["deg"])
    return s


def fmt_date(d: dt.date, style: str) -> str:
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "long_upper":
        return f"{d.day} {BULAN[d.month - 1].upper()} {d.year}"
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def long_date(d: dt.date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


# --------------------------------------------------------------------------------------------- content

KIM_BASES = [
    "Jendela Desa",
    "Sumber Informasi",
    "Suara Desa Sejahtera",
    "Mitra Informasi",
    "Lentera Informasi",
    "Cahaya Desa",
    "Bumi Wali",
    "Warta Desa",
    "Sinar Informasi",
    "Media Desa Mandiri",
    "Ronggolawe",
    "Kabar Desa",
    "Pelita Desa",
    "Gema Informasi",
    "Jembatan Informasi",
    "Sapa Warga",
    "Rumah Informasi Desa",
    "Mutiara Informasi",
    "Bina Informasi Desa",
    "Karya Informasi",
    "Sekar Kedaton",
    "Tunas Informasi",
    "Gerbang Informasi",
    "Cakrawala Desa",
    "Serat Informasi",
    "Obor Desa",
]
SECTIONS = [
    "Seksi Pengumpulan dan Pengolahan Informasi",
    "Seksi Penyebarluasan Informasi",
    "Bidang Teknologi Informasi dan Dokumentasi",
    "Seksi Hubungan Masyarakat dan Kemitraan",
    "Bidang Pengembangan Ekonomi Kreatif dan UMKM",
    "Seksi Humas",
    "Seksi Publikasi",
    "Koordinator Liputan",
    "Bidang Media Sosial dan Website Desa",
    "Seksi Dokumentasi",
    "Seksi Pemberdayaan Masyarakat",
    "Bidang Literasi Digital dan Pengaduan Masyarakat",
    "Seksi Peliputan dan Reportase",
]
RANKS_CAMAT = [
    "Pembina Tk. I",
    "Pembina",
    "Pembina Tingkat I",
    "Pembina Utama Muda",
    "Pembina Tk. I (IV/b)",
    "Pembina (IV/a)",
]
RANKS_LURAH = ["Penata Tk. I", "Penata", "Pembina", "Penata Tingkat I (III/d)", "Penata (III/c)"]
STREETS = [
    "Jl. Raya {p}",
    "Jl. Pemuda",
    "Jl. Sunan Bonang",
    "Jl. Basuki Rachmat",
    "Jl. Diponegoro",
    "Jl. Raya {p} - Tuban",
    "Jl. Veteran",
    "Jl. Pahlawan",
    "Jl. Ronggolawe",
    "Jl. Kartini",
]


def office_code(kec_idx: int, sub: int | None = None) -> str:
    base = f"414.{401 + kec_idx}"
    return base if sub is None else f"{base}.{sub:02d}"


def make_number(rng: random.Random, kind: str, kec_idx: int, sub: int, year: int) -> tuple[str, str]:
    """Return (number as printed after the label, shape name)."""
    seq = rng.randint(1, 140)
    seq_s = f"{seq:02d}" if rng.random() < 0.5 else (f"{seq:03d}" if rng.random() < 0.3 else str(seq))

    def sp(s: str) -> str:  # stray blanks left where the number was filled in later
        r = rng.random()
        return f" {s} " if r < 0.35 else (f"{s} " if r < 0.45 else s)

    kpts = rng.choice(["KPTS", "KPTS", "Kpts", "KEP"])
    if kind == "kades":
        shape = rng.choice(["tahun", "tahun", "tahun", "slash"])
        if shape == "tahun":
            word = rng.choice(["TAHUN", "Tahun"])
            return f"{seq} {word} {year}", "village-tahun"
        cls = rng.choice(["141", "188", "188.4", "400"])
        return f"{cls}/{sp(seq_s)}/{kpts}/{office_code(kec_idx, sub)}/{year}", "village-slash"
    office = office_code(kec_idx) if kind == "camat" else office_code(kec_idx, sub)
    shapes = ["classic", "classic", "b-prefix", "short"]
    if year >= 2023:
        shapes += ["new-class", "new-class"]
    shape = rng.choice(shapes)
    if shape == "classic":
        cls = rng.choice(["188", "188.4", "188.45", "180", "800", "045.2"])
        return f"{cls}/{sp(seq_s)}/{kpts}/{office}/{year}", shape
    if shape == "new-class":
        cls = rng.choice(["100.3.3.2", "100.3.3", "400.14.4.1", "000.8.3"])
        return f"{cls}/{sp(seq_s)}/{kpts}/{office}/{year}", shape
    if shape == "b-prefix":
        cls = rng.choice(["180.05", "188.4", "100.3.3.2", "400.10"])
        return f"B/{cls}/{sp(seq_s)}/{office}/{kpts}/{year}", shape
    return f"188/{sp(seq_s)}/{kpts}/{year}", shape


def make_nip(rng: random.Random, female: bool) -> str:
    by = rng.randint(1966, 1986)
    birth = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
    cy = by + rng.randint(22, 30)
    return f"{birth:%Y%m%d} {cy}{rng.choice([1, 2, 3, 4, 12]):02d} {2 if female else 1} {rng.randint(1, 15):03d}"


@dataclass
class Officer:
    role: str
    name: str
    group: int  # rows of the same group share one printed role in colon lists


def make_officers(rng: random.Random, spec: dict) -> list[Officer]:
    names_used: set[str] = set()

    def new_name() -> str:
        for _ in range(50):
            p = _person(rng, titles=0.12, degree=0.3)
            s = fmt_person(p, spec["name_case"])
            if p["core"] not in names_used:
                names_used.add(p["core"])
                return s
        return s

    role_case = spec["role_case"]

    def R(s: str) -> str:
        return s.upper() if role_case == "upper" else s

    out: list[Officer] = []
    g = 0
    tops = [
        r
        for r in ["Pelindung", rng.choice(["Penasehat", "Penasihat"]), "Pembina", "Penanggung Jawab"]
        if rng.random() < 0.45
    ]
    for role in tops:
        if role == "Pelindung" and rng.random() < 0.35:
            name = spec["office_title"].title() if spec["kind"] != "camat" else f"Camat {spec['kec']}"
            if spec["name_case"] == "upper":
                name = name.upper()
        else:
            name = new_name()
        out.append(Officer(R(role), name, g))
        g += 1
    core = ["Ketua"]
    if rng.random() < 0.55:
        core.append("Wakil Ketua")
    core.append("Sekretaris")
    if rng.random() < 0.2:
        core.append("Wakil Sekretaris")
    core.append("Bendahara")
    for role in core:
        out.append(Officer(R(role), new_name(), g))
        g += 1
    n_sec = rng.choice([0, 1, 2, 2, 3, 4])
    for role in rng.sample(SECTIONS, n_sec):
        for _ in range(rng.choice([1, 1, 2])):
            out.append(Officer(R(role), new_name(), g))
        g += 1
    n_ang = rng.choice([0, 2, 3, 4, 5, 6]) if n_sec else rng.choice([3, 4, 5, 6, 8])
    for _ in range(n_ang):
        out.append(Officer(R("Anggota"), new_name(), g))
    return out


RULES = [
    # (year, text, applies_to)
    (
        1950,
        "Undang-Undang Nomor 12 Tahun 1950 tentang Pembentukan Daerah-daerah Kabupaten dalam Lingkungan "
        "Propinsi Djawa Timur;",
        "all",
    ),
    (2008, "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;", "all"),
    (2014, "Undang-Undang Nomor 6 Tahun 2014 tentang Desa{desa_amend};", "village"),
    (
        2014,
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah, "
        "terakhir dengan Undang-Undang Nomor 9 Tahun 2015;",
        "all",
    ),
    (
        2014,
        "Peraturan Pemerintah Nomor 43 Tahun 2014 tentang Peraturan Pelaksanaan Undang-Undang Nomor 6 Tahun "
        "2014 tentang Desa sebagaimana telah diubah beberapa kali, terakhir dengan Peraturan Pemerintah Nomor "
        "11 Tahun 2019;",
        "village",
    ),
    (2018, "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;", "kecamatan"),
    (2014, "Peraturan Menteri Dalam Negeri Nomor 111 Tahun 2014 tentang Pedoman Teknis Peraturan di Desa;", "village"),
    (
        2019,
        "Peraturan Menteri Komunikasi dan Informatika Nomor 8 Tahun 2019 tentang Penyelenggaraan Urusan "
        "Pemerintahan Konkuren Bidang Komunikasi dan Informatika;",
        "all",
    ),
    (2024, "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024;", "all"),
    (2020, "Peraturan Bupati Tuban Nomor 55 Tahun 2020;", "all"),
]


def build_spec(rng: random.Random, index: int) -> dict:
    places = tuban_places()
    kind = rng.choices(["camat", "kades", "lurah"], weights=[4, 4, 2])[0]
    with_kel = [i for i, k in enumerate(places) if k["kelurahan"]]
    kec_idx = rng.choice(with_kel) if kind == "lurah" else rng.randrange(len(places))
    kec = places[kec_idx]
    kec_name = kec["name"]
    if kind == "lurah":
        j = rng.randrange(len(kec["kelurahan"]))
        place = kec["kelurahan"][j][1]
        sub = 10 + j
    else:
        j = rng.randrange(len(kec["desa"]))
        place = kec["desa"][j][1]
        sub = j + 1
    year = rng.choice([2019, 2020, 2021, 2022, 2023, 2023, 2024, 2024, 2025, 2026])
    date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 360 if year < 2026 else 300))
    if kind == "camat":
        office_title, office = f"CAMAT {kec_name.upper()}", f"Camat {kec_name}"
        kim_scope_desa = rng.random() < 0.55
        scope = f"Desa {place} Kecamatan {kec_name}" if kim_scope_desa else f"Kecamatan {kec_name}"
    elif kind == "kades":
        office_title, office = f"KEPALA DESA {place.upper()}", f"Kepala Desa {place}"
        scope = f"Desa {place}" + (f" Kecamatan {kec_name}" if rng.random() < 0.7 else "")
    else:
        office_title, office = f"LURAH {place.upper()}", f"Lurah {place}"
        scope = f"Kelurahan {place}" + (f" Kecamatan {kec_name}" if rng.random() < 0.7 else "")
    number, number_shape = make_number(rng, kind, kec_idx, sub, year)
    if rng.random() < 0.35:
        kim_base = rng.choice(
            [
                f"{place} Bersinar",
                f"{place} Mandiri",
                f"Suara {place}",
                f"Info {place}",
                f"{place} Digital",
                f"Warta {place}",
            ]
        )
        if kind == "camat" and not scope.startswith("Desa"):
            kim_base = kim_base.replace(place, kec_name)
    else:
        kim_base = rng.choice(KIM_BASES)
    signer_female = rng.random() < 0.25
    if kind == "kades":
        sp = _person(rng, signer_female, titles=0.3, degree=0.35)
    else:
        sp = _person(rng, signer_female, titles=0.35, senior=True)
    signer_case = "upper" if rng.random() < 0.8 else "title"
    signatory = fmt_person(sp, signer_case)
    spec = {
        "kind": kind,
        "kec": kec_name,
        "kec_idx": kec_idx,
        "place": place,
        "scope": scope,
        "office_title": office_title,
        "office": office,
        "number": number,
        "number_shape": number_shape,
        "date": date,
        "year": year,
        "kim_base": kim_base,
        "kim_name": f"KIM {kim_base}",
        "kim_term": "Komunitas Informasi Masyarakat" if rng.random() < 0.3 else "Kelompok Informasi Masyarakat",
        "signatory": signatory,
        "signer_female": signer_female,
        "name_case": "upper" if rng.random() < 0.6 else "title",
        "role_case": "upper" if rng.random() < 0.2 else "title",
        "plt": kind != "kades" and rng.random() < 0.12,
    }
    if kind == "kades":
        spec["rank"], spec["nip"] = None, None
    elif kind == "camat" and rng.random() < 0.25:
        spec["rank"], spec["nip"] = None, None
    else:
        spec["rank"] = rng.choice(RANKS_CAMAT if kind == "camat" else RANKS_LURAH)
        spec["nip"] = make_nip(rng, signer_female)
        if rng.random() < 0.15:
            spec["rank"] = None
    spec["officers"] = make_officers(rng, spec)
    # distractor dates / numbers
    ba_date = date - dt.timedelta(days=rng.randint(3, 40))
    spec["ba_date"] = ba_date
    seq = rng.randint(1, 99)
    spec["ba_number"] = rng.choice(
        [
            f"{seq:03d}/BA/{office_code(kec_idx, sub)}/{ba_date.year}",
            f"140/{seq}/BA/{ba_date.year}",
            f"{seq:02d}/BA-MUSDES/{ba_date.year}",
        ]
    )
    spec["dinas_date"] = ba_date - dt.timedelta(days=rng.randint(10, 90))
    spec["dinas_number"] = (
        f"{rng.choice(['555', '045', '480'])}/{rng.randint(100, 999)}/414.110/{spec['dinas_date'].year}"
    )
    spec["masa_bakti"] = f"{year} - {year + rng.choice([3, 5])}" if rng.random() < 0.35 else None
    return spec


# --------------------------------------------------------------------------------------------- layout


@dataclass
class Cell:
    text: str
    bold: bool = False
    align: str = "left"
    span: int = 1
    underline: bool = False


def wrap(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> list[tuple[list[str], bool]]:
    out: list[tuple[list[str], bool]] = []
    for para in text.split("\n"):
        words = [w for w in para.split(" ") if w]
        if not words:
            out.append(([], True))
            continue
        cur: list[str] = []
        for w in words:
            trial = " ".join([*cur, w])
            if cur and fnt.getlength(trial) > width:
                out.append((cur, False))
                cur = [w]
            else:
                cur.append(w)
        out.append((cur, True))
    return out


class Doc:
    def __init__(self, L: dict):
        self.L = L
        self.W = round(L["paper_mm"][0] * MM)
        self.H = round(L["paper_mm"][1] * MM)
        self.left = round(L["margin_mm"][0] * MM)
        self.right = self.W - round(L["margin_mm"][1] * MM)
        self.top = round(L["margin_mm"][2] * MM)
        self.bottom = self.H - round(L["margin_mm"][3] * MM)
        self.px = round(L["font_pt"] * PT)
        self.lh = round(self.px * 1.17 * L["spacing"])
        self.pages: list[Image.Image] = []
        self.inks: list[tuple[int, Image.Image, tuple[int, int, int], int, int]] = []
        self.new_page()

    # basic drawing
    def f(self, bold: bool = False, scale: float = 1.0) -> ImageFont.FreeTypeFont:
        return font(self.L["font"], bold, round(self.px * scale))

    def new_page(self) -> None:
        self.pages.append(Image.new("RGB", (self.W, self.H), "white"))
        self.draw = ImageDraw.Draw(self.pages[-1])
        self.y = self.top
        if len(self.pages) > 1 and self.L["page_numbers"]:
            self.line_text(f"- {len(self.pages)} -", self.left, self.right, self.f(), "center")
            self.y += self.lh

    def need(self, h: float) -> None:
        if self.y + h > self.bottom:
            self.new_page()

    def space(self, n: float) -> None:
        self.y += round(n * self.lh)

    def line_text(
        self,
        words: list[str] | str,
        x0: float,
        x1: float,
        fnt,
        align: str,
        last: bool = True,
        underline: bool = False,
        lh: int | None = None,
    ) -> tuple[float, float]:
        if isinstance(words, str):
            words = words.split(" ")
        lh = lh or self.lh
        size = fnt.size
        base = self.y + lh * 0.5 + size * 0.33
        text = " ".join(words)
        tw = fnt.getlength(text)
        if align == "justify" and not last and len(words) > 1:
            widths = [fnt.getlength(w) for w in words]
            gap = (x1 - x0 - sum(widths)) / (len(words) - 1)
            x = x0
            for w, ww in zip(words, widths, strict=True):
                self.draw.text((x, base), w, font=fnt, fill=INK, anchor="ls")
                x += ww + gap
            return x0, x1
        if align == "center":
            x = x0 + (x1 - x0 - tw) / 2
        elif align == "right":
            x = x1 - tw
        else:
            x = x0
        self.draw.text((x, base), text, font=fnt, fill=INK, anchor="ls")
        if underline and text:
            uy = base + max(3, size * 0.1)
            self.draw.line([(x, uy), (x + tw, uy)], fill=INK, width=max(2, round(size / 16)))
        return x, x + tw

    def para(
        self,
        text: str,
        *,
        bold: bool = False,
        align: str | None = None,
        x0: float | None = None,
        x1: float | None = None,
        scale: float = 1.0,
        underline: bool = False,
        lh: int | None = None,
    ) -> None:
        fnt = self.f(bold, scale)
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        lh = lh or (self.lh if scale <= 1 else round(self.lh * scale))
        for words, last in wrap(text, fnt, x1 - x0):
            self.need(lh)
            self.line_text(words, x0, x1, fnt, align or self.L["align"], last, underline, lh)
            self.y += lh

    def grid(
        self,
        cols: list[float],
        rows: list[list[Cell]],
        *,
        x0: float | None = None,
        border: bool = False,
        header: int = 0,
        keep: bool = False,
        valign_mid: bool = False,
    ) -> None:
        x0 = self.left if x0 is None else x0
        padx = round(self.px * 0.28) if border else 0
        pady = round(self.px * 0.12) if border else 0
        lw = 3 if border else 0
        laid = []
        for row in rows:
            cells, ci, x = [], 0, x0
            for c in row:
                w = sum(cols[ci : ci + c.span])
                fnt = self.f(c.bold)
                cells.append((c, x, x + w, fnt, wrap(c.text, fnt, w - 2 * padx) if c.text else []))
                x += w
                ci += c.span
            n = max([len(cl[4]) for cl in cells] + [1])
            laid.append((cells, n))
        if keep:
            self.need(sum(n * self.lh + 2 * pady for _, n in laid))

        def draw_row(cells, n) -> None:
            top = self.y
            h = n * self.lh + 2 * pady
            for c, cx0, cx1, fnt, lines in cells:
                off = (n - len(lines)) * self.lh / 2 if valign_mid else 0
                for k, (words, last) in enumerate(lines):
                    self.y = top + pady + off + k * self.lh
                    self.line_text(words, cx0 + padx, cx1 - padx, fnt, c.align, last, c.underline)
            if border:
                d = self.draw
                xs = sorted({round(cl[1]) for cl in cells} | {round(cells[-1][2])})
                d.line([(xs[0], top), (xs[-1], top)], fill=INK, width=lw)
                d.line([(xs[0], top + h), (xs[-1], top + h)], fill=INK, width=lw)
                for xx in xs:
                    d.line([(xx, top), (xx, top + h)], fill=INK, width=lw)
            self.y = top + h

        for i, (cells, n) in enumerate(laid):
            if border or n <= 2:
                h = n * self.lh + 2 * pady
                if self.y + h > self.bottom:
                    self.new_page()
                    if border and header and i >= header:
                        for hc, hn in laid[:header]:
                            draw_row(hc, hn)
                draw_row(cells, n)
            else:  # long paragraph rows may break across pages line by line
                for k in range(n):
                    self.need(self.lh)
                    for c, cx0, cx1, fnt, lines in cells:
                        if k < len(lines):
                            words, last = lines[k]
                            self.line_text(words, cx0, cx1, fnt, c.align, last, c.underline)
                    self.y += self.lh

    def add_ink(self, mask: Image.Image, colour: tuple[int, int, int], x: float, y: float) -> None:
        self.inks.append((len(self.pages) - 1, mask, colour, round(x), round(y)))

    def finish(self) -> list[Image.Image]:
        for pi, mask, colour, x, y in self.inks:
            apply_ink(self.pages[pi], mask, colour, x, y)
        self.inks = []
        return self.pages


def apply_ink(page: Image.Image, mask: Image.Image, colour: tuple[int, int, int], x: int, y: int) -> None:
    W, H = page.size
    mw, mh = mask.size
    bx0, by0, bx1, by1 = max(0, x), max(0, y), min(W, x + mw), min(H, y + mh)
    if bx1 <= bx0 or by1 <= by0:
        return
    a = np.asarray(mask, dtype=np.float32)[by0 - y : by1 - y, bx0 - x : bx1 - x, None] / 255.0
    col = np.asarray(colour, dtype=np.float32) / 255.0
    region = np.asarray(page.crop((bx0, by0, bx1, by1)), dtype=np.float32)
    out = region * (1.0 - a * (1.0 - col))
    page.paste(Image.fromarray(out.clip(0, 255).astype(np.uint8)), (bx0, by0))


# --------------------------------------------------------------------------------------------- ink marks


def _smooth_noise(nrng: np.random.Generator, w: int, h: int, cells: int, lo: float, hi: float) -> np.ndarray:
    gw, gh = max(2, cells), max(2, round(cells * h / max(w, 1)))
    small = Image.fromarray(nrng.uniform(lo, hi, size=(gh, gw)).astype(np.float32), mode="F")
    return np.asarray(small.resize((w, h), Image.BICUBIC), dtype=np.float32)


def make_signature(rng: random.Random, nrng: np.random.Generator, w: int, h: int) -> Image.Image:
    """Cursive-looking pen scribble: a capital loop, a run of joined humps/loops and a flourish."""
    S = 2
    img = Image.new("L", (w * S, h * S), 0)
    d = ImageDraw.Draw(img)
    strokes: list[np.ndarray] = []
    base_y = rng.uniform(0.55, 0.68) * h
    x_start = rng.uniform(0.18, 0.28) * w
    x_end = rng.uniform(0.68, 0.86) * w
    n = rng.randint(5, 10)
    N = 70 * n
    t = np.linspace(0, 1, N)
    heights = np.array([rng.uniform(0.06, 0.3) * h for _ in range(n + 1)])
    for _ in range(rng.randint(1, 3)):  # tall letters (l, d, h, k)
        heights[rng.randrange(n + 1)] = rng.uniform(0.38, 0.55) * h
    depth = np.zeros(n + 1)
    for _ in range(rng.randint(0, 2)):  # descenders (g, j, y)
        depth[rng.randrange(n + 1)] = rng.uniform(0.15, 0.3) * h
    loop = np.array([rng.choice([rng.uniform(0.4, 0.9), rng.uniform(1.1, 2.2)]) for _ in range(n + 1)])
    idx = np.clip(np.floor(t * n).astype(int), 0, n)
    hh = np.interp(t * n, np.arange(n + 1), heights) * 0.4 + heights[idx] * 0.6
    dd = depth[idx]
    lr = np.interp(t * n, np.arange(n + 1), loop)
    # uneven writing speed: some letters are squeezed, some stretched
    speed = np.interp(t * n, np.arange(n + 1), [rng.uniform(0.5, 1.6) for _ in range(n + 1)])
    tw_ = np.cumsum(speed)
    tw_ = (tw_ - tw_[0]) / (tw_[-1] - tw_[0])
    phase = 2 * math.pi * n * t
    span = x_end - x_start
    x = x_start + span * tw_ - lr * span / (2 * math.pi * n) * np.sin(phase)
    wave = (1 - np.cos(phase)) / 2
    y = base_y - hh * wave + dd * np.sin(phase / 2) ** 8 * 2.0 + np.cumsum(nrng.normal(0, 0.35, N))
    y += np.sin(t * math.pi * rng.uniform(0.5, 1.5)) * rng.uniform(-0.08, 0.08) * h  # baseline drift
    if rng.random() < 0.5:  # pen lifted once: split into two words
        cut = rng.randint(N // 3, 2 * N // 3)
        x[cut:] += rng.uniform(0.03, 0.08) * w
        strokes.append(np.stack([x[cut:], y[cut:]], 1))
        x, y = x[:cut], y[:cut]
    # capital: big loop entering the word from the left
    rx, ry = rng.uniform(0.06, 0.13) * w, rng.uniform(0.22, 0.36) * h
    cx, cy = x_start - rng.uniform(0.0, 0.05) * w, max(base_y - rng.uniform(0.2, 0.35) * h, ry + 0.05 * h)
    a = np.linspace(math.pi * 0.5, math.pi * rng.uniform(2.3, 2.8), 160)
    cap = np.stack([cx + rx * np.cos(a), cy + ry * np.sin(a)], 1)
    lead = np.linspace(cap[-1], [x[0], y[0]], 20)
    main = np.concatenate([cap, lead, np.stack([x, y], 1)])
    strokes.insert(0, main)
    # flourish: sweep back under the name, or a rising tail
    p0 = strokes[-1][-1]
    if rng.random() < 0.65:
        p2 = np.array([rng.uniform(0.05, 0.3) * w, base_y + rng.uniform(0.12, 0.3) * h])
        p1 = np.array([p0[0] + rng.uniform(0.05, 0.15) * w, base_y + rng.uniform(0.3, 0.45) * h])
    else:
        p2 = np.array([p0[0] + rng.uniform(0.05, 0.12) * w, base_y - rng.uniform(0.3, 0.5) * h])
        p1 = np.array([p0[0] + rng.uniform(0.08, 0.15) * w, base_y + rng.uniform(0.05, 0.2) * h])
    tt = np.linspace(0, 1, 120)[:, None]
    strokes.append((1 - tt) ** 2 * p0 + 2 * (1 - tt) * tt * p1 + tt**2 * p2)
    if rng.random() < 0.5:  # separate short stroke / dot (i-dot or cross bar)
        px_, py_ = rng.uniform(0.35, 0.75) * w, base_y - rng.uniform(0.35, 0.55) * h
        L = rng.uniform(0.04, 0.2) * w
        strokes.append(np.linspace([px_, py_], [px_ + L, py_ - rng.uniform(0, 0.08) * h], 25))
    slant = rng.uniform(0.1, 0.4)
    pen = rng.uniform(3.0, 4.8) * S
    for st in strokes:
        st = st.copy()
        st[:, 0] += slant * (base_y - st[:, 1])
        st *= S
        seg = np.linalg.norm(np.diff(st, axis=0), axis=1)
        speed = seg / (seg.max() + 1e-6)
        for i in range(len(st) - 1):
            wi = max(1.5, pen * (1.15 - 0.55 * speed[i]) * (0.9 + 0.2 * math.sin(i / 17)))
            d.line([tuple(st[i]), tuple(st[i + 1])], fill=255, width=round(wi))
            r = wi / 2
            d.ellipse([st[i + 1][0] - r, st[i + 1][1] - r, st[i + 1][0] + r, st[i + 1][1] + r], fill=255)
    img = img.resize((w, h), Image.LANCZOS)
    arr = np.asarray(img, dtype=np.float32) * _smooth_noise(nrng, w, h, 10, 0.75, 1.0)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def _star(cx: float, cy: float, r: float, rot: float = -math.pi / 2) -> list[tuple[float, float]]:
    pts = []
    for k in range(10):
        rr = r if k % 2 == 0 else r * 0.4
        a = rot + k * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def _arc_text(
    canvas: Image.Image, text: str, fnt, cx: float, cy: float, r: float, top: bool, max_span_deg: float
) -> None:
    while True:  # shrink the type until the text fits the allowed arc
        track = fnt.size * 0.12
        widths = [fnt.getlength(c) + track for c in text]
        span = sum(widths) / r
        if math.degrees(span) <= max_span_deg or fnt.size <= 12:
            break
        fnt = ImageFont.truetype(fnt.path, fnt.size - 2)
    pos = -span / 2
    box = round(fnt.size * 1.6)
    for ch, w in zip(text, widths, strict=True):
        mid = pos + w / 2 / r
        pos += w / r
        if ch == " ":
            continue
        theta = (-math.pi / 2 + mid) if top else (math.pi / 2 - mid)
        glyph = Image.new("L", (box, box), 0)
        ImageDraw.Draw(glyph).text((box / 2, box / 2), ch, font=fnt, fill=255, anchor="mm")
        rot = -(math.degrees(theta) + 90) if top else -(math.degrees(theta) - 90)
        glyph = glyph.rotate(rot, resample=Image.BICUBIC)
        gx, gy = cx + r * math.cos(theta) - box / 2, cy + r * math.sin(theta) - box / 2
        canvas.paste(255, (round(gx), round(gy)), glyph)


def make_stamp(
    rng: random.Random,
    nrng: np.random.Generator,
    diameter: int,
    top_text: str,
    bottom_text: str,
    centre: list[str],
    family: str,
) -> Image.Image:
    pad = 24
    size = diameter + 2 * pad
    img = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(img)
    c = size / 2
    R = diameter / 2

    def ring(r: float, width: float) -> None:
        d.ellipse([c - r, c - r, c + r, c + r], outline=255, width=max(2, round(width)))

    ring(R, R * 0.04)
    double = rng.random() < 0.5
    if double:
        ring(R * 0.93, R * 0.012)
    r_in = R * rng.uniform(0.6, 0.66)
    ring(r_in, R * 0.022)
    band_out = R * (0.9 if double else 0.95)
    fsz = round((band_out - r_in) * 0.62)
    fnt = font(family, True, fsz)
    r_text = (band_out + r_in) / 2
    _arc_text(img, top_text, fnt, c, c, r_text, True, 170 if bottom_text else 290)
    if bottom_text:
        _arc_text(img, bottom_text, font(family, True, round(fsz * 0.92)), c, c, r_text, False, 110)
        for a in (math.radians(15), math.radians(165)):
            d.polygon(_star(c + r_text * math.cos(a), c + r_text * math.sin(a), fsz * 0.38), fill=255)
    sr = r_in * rng.uniform(0.22, 0.3)
    if rng.random() < 0.7:
        d.polygon(_star(c, c - r_in * 0.45, sr), fill=255)
    else:  # small stylised emblem: shield outline with a star
        ew, eh = sr * 1.4, sr * 1.7
        ex, ey = c, c - r_in * 0.45
        d.polygon(
            [
                (ex - ew / 2, ey - eh / 2),
                (ex + ew / 2, ey - eh / 2),
                (ex + ew / 2, ey + eh * 0.1),
                (ex, ey + eh / 2),
                (ex - ew / 2, ey + eh * 0.1),
            ],
            outline=255,
            width=3,
        )
        d.polygon(_star(ex, ey - eh * 0.05, sr * 0.45), fill=255)
    cy = c + r_in * 0.05
    for k, line in enumerate(centre):
        cf = font(family, True, round(r_in * (0.2 if len(line) < 9 else 0.16)))
        while cf.getlength(line) > r_in * 1.7 and cf.size > 10:
            cf = font(family, True, cf.size - 2)
        d.text((c, cy + k * r_in * 0.27), line, font=cf, fill=255, anchor="mm")
    if rng.random() < 0.4:
        d.line([(c - r_in * 0.7, c - r_in * 0.1), (c + r_in * 0.7, c - r_in * 0.1)], fill=255, width=3)
    # uneven ink: pressure gradient, patchy texture, speckle dropouts
    arr = np.asarray(img, dtype=np.float32) / 255.0
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size - 0.5
    ang = rng.uniform(0, 2 * math.pi)
    grad = 1.0 - rng.uniform(0.2, 0.55) * (0.5 + xx * math.cos(ang) + yy * math.sin(ang)).clip(0, 1)
    arr *= grad * _smooth_noise(nrng, size, size, 9, 0.55, 1.0)
    arr *= np.where(nrng.random((size, size)) < rng.uniform(0.05, 0.2), 0.35, 1.0)
    arr *= rng.uniform(0.75, 0.95)
    out = Image.fromarray((arr * 255).clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    return out.rotate(rng.uniform(-30, 30), resample=Image.BICUBIC, expand=False)


def draw_logo(img: Image.Image, x: int, y: int, h: int, colour: bool) -> None:
    """A stylised regency crest (shield, star, waves, rice/cotton hint) – not the real Tuban emblem."""
    d = ImageDraw.Draw(img)
    w = round(h * 0.8)
    green, yellow, blue, black = (
        ((20, 120, 60), (230, 190, 30), (30, 90, 170), INK)
        if colour
        else ((90, 90, 90), (200, 200, 200), (60, 60, 60), INK)
    )
    shield = [(x, y), (x + w, y), (x + w, y + h * 0.62), (x + w / 2, y + h), (x, y + h * 0.62)]
    d.polygon(shield, fill=green, outline=black, width=5)
    inner = [
        (x + w * 0.1, y + h * 0.07),
        (x + w * 0.9, y + h * 0.07),
        (x + w * 0.9, y + h * 0.58),
        (x + w / 2, y + h * 0.9),
        (x + w * 0.1, y + h * 0.58),
    ]
    d.polygon(inner, fill=(245, 245, 240), outline=black, width=3)
    d.polygon(_star(x + w / 2, y + h * 0.2, h * 0.09), fill=yellow, outline=black)
    for k in range(3):
        yy = y + h * (0.5 + 0.07 * k)
        pts = [(x + w * (0.16 + 0.68 * i / 24), yy + math.sin(i / 24 * 4 * math.pi) * h * 0.02) for i in range(25)]
        d.line(pts, fill=blue, width=5)
    d.rectangle([x + w * 0.42, y + h * 0.3, x + w * 0.58, y + h * 0.45], fill=black)
    for s in (-1, 1):
        for k in range(5):
            cx = x + w / 2 + s * w * (0.3 - 0.02 * k)
            cy = y + h * (0.3 + 0.05 * k)
            d.ellipse([cx - 8, cy - 12, cx + 8, cy + 12], fill=yellow, outline=black)


# --------------------------------------------------------------------------------------------- document


def choose_layout(rng: random.Random, spec: dict) -> dict:
    paper = "F4" if rng.random() < 0.4 else "A4"
    fonts = available_fonts()
    L = {
        "paper": paper,
        "paper_mm": (215.0, 330.0) if paper == "F4" else (210.0, 297.0),
        "font": rng.choice(fonts),
        "font_pt": rng.choice([11, 11.5, 12, 12]),
        "spacing": rng.choice([1.0, 1.0, 1.15, 1.15, 1.3, 1.5]),
        "align": "justify" if rng.random() < 0.65 else "left",
        "margin_mm": (rng.uniform(25, 33), rng.uniform(18, 25), rng.uniform(14, 22), rng.uniform(18, 25)),
        "page_numbers": rng.random() < 0.4,
        "letterhead": rng.random() < 0.7,
        "letterhead_logo_colour": rng.random() < 0.6,
        "title_lines": rng.choice(["one", "multi", "multi"]),
        "number_label": rng.choice(["NOMOR :", "Nomor :", "Nomor:", "NOMOR"]),
        "officers_in": "lampiran" if rng.random() < 0.5 else "body",
        "officer_form": rng.choice(["colon", "numbered", "table_nj", "table_jn", "table_nj", "table_jn"]),
        "table_borders": rng.random() < 0.7,
        "kim_in_title": rng.random() < 0.5,
        "kim_quotes": rng.choice(['"', '"', '"', "curly", "none"]),
        "kim_literal_in_body": rng.random() < 0.75,
        "date_style": rng.choice(["long", "long", "slash", "dash", "long_upper"]),
        "signer_name_style": rng.choice(["bold_underline", "bold_underline", "bold", "underline", "plain"]),
        "signer_align": "center" if rng.random() < 0.8 else "left",
        "sign_col_frac": rng.uniform(0.45, 0.56),
        "date_rule": rng.random() < 0.4,
        "stamp_colour": rng.choice(["purple", "purple", "violet", "blue", "blue"]),
        "ink": rng.choice(["blue", "blue", "black", "darkblue"]),
        "tembusan": rng.random() < 0.45,
        "diktum_case": rng.choice(["upper", "upper", "title"]),
        "memperhatikan": rng.random() < 0.75,
        "label_bold": rng.random() < 0.4,
        "signer_comma": rng.random() < 0.75,
    }
    return L


STAMP_COLOURS = {"purple": (120, 55, 165), "violet": (95, 45, 150), "blue": (35, 75, 185)}
INK_COLOURS = {"blue": (30, 50, 150), "black": (30, 30, 40), "darkblue": (25, 35, 95)}


def _q(L: dict, s: str) -> str:
    if L["kim_quotes"] == "none":
        return s
    if L["kim_quotes"] == "curly":
        return f"\u201c{s}\u201d"
    return f'"{s}"'


def render_document(spec: dict, L: dict, rng: random.Random, nrng: np.random.Generator) -> list[Image.Image]:
    doc = Doc(L)
    up = str.upper
    kind, kec, place = spec["kind"], spec["kec"], spec["place"]
    term = spec["kim_term"]
    name = spec["kim_base"]
    scope = spec["scope"]
    office_title = spec["office_title"]
    datestr = fmt_date(spec["date"], L["date_style"])
    tw = doc.right - doc.left
    fb = doc.f(True)

    # ---- letterhead
    if L["letterhead"]:
        doc.y = round(rng.uniform(10, 15) * MM)
        logo_h = round(rng.uniform(24, 30) * MM)
        draw_logo(doc.pages[0], doc.left - round(8 * MM), doc.y, logo_h, L["letterhead_logo_colour"])
        x0, x1 = doc.left + round(logo_h * 0.55), doc.right
        lines = [("PEMERINTAH KABUPATEN TUBAN", True, 1.25)]
        if kind == "camat":
            lines.append((f"KECAMATAN {up(kec)}", True, 1.6))
        elif kind == "lurah":
            lines += [(f"KECAMATAN {up(kec)}", True, 1.25), (f"KELURAHAN {up(place)}", True, 1.55)]
        else:
            lines += [(f"KECAMATAN {up(kec)}", True, 1.2)] if rng.random() < 0.6 else []
            lines.append(
                (f"{'PEMERINTAH ' if len(lines) == 1 and rng.random() < 0.5 else ''}DESA {up(place)}", True, 1.55)
            )
        street = rng.choice(STREETS).format(p=place if kind != "camat" else kec)
        addr = f"{street} No. {rng.randint(1, 120)}"
        if kind == "camat" or rng.random() < 0.5:
            addr += f" Telp. (0356) {rng.randint(320000, 899999)}"
        if kind != "camat":
            addr += f" {place}"
        lines.append(
            (f"{'Alamat : ' if rng.random() < 0.3 else ''}{addr} Kode Pos 623{rng.randint(10, 99)}", False, 0.85)
        )
        if rng.random() < 0.5:
            slug = (kec if kind == "camat" else place).lower().replace(" ", "")
            site = f"{slug}.tubankab.go.id" if kind != "kades" else f"{slug}-{kec.lower().replace(' ', '')}.desa.id"
            box = {"camat": "kec", "kades": "pemdes", "lurah": "kel"}[kind]
            lines.append((f"Email : {box}.{slug}@gmail.com   Website : {site}", False, 0.8))
        top0 = doc.y
        for text, bold, sc in lines:
            fnt = doc.f(bold, sc)
            while fnt.getlength(text) > x1 - x0 and fnt.size > 20:
                fnt = font(L["font"], bold, fnt.size - 2)
            lh = round(fnt.size * 1.2)
            doc.line_text(text, x0, x1, fnt, "center", lh=lh)
            doc.y += lh
        doc.y = max(doc.y, top0 + logo_h) + round(2 * MM)
        d = doc.draw
        d.line([(doc.left - round(8 * MM), doc.y), (doc.right, doc.y)], fill=INK, width=9)
        d.line([(doc.left - round(8 * MM), doc.y + 16), (doc.right, doc.y + 16)], fill=INK, width=3)
        doc.y += round(rng.uniform(0.8, 1.5) * doc.lh)

    # ---- title
    center = "center"
    is_desa_scope = scope.startswith(("Desa", "Kelurahan"))
    if L["kim_in_title"]:
        if rng.random() < 0.6:
            kim_title = f"{up(term)} (KIM) {up(_q(L, name))}"
        else:
            kim_title = f"KIM {up(_q(L, name))}"
    else:
        kim_title = up(term) + (" (KIM)" if rng.random() < 0.5 else "")
    verb = rng.choice(["PEMBENTUKAN", "PEMBENTUKAN", "PEMBENTUKAN DAN SUSUNAN PENGURUS", "PENGUKUHAN PENGURUS"])
    tentang = f"{verb} {kim_title} {up(scope)}"
    if kind != "kades" or rng.random() < 0.5:
        tentang += " KABUPATEN TUBAN" if rng.random() < 0.5 else ""
    if spec["masa_bakti"]:
        tentang += f" MASA BAKTI {spec['masa_bakti']}"
    head = f"KEPUTUSAN {office_title}"
    region_line = "KABUPATEN TUBAN" if kind == "camat" else f"KECAMATAN {up(kec)} KABUPATEN TUBAN"
    if kind == "kades" and L["title_lines"] == "multi" and rng.random() < 0.4:
        # Permendagri 111/2014 style: issuer on top, then the decree heading
        for t in (office_title, region_line, ""):
            doc.para(t, bold=True, align=center) if t else doc.space(0.5)
        doc.para(head, bold=True, align=center)
    elif L["title_lines"] == "one":
        doc.para(f"{head} KABUPATEN TUBAN" if kind == "camat" else head, bold=True, align=center)
    else:
        doc.para(head, bold=True, align=center)
        doc.para(region_line, bold=True, align=center)
    lab = L["number_label"]
    num_line = f"{lab} {spec['number']}"
    if "NOMOR" not in lab and spec["number_shape"] == "village-tahun":
        num_line = f"{lab} {spec['number']}"
    doc.para(num_line, bold=rng.random() < 0.5, align=center)
    doc.space(0.4)
    doc.para("TENTANG", bold=True, align=center)
    inset = tw * rng.uniform(0.06, 0.14)
    doc.para(tentang, bold=True, align=center, x0=doc.left + inset, x1=doc.right - inset)
    doc.space(0.6)
    plt = "Plt. " if spec["plt"] else ""
    doc.para(f"{plt}{office_title},", bold=True, align=center)
    doc.space(0.5)

    # ---- considerations
    lab_w = max(fb.getlength(s) for s in ("Menimbang", "Mengingat", "Memperhatikan", "Menetapkan")) + 25
    col_w = fb.getlength(" : ") + 10
    mark_w = doc.f().getlength("10. ") + 8
    office_tc = spec["office"]
    scope_body = scope + (" Kabupaten Tuban" if rng.random() < 0.5 else "")

    def labelled(label: str, items: list[str], markers: str = "alpha") -> None:
        rows = []
        for i, it in enumerate(items):
            m = f"{chr(97 + i)}." if markers == "alpha" else f"{i + 1}."
            if len(items) == 1:
                rows.append(
                    [
                        Cell(label if i == 0 else "", bold=L["label_bold"]),
                        Cell(":" if i == 0 else ""),
                        Cell(it, align=L["align"], span=2),
                    ]
                )
            else:
                rows.append(
                    [
                        Cell(label if i == 0 else "", bold=L["label_bold"]),
                        Cell(":" if i == 0 else ""),
                        Cell(m),
                        Cell(it, align=L["align"]),
                    ]
                )
        doc.grid([lab_w, col_w, mark_w, tw - lab_w - col_w - mark_w], rows)
        doc.space(0.35)

    where = f"di {scope_body}" if is_desa_scope else f"di wilayah Kecamatan {kec}"
    partner = {"camat": "Pemerintah Kecamatan", "kades": "Pemerintah Desa", "lurah": "Pemerintah Kelurahan"}[kind]
    menimbang = [
        f"bahwa dalam rangka mewujudkan keterbukaan informasi publik serta mempercepat arus informasi dan "
        f"pemberdayaan masyarakat {where}, perlu dibentuk {term} sebagai mitra {partner};",
        f"bahwa {term} merupakan lembaga layanan publik yang dibentuk dan dikelola dari, oleh, dan untuk "
        f"masyarakat yang berorientasi pada layanan informasi dan pemberdayaan masyarakat sesuai kebutuhannya;",
    ]
    if rng.random() < 0.4:
        menimbang.append(
            f"bahwa nama-nama yang tercantum dalam Keputusan ini dipandang mampu dan memenuhi "
            f"syarat untuk diangkat sebagai pengurus {term};"
        )
    menimbang.append(
        f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
        f"menetapkan Keputusan {office_tc} tentang Pembentukan {term} {scope};"
    )
    labelled("Menimbang", menimbang)
    village = kind != "camat" or is_desa_scope
    rules = []
    for yr, text, app in RULES:
        if yr > spec["year"]:
            continue
        if app == "village" and not village and rng.random() < 0.7:
            continue
        if app == "kecamatan" and kind == "kades":
            continue
        if rng.random() < 0.2 and yr not in (2008,):
            continue
        amend = (
            " sebagaimana telah diubah terakhir dengan Undang-Undang Nomor 3 Tahun 2024" if spec["year"] >= 2024 else ""
        )
        rules.append((yr, text.format(desa_amend=amend)))
    level = ("Undang-Undang", "Peraturan Pemerintah", "Peraturan Menteri", "Peraturan Daerah", "Peraturan Bupati")
    rules.sort(key=lambda r: (next(i for i, lv in enumerate(level) if r[1].startswith(lv)), r[0]))
    rules_txt = [r[1] for r in rules]
    if rng.random() < 0.3:
        rules_txt = [r.replace("Nomor", "No.", 1) if i % 2 else r for i, r in enumerate(rules_txt)]
    labelled("Mengingat", rules_txt, "num")
    if L["memperhatikan"]:
        items = []
        if kind == "kades" or is_desa_scope:
            items.append(
                f"Berita Acara Musyawarah Desa Nomor {spec['ba_number']} tanggal {long_date(spec['ba_date'])} "
                f"tentang Pembentukan {term};"
            )
        else:
            items.append(f"Hasil Rapat Pembentukan {term} {scope} tanggal {long_date(spec['ba_date'])};")
        if rng.random() < 0.5:
            items.append(
                f"Surat Kepala Dinas Komunikasi dan Informatika Kabupaten Tuban Nomor "
                f"{spec['dinas_number']} tanggal {long_date(spec['dinas_date'])} perihal Pembentukan dan "
                f"Pembinaan Kelompok Informasi Masyarakat."
            )
        labelled("Memperhatikan", items, "num")
    doc.need(doc.lh * 3)
    doc.para("MEMUTUSKAN :" if rng.random() < 0.7 else "M E M U T U S K A N :", bold=True, align=center)
    doc.space(0.3)
    tentang_tc = tentang
    dk = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"]
    if L["diktum_case"] == "title":
        dk = [s.title() for s in dk]
    rows = [
        [
            Cell("Menetapkan", bold=L["label_bold"]),
            Cell(":"),
            Cell(f"KEPUTUSAN {office_title} TENTANG {tentang_tc}.", align=L["align"], bold=rng.random() < 0.3),
        ]
    ]
    diktum_w = max(lab_w, fb.getlength("KEEMPAT") + 25)
    doc.grid([diktum_w, col_w, tw - diktum_w - col_w], rows)
    doc.space(0.3)

    # ---- diktum
    q_name = _q(L, name)
    if L["kim_literal_in_body"]:
        named_first = rng.choice([f"{term} (KIM) {q_name}", f"KIM {q_name}", f"{term} dengan nama KIM {q_name}"])
    else:
        named_first = f"{term} (KIM) {q_name}"
    only_lampiran = (not L["kim_in_title"]) and L["officers_in"] == "lampiran" and rng.random() < 0.35
    kim_ref = "Kelompok Informasi Masyarakat" if term.startswith("Kel") else "Komunitas Informasi Masyarakat"
    if only_lampiran:
        first = (
            f"Membentuk {kim_ref} {scope_body} dengan nama dan susunan pengurus sebagaimana tercantum dalam "
            f"Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini."
        )
    elif L["officers_in"] == "lampiran":
        first = (
            f"Membentuk {named_first} {scope_body} dengan susunan pengurus sebagaimana tercantum dalam "
            f"Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini."
        )
    else:
        first = f"Membentuk {named_first} {scope_body} dengan susunan pengurus sebagai berikut:"
    L["kim_named_where"] = "lampiran only" if only_lampiran else ("title+diktum" if L["kim_in_title"] else "diktum")
    dcols = [diktum_w, col_w, tw - diktum_w - col_w]
    doc.grid(dcols, [[Cell(dk[0], bold=L["label_bold"]), Cell(":"), Cell(first, align=L["align"])]])
    if L["officers_in"] == "body":
        doc.space(0.3)
        officer_list(doc, spec, L, rng, doc.left + diktum_w + col_w, doc.right)
    doc.space(0.3)
    subj = f"KIM {q_name}" if (L["kim_literal_in_body"] and not only_lampiran) else kim_ref
    tasks = [
        f"menjadi mitra {partner} dalam penyebarluasan informasi pembangunan kepada masyarakat;",
        f"menyerap, mengolah dan menyalurkan aspirasi masyarakat kepada {partner} dan Pemerintah Kabupaten Tuban;",
        "mengelola media informasi masyarakat, termasuk papan informasi, website dan media sosial;",
        "meningkatkan literasi informasi dan literasi digital masyarakat;",
        f"melaporkan pelaksanaan kegiatan secara berkala kepada {office_tc}.",
    ]
    rows = [
        [
            Cell(dk[1], bold=L["label_bold"]),
            Cell(":"),
            Cell(
                f"{subj} sebagaimana dimaksud dalam Diktum {dk[0].upper()} mempunyai tugas:", span=2, align=L["align"]
            ),
        ]
    ]
    for i, t in enumerate(tasks[: rng.randint(3, 5)]):
        rows.append([Cell(""), Cell(""), Cell(f"{chr(97 + i)}."), Cell(t, align=L["align"])])
    doc.grid([diktum_w, col_w, mark_w, tw - diktum_w - col_w - mark_w], rows)
    doc.space(0.3)
    budget = {
        "kades": f"Anggaran Pendapatan dan Belanja Desa (APB Desa) {place} Tahun Anggaran {spec['year']}",
        "lurah": f"Dokumen Pelaksanaan Anggaran Kelurahan {place} Tahun Anggaran {spec['year']}",
        "camat": f"Dokumen Pelaksanaan Anggaran Kecamatan {kec} Tahun Anggaran {spec['year']}",
    }[kind]
    doc.grid(
        dcols,
        [
            [
                Cell(dk[2], bold=L["label_bold"]),
                Cell(":"),
                Cell(
                    f"Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada {budget} "
                    f"serta sumber lain yang sah dan tidak mengikat.",
                    align=L["align"],
                ),
            ]
        ],
    )
    doc.space(0.3)
    doc.grid(
        dcols,
        [
            [
                Cell(dk[3], bold=L["label_bold"]),
                Cell(":"),
                Cell(
                    "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di "
                    "kemudian hari terdapat kekeliruan dalam penetapannya akan diadakan perbaikan "
                    "sebagaimana mestinya.",
                    align=L["align"],
                ),
            ]
        ],
    )
    doc.space(0.8)
    signature_block(doc, spec, L, rng, nrng, datestr, full=True)
    if L["tembusan"]:
        doc.space(0.6)
        items = ["Bupati Tuban (sebagai laporan);", "Kepala Dinas Komunikasi dan Informatika Kabupaten Tuban;"]
        if kind != "camat":
            items.append(f"Camat {kec};")
        if kind == "kades":
            items.append(f"Ketua BPD {place};")
        items += ["Yang bersangkutan untuk diketahui dan dilaksanakan;", "Arsip."]
        doc.need(doc.lh * (len(items) + 1))
        doc.para(
            rng.choice(["Tembusan :", "Tembusan disampaikan kepada Yth. :", "Tembusan, Yth.:"]),
            align="left",
            underline=rng.random() < 0.4,
        )
        sf = doc.f(False, 0.95)
        for i, it in enumerate(items):
            doc.need(doc.lh)
            doc.line_text(f"{i + 1}. {it}", doc.left, doc.right, sf, "left")
            doc.y += doc.lh

    # ---- attachment
    if L["officers_in"] == "lampiran":
        doc.new_page()
        x0 = doc.left + tw * rng.uniform(0.36, 0.45)
        labs = (
            ["LAMPIRAN", "NOMOR", "TANGGAL", "TENTANG"]
            if rng.random() < 0.6
            else ["Lampiran", "Nomor", "Tanggal", "Tentang"]
        )
        f_ = doc.f()
        lw = max(f_.getlength(s) for s in labs) + 20
        t_val = tentang if rng.random() < 0.6 else tentang.title().replace("(Kim)", "(KIM)").replace("Kim ", "KIM ")
        vals = [
            f"KEPUTUSAN {office_title}" if labs[0].isupper() else f"Keputusan {office_tc}",
            spec["number"],
            fmt_date(spec["date"], rng.choice(["long", "long", L["date_style"]])),
            t_val,
        ]
        rows = [[Cell(a), Cell(":"), Cell(b)] for a, b in zip(labs, vals, strict=True)]
        doc.grid([lw, col_w, doc.right - x0 - lw - col_w], rows, x0=x0)
        doc.space(1.2)
        heading = [
            "SUSUNAN PENGURUS",
            f"{up(term)} (KIM) {up(q_name)}"
            if not (L["kim_quotes"] == "none" and rng.random() < 0.5)
            else f"KIM {up(name)}",
            up(scope_body),
        ]
        if spec["masa_bakti"]:
            heading.append(f"MASA BAKTI {spec['masa_bakti']}")
        for h in heading:
            doc.para(h, bold=True, align="center")
        doc.space(0.8)
        officer_list(doc, spec, L, rng, doc.left, doc.right)
        doc.space(1.0)
        signature_block(doc, spec, L, rng, nrng, datestr, full=rng.random() < 0.5)
    return doc.finish()


def officer_list(doc: Doc, spec: dict, L: dict, rng: random.Random, x0: float, x1: float) -> None:
    offs: list[Officer] = spec["officers"]
    form = L["officer_form"]
    width = x1 - x0
    fnt = doc.f()
    no_w = fnt.getlength("NO.") + (2 * round(doc.px * 0.28) + 10 if L["table_borders"] else 30)
    if form == "colon":
        role_w = min(width * 0.42, max(fnt.getlength(o.role) for o in offs) + 30)
        numbered = rng.random() < 0.4
        cols = ([no_w] if numbered else []) + [role_w, fnt.getlength(" : ") + 6]
        cols.append(width - sum(cols))
        rows, last_group, k, n = [], None, 0, 0
        group_sizes: dict[int, int] = {}
        for o in offs:
            group_sizes[o.group] = group_sizes.get(o.group, 0) + 1
        for o in offs:
            first = o.group != last_group
            if first:
                n += 1
                k = 0
            k += 1
            nm = f"{k}. {o.name}" if group_sizes[o.group] > 1 else o.name
            row = ([Cell(f"{n}." if first else "")] if numbered else []) + [
                Cell(o.role if first else ""),
                Cell(":" if first else ""),
                Cell(nm),
            ]
            rows.append(row)
            last_group = o.group
        doc.grid(cols, rows, x0=x0)
    elif form == "numbered":
        sep = rng.choice([" \u2013 ", " - ", " \u2014 ", " sebagai "])
        rows = [[Cell(f"{i + 1}."), Cell(f"{o.name}{sep}{o.role}", align="left")] for i, o in enumerate(offs)]
        doc.grid([no_w, width - no_w], rows, x0=x0)
    else:
        border = L["table_borders"]
        name_first = form == "table_nj"
        extra = border and rng.random() < 0.3
        ket_w = width * 0.16 if extra else 0
        role_w = (width - no_w - ket_w) * rng.uniform(0.36, 0.46)
        name_w = width - no_w - ket_w - role_w
        hdr = [Cell("NO", True, "center"), Cell("NAMA", True, "center"), Cell("JABATAN", True, "center")]
        cols = [no_w, name_w, role_w]
        if not name_first:
            hdr = [hdr[0], hdr[2], hdr[1]]
            cols = [no_w, role_w, name_w]
        if extra:
            hdr.append(Cell("KET.", True, "center"))
            cols.append(ket_w)
        rows = [hdr]
        for i, o in enumerate(offs):
            cells = [
                Cell(f"{i + 1}{'.' if rng.random() < 0.01 or not border else ''}", align="center"),
                Cell(o.name),
                Cell(o.role),
            ]
            if not name_first:
                cells = [cells[0], cells[2], cells[1]]
            if extra:
                cells.append(Cell(""))
            rows.append(cells)
        doc.grid(cols, rows, x0=x0, border=border, header=1)


def signature_block(
    doc: Doc, spec: dict, L: dict, rng: random.Random, nrng: np.random.Generator, datestr: str, full: bool
) -> None:
    fnt = doc.f()
    fb = doc.f(True)
    x0 = doc.left + (doc.right - doc.left) * L["sign_col_frac"]
    x1 = doc.right
    plt = "Plt. " if spec["plt"] else ""
    title = f"{plt}{spec['office_title']}{',' if L['signer_comma'] else ''}"
    gap = max(round(24 * MM), round(doc.lh * rng.uniform(3.2, 4.2)))
    n_after = 1 + (1 if spec.get("rank") else 0) + (1 if spec.get("nip") else 0)
    total = (2.6 * doc.lh if full else 0) + doc.lh * 1.2 + gap + n_after * doc.lh
    doc.need(total)
    if full:
        labs = ["Ditetapkan di", "Pada tanggal"] if rng.random() < 0.75 else ["Ditetapkan di", "Pada Tanggal"]
        lw = max(fnt.getlength(s) for s in labs) + 15
        cw = fnt.getlength(" : ") + 6
        doc.grid(
            [lw, cw, x1 - x0 - lw - cw],
            [
                [Cell(labs[0]), Cell(":"), Cell(spec["kec"] if spec["kind"] == "camat" else spec["place"])],
                [Cell(labs[1]), Cell(":"), Cell(datestr)],
            ],
            x0=x0,
        )
        if L["date_rule"]:
            doc.draw.line([(x0, doc.y + 4), (x1, doc.y + 4)], fill=INK, width=3)
        doc.space(0.6)
    align = L["signer_align"]
    title_top = doc.y
    tx0, tx1 = doc.line_text(title, x0, x1, fb if rng.random() < 0.7 else fnt, align)
    doc.y += doc.lh
    sig_top = doc.y
    doc.y += gap
    style = L["signer_name_style"]
    nx0, nx1 = doc.line_text(
        spec["signatory"], x0, x1, fb if "bold" in style else fnt, align, underline="underline" in style
    )
    doc.y += doc.lh
    if spec.get("rank"):
        doc.line_text(spec["rank"], x0, x1, fnt, align)
        doc.y += doc.lh
    if spec.get("nip"):
        doc.line_text(f"{rng.choice(['NIP. ', 'NIP ', 'NIP : '])}{spec['nip']}", x0, x1, fnt, align)
        doc.y += doc.lh
    # wet-ink signature over the gap (often spilling onto the title or the name)
    sw = round(min(x1 - x0, 95 * MM) * rng.uniform(0.55, 0.8))
    sh = round(gap * rng.uniform(1.1, 1.45))
    cx = (nx0 + nx1) / 2 + rng.uniform(-0.1, 0.15) * sw
    cy = sig_top + gap / 2 + rng.uniform(-0.1, 0.1) * gap
    sig = make_signature(rng, nrng, sw, sh)
    doc.add_ink(sig, INK_COLOURS[L["ink"]], cx - sw / 2, cy - sh / 2)
    # round stamp over the left part of the signature and the title
    D = round(rng.uniform(36, 42) * MM)
    if spec["kind"] == "camat":
        centre = [rng.choice(["KECAMATAN", "CAMAT"]), spec["kec"].upper()]
        bottom = "" if rng.random() < 0.5 else "* * *"
        top = "PEMERINTAH KABUPATEN TUBAN"
    elif spec["kind"] == "lurah":
        centre = ["KELURAHAN", spec["place"].upper()]
        bottom = f"KECAMATAN {spec['kec'].upper()}"
        top = "PEMERINTAH KABUPATEN TUBAN"
    else:
        centre = [rng.choice(["KEPALA DESA", "DESA", "PEMERINTAH DESA"]), spec["place"].upper()]
        bottom = f"KECAMATAN {spec['kec'].upper()}"
        top = "PEMERINTAH KABUPATEN TUBAN"
    if bottom == "* * *":
        bottom = ""
    stamp = make_stamp(rng, nrng, D, top, bottom, centre, L["font"])
    scx = min(nx0, tx0) + rng.uniform(-0.05, 0.25) * D
    scy = (title_top + sig_top + gap) / 2 + rng.uniform(-0.15, 0.08) * D
    doc.add_ink(stamp, STAMP_COLOURS[L["stamp_colour"]], scx - stamp.width / 2, scy - stamp.height / 2)


# --------------------------------------------------------------------------------------------- degradation


def photocopy_scan(
    page: Image.Image, rng: random.Random, nrng: np.random.Generator, dpi: int, colour: bool, stamp_black: bool
) -> Image.Image:
    """A photocopy of the page, scanned at `dpi`: harsher tone, toner specks, streaks, uneven density, skew."""
    w, h = page.size
    W, H = round(w * dpi / DPI), round(h * dpi / DPI)
    im = page if (W, H) == (w, h) else page.resize((W, H), Image.LANCZOS, reducing_gap=2.0)
    if colour:
        im = ImageEnhance.Color(im).enhance(rng.uniform(0.55, 0.85))
        planes: list = list(im.split())
        tints = [1.0, 0.99, 0.95]
    else:
        g = np.asarray(im.convert("L"), dtype=np.float32) / 255.0
        if stamp_black:  # copier renders the coloured ink much darker than its luminance
            r_, g_, b_ = im.split()
            chroma = ImageChops.subtract(
                ImageChops.lighter(ImageChops.lighter(r_, g_), b_), ImageChops.darker(ImageChops.darker(r_, g_), b_)
            )
            g *= 1.0 - rng.uniform(1.3, 2.0) / 255.0 * np.asarray(chroma, dtype=np.float32)
            del chroma, r_, g_, b_
            np.clip(g, 0, 1, out=g)
        planes, tints = [g], [1.0]
    del im
    gamma = rng.uniform(1.2, 1.9)
    dens = _smooth_noise(nrng, W, H, rng.randint(4, 9), 0.75, 1.15)
    mult = rng.uniform(0.86, 0.97) * _smooth_noise(nrng, W, H, 5, 0.95, 1.03)  # paper / lamp level
    for _ in range(rng.randint(0, 4)):  # drum / glass streaks
        x = rng.randrange(W)
        sw = rng.randint(1, 5)
        prof = _smooth_noise(nrng, 1, H, 8, 0.0, 1.0)[:, :1] * rng.uniform(0.1, 0.45)
        mult[:, x : x + sw] *= 1.0 - prof
    if rng.random() < 0.35:  # darker band where the original did not lie flat on the glass
        side = rng.choice(["left", "right", "top", "bottom"])
        n = rng.randint(round(0.01 * W), round(0.05 * W))
        ramp = np.linspace(rng.uniform(0.25, 0.6), 1.0, n, dtype=np.float32)
        sl = {
            "left": (slice(None), slice(0, n)),
            "right": (slice(None), slice(W - n, W)),
            "top": (slice(0, n), slice(None)),
            "bottom": (slice(H - n, H), slice(None)),
        }[side]
        r = ramp[::-1] if side in ("right", "bottom") else ramp
        mult[sl] *= r[None, :] if side in ("left", "right") else r[:, None]
    ns = round(W * H * rng.uniform(3e-5, 2.5e-4))
    ys, xs = nrng.integers(0, H, ns), nrng.integers(0, W, ns)
    val = nrng.uniform(0.05, 0.6, ns).astype(np.float32)
    noise = nrng.normal(0, rng.uniform(0.01, 0.03), (H, W)).astype(np.float32)
    out_planes = []
    for plane, tint in zip(planes, tints, strict=True):
        g = plane if isinstance(plane, np.ndarray) else np.asarray(plane, dtype=np.float32) / 255.0
        np.power(g, gamma, out=g)
        np.subtract(1.0, g, out=g)  # work on darkness
        g *= dens
        np.clip(g, 0, 1, out=g)
        np.subtract(1.0, g, out=g)
        g *= mult
        if tint != 1.0:
            g *= tint
        g[ys, xs] *= val
        g[np.minimum(ys + 1, H - 1), xs] *= np.sqrt(val)
        g += noise
        np.clip(g, 0, 1, out=g)
        g *= 255
        out_planes.append(Image.fromarray(g.astype(np.uint8)))
        del g
    del planes, dens, mult, noise
    out = Image.merge("RGB", out_planes) if colour else out_planes[0]
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    if rng.random() < 0.3:  # heavy toner: strokes thicken
        out = out.filter(ImageFilter.MinFilter(3))
    fill = round(255 * rng.uniform(0.86, 0.95))
    out = out.rotate(rng.uniform(-2.0, 2.0), resample=Image.BICUBIC, fillcolor=(fill,) * 3 if colour else fill)
    return out


def _persp_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    A, b = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return np.linalg.solve(np.array(A, dtype=np.float64), np.array(b, dtype=np.float64)).tolist()


def _background(rng: random.Random, nrng: np.random.Generator, W: int, H: int) -> tuple[np.ndarray, str]:
    kind = rng.choice(["wood", "wood", "tiles", "laminate", "cloth", "dark"])
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if kind == "wood":
        base = np.array([rng.uniform(120, 175), rng.uniform(75, 115), rng.uniform(40, 70)], dtype=np.float32)
        warp = _smooth_noise(nrng, W, H, 6, 0, 25)
        period = rng.uniform(9, 22)
        grain = 0.88 + 0.12 * np.sin((yy + warp + 0.03 * xx) / period) ** 2
        plank = rng.randint(180, 320)
        seam = (np.abs((yy + 0.02 * xx) % plank) < 3).astype(np.float32)
        f = grain * (1 - 0.35 * seam) * _smooth_noise(nrng, W, H, 5, 0.85, 1.1)
        img = base[None, None, :] * f[..., None]
    elif kind == "tiles":
        base = np.array([rng.uniform(200, 235)] * 3, dtype=np.float32) * np.array([1.0, 0.98, 0.94])
        t = rng.randint(250, 420)
        ox, oy = rng.randrange(t), rng.randrange(t)
        grout = ((((xx + ox + 0.05 * yy) % t) < 6) | (((yy + oy - 0.05 * xx) % t) < 6)).astype(np.float32)
        f = (1 - 0.3 * grout) * _smooth_noise(nrng, W, H, 7, 0.9, 1.05)
        img = base[None, None, :] * f[..., None]
    elif kind == "laminate":
        base = np.array([rng.uniform(150, 220), rng.uniform(140, 210), rng.uniform(120, 200)], dtype=np.float32)
        img = base[None, None, :] * _smooth_noise(nrng, W, H, 4, 0.9, 1.05)[..., None]
    elif kind == "cloth":
        grey = rng.uniform(90, 190)
        c1 = np.array([grey * rng.uniform(0.8, 1.15) for _ in range(3)], dtype=np.float32)
        c2 = c1 * rng.uniform(0.6, 0.85)
        p = rng.randint(30, 70)
        m = (((xx // p) + (yy // p)) % 2).astype(np.float32)[..., None]
        img = c1 * (1 - m) + c2 * m
        img *= (0.93 + 0.07 * np.sin(xx * 1.3) * np.sin(yy * 1.3))[..., None]
    else:
        img = np.full((H, W, 3), rng.uniform(30, 60), dtype=np.float32)
    img += nrng.normal(0, 4, img.shape).astype(np.float32)
    return img.clip(0, 255), kind


def phone_photo(page: Image.Image, rng: random.Random, nrng: np.random.Generator) -> tuple[Image.Image, dict]:
    """Upright phone photo of the page lying on a table (portrait frame, long side 1280)."""
    FW, FH = 960, 1280
    bg, bg_kind = _background(rng, nrng, FW, FH)
    pw, ph = page.size
    aspect = ph / pw
    theta = math.radians(rng.uniform(5, 12) * rng.choice([-1, 1]))
    c, s = abs(math.cos(theta)), abs(math.sin(theta))
    fill = rng.uniform(0.86, 0.98)
    tw = min(FW * fill / (c + aspect * s), FH * fill / (s + aspect * c))
    th = tw * aspect
    cx, cy = FW / 2 + rng.uniform(-0.03, 0.03) * FW, FH / 2 + rng.uniform(-0.03, 0.03) * FH
    corners = [[-tw / 2, -th / 2], [tw / 2, -th / 2], [tw / 2, th / 2], [-tw / 2, th / 2]]
    k = rng.uniform(0.0, 0.07)
    edge = rng.choice(["top", "bottom", "left", "right"])
    if edge == "top":
        corners[0][0] += k * tw / 2
        corners[1][0] -= k * tw / 2
    elif edge == "bottom":
        corners[3][0] += k * tw / 2
        corners[2][0] -= k * tw / 2
    elif edge == "left":
        corners[0][1] += k * th / 3
        corners[3][1] -= k * th / 3
    else:
        corners[1][1] += k * th / 3
        corners[2][1] -= k * th / 3
    dst = []
    for x, y in corners:
        x += rng.gauss(0, 0.006 * tw)
        y += rng.gauss(0, 0.006 * tw)
        dst.append((cx + x * math.cos(theta) - y * math.sin(theta), cy + x * math.sin(theta) + y * math.cos(theta)))
    factor = max(1, int(pw / (tw * 1.5)))
    src = page.reduce(factor) if factor > 1 else page
    sw, sh = src.size
    coeffs = _persp_coeffs(dst, [(0, 0), (sw, 0), (sw, sh), (0, sh)])
    warped = np.asarray(src.transform((FW, FH), Image.PERSPECTIVE, coeffs, Image.BICUBIC), dtype=np.float32)
    mask_img = Image.new("L", (sw, sh), 255).transform((FW, FH), Image.PERSPECTIVE, coeffs, Image.BILINEAR)
    mask = np.asarray(mask_img, dtype=np.float32)[..., None] / 255.0
    sh_off = (rng.randint(-12, 12), rng.randint(4, 16))
    shadow = Image.new("L", (FW, FH), 0)
    shadow.paste(mask_img, sh_off)
    shadow = np.asarray(shadow.filter(ImageFilter.GaussianBlur(rng.uniform(6, 14))), dtype=np.float32)[..., None]
    bg *= 1.0 - rng.uniform(0.3, 0.55) * shadow / 255.0
    paper = warped * np.array(
        [rng.uniform(0.94, 1.0), rng.uniform(0.93, 0.99), rng.uniform(0.88, 0.96)], dtype=np.float32
    )
    img = bg * (1 - mask) + paper * mask
    # lighting: directional gradient, vignette, soft shadow of the phone / hand
    yy, xx = np.mgrid[0:FH, 0:FW].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    lin = ((xx - FW / 2) * math.cos(ang) + (yy - FH / 2) * math.sin(ang)) / max(FW, FH)
    light = 1.0 + rng.uniform(0.25, 0.55) * lin
    light *= 1.0 - rng.uniform(0.1, 0.25) * (((xx - FW / 2) / FW) ** 2 + ((yy - FH / 2) / FH) ** 2) * 2
    shadow_info = None
    if rng.random() < 0.6:
        blob = Image.new("L", (FW, FH), 0)
        bx, by = rng.uniform(-0.2, 1.0) * FW, rng.uniform(-0.2, 1.0) * FH
        bw, bh = rng.uniform(0.3, 0.7) * FW, rng.uniform(0.3, 0.7) * FH
        ImageDraw.Draw(blob).ellipse([bx, by, bx + bw, by + bh], fill=255)
        blob_a = np.asarray(blob.filter(ImageFilter.GaussianBlur(rng.uniform(30, 60))), dtype=np.float32) / 255.0
        strength = rng.uniform(0.25, 0.5)
        light *= 1.0 - strength * blob_a
        shadow_info = round(strength, 2)
    img *= light[..., None] * rng.uniform(0.95, 1.1)
    cast = rng.choice([(1.04, 1.0, 0.9), (1.0, 1.0, 1.0), (0.96, 0.99, 1.04), (1.02, 1.0, 0.95)])
    img *= np.array(cast, dtype=np.float32)
    img += nrng.normal(0, rng.uniform(2, 5), img.shape).astype(np.float32)
    out = Image.fromarray(img.clip(0, 255).astype(np.uint8))
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))
    out = out.filter(ImageFilter.UnsharpMask(radius=2, percent=rng.randint(40, 90), threshold=2))
    info = {
        "background": bg_kind,
        "rotation_deg": round(math.degrees(theta), 1),
        "perspective": round(k, 3),
        "perspective_edge": edge,
        "hand_shadow": shadow_info,
    }
    return out, info


def save_whatsapp_jpeg(img: Image.Image, path: Path, rng: random.Random, orientation: int) -> int:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(85, 92))  # camera JPEG, then WhatsApp re-encode
    buf.seek(0)
    im = Image.open(buf)
    im.load()
    if orientation == 6:
        im = im.transpose(Image.Transpose.ROTATE_90)
    elif orientation == 8:
        im = im.transpose(Image.Transpose.ROTATE_270)
    q = rng.randint(55, 80)
    exif = Image.Exif()
    exif[0x0112] = orientation
    im.save(path, "JPEG", quality=q, exif=exif.tobytes())
    return q


def save_pdf(pages: list[Image.Image], path: Path, dpi: int, quality: int, when: dt.date) -> None:
    stamp = time.struct_time((when.year, when.month, when.day, 9, 30, 0, 0, 1, 0))
    pages[0].save(
        path,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=float(dpi),
        quality=quality,
        title="SK",
        creationDate=stamp,
        modDate=stamp,
        producer="heldout2",
    )


# --------------------------------------------------------------------------------------------- set


def build_document(out_dir: Path, seed: int, index: int) -> dict:
    rng = random.Random(f"heldout2/{seed}/{index}")
    nrng = np.random.default_rng([seed, index, 2])
    spec = build_spec(rng, index)
    L = choose_layout(rng, spec)
    pages = render_document(spec, L, rng, nrng)
    out_dir.mkdir(parents=True, exist_ok=True)
    save_pdf(pages, out_dir / "clean.pdf", DPI, 90, spec["date"])
    scan_dpi = rng.choice([200, 240, 300])
    scan_colour = rng.random() < 0.25
    scans, scan_pages = [], []
    for pg in pages:
        black = (not scan_colour) and rng.random() < 0.5
        scans.append(photocopy_scan(pg, rng, nrng, scan_dpi, scan_colour, black))
        scan_pages.append({"stamp": "colour" if scan_colour else ("black" if black else "grey")})
    save_pdf(scans, out_dir / "scan.pdf", scan_dpi, rng.randint(60, 80), spec["date"])
    del scans
    photos, photo_info = [], []
    for i, pg in enumerate(pages):
        img, info = phone_photo(pg, rng, nrng)
        orient = rng.choices([1, 6, 8], weights=[6, 2, 2])[0]
        fname = f"photo-{i + 1}.jpg"
        info["jpeg_quality"] = save_whatsapp_jpeg(img, out_dir / fname, rng, orient)
        photos.append({"file": fname, "exif_orientation": orient})
        photo_info.append(info)
    layout = {k: v for k, v in L.items() if k not in ("paper_mm", "margin_mm")}
    layout.update(
        {
            "issuer": spec["kind"],
            "kecamatan": spec["kec"],
            "kim_scope": spec["scope"],
            "kim_term": spec["kim_term"],
            "number_shape": spec["number_shape"],
            "plt": spec["plt"],
            "rank": spec.get("rank"),
            "nip": spec.get("nip"),
            "masa_bakti": spec["masa_bakti"],
            "margins_mm": [round(m, 1) for m in L["margin_mm"]],
            "distractors": {
                "berita_acara": [spec["ba_number"], spec["ba_date"].isoformat()],
                "surat_dinas": [spec["dinas_number"], spec["dinas_date"].isoformat()],
            },
            "scan": {"dpi": scan_dpi, "colour": scan_colour, "pages": scan_pages},
            "photos": photo_info,
        }
    )
    truth = {
        "number": spec["number"],
        "date": spec["date"].isoformat(),
        "office": spec["office"],
        "signatory": spec["signatory"],
        "kim_name": spec["kim_name"],
        "officers": [{"role": o.role, "name": o.name} for o in spec["officers"]],
        "layout": layout,
        "pages": len(pages),
        "photos": photos,
    }
    (out_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return truth


def build(set_dir: Path, count: int = 20, seed: int = 2027) -> None:
    set_dir = Path(set_dir)
    set_dir.mkdir(parents=True, exist_ok=True)
    docs = []
    for i in range(count):
        name = f"sk-{i:03d}"
        target = set_dir / name
        if target.exists():
            shutil.rmtree(target)
        build_document(target, seed, i)
        docs.append(name)
        font.cache_clear()
        gc.collect()  # keeps the peak resident size per document, not per set
    manifest = {"count": count, "seed": seed, "generator": generator_digest(), "documents": docs}
    (set_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set-dir", type=Path, required=True)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2027)
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    build(args.set_dir, args.count, args.seed)
    print(f"wrote {args.count} documents to {args.set_dir} in {time.monotonic() - t0:.1f}s")


if __name__ == "__main__":
    main()
