"""Held-out SK set: decrees drawn independently of bench/ocr's generator, with their ground truth.

Written from what Tuban's and East Java's decrees on forming a KIM look like, without reading the
team's own generator or reader, so the reader cannot have been shaped around it. Each document is
one seeded draw of: issuer (camat, kepala desa, lurah), letterhead style, title form (one or two
lines), number shape (regency codes with stray spaces, or the village "NOMOR n TAHUN yyyy"),
considerations quoting other numbers and dates, diktum, signature block (numeric or worded date,
with or without rank and NIP), a stamp and a pen signature over it, and officers in one of five
layouts (role-first colon lists, numbered lists, bordered NO | JABATAN | NAMA tables with wrapped
role cells, name-first tables, borderless columns), in one of several fonts none of which the main
set uses. Every document is written three ways: `clean.pdf` (300 dpi), `scan.pdf` (photocopied then
scanned: grey, streaks, toner dropout, specks, skew) and `photo-N.jpg` (one phone photo per page,
1280 px, JPEG, some stored sideways with an EXIF orientation tag), beside `truth.json`.

    .venv/bin/python -m bench.ocr.heldout.make_set OUT_DIR [--count 20] [--seed 2026]

Exits with status 77 (a skip) and names the Debian packages when a font is missing.
"""

import argparse
import csv
import hashlib
import io
import json
import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

SKIP = 77  # the conventional "skipped" exit status (automake, meson)
DPI = 300
PT = DPI / 72
CM = DPI / 2.54
A4 = (2480, 3508)
REGIONS = Path(__file__).resolve().parents[3] / "districts" / "data" / "wilayah"
URW = "/usr/share/fonts/opentype/urw-base35/"
FREE = "/usr/share/fonts/truetype/freefont/"
CROS = "/usr/share/fonts/truetype/crosextra/"
# Families common in Indonesian office documents (Bookman Old Style, Times New Roman, Arial, Century,
# Calibri...), through their free metric twins; none is DejaVu or Liberation, which the main set uses.
FONTS = {
    "bookman": (URW + "URWBookman-Light.otf", URW + "URWBookman-Demi.otf", "fonts-urw-base35"),
    "times": (URW + "NimbusRoman-Regular.otf", URW + "NimbusRoman-Bold.otf", "fonts-urw-base35"),
    "arial": (URW + "NimbusSans-Regular.otf", URW + "NimbusSans-Bold.otf", "fonts-urw-base35"),
    "century": (URW + "C059-Roman.otf", URW + "C059-Bold.otf", "fonts-urw-base35"),
    "palatino": (URW + "P052-Roman.otf", URW + "P052-Bold.otf", "fonts-urw-base35"),
    "freeserif": (FREE + "FreeSerif.ttf", FREE + "FreeSerifBold.ttf", "fonts-freefont-ttf"),
    "calibri": (CROS + "Carlito-Regular.ttf", CROS + "Carlito-Bold.ttf", "fonts-crosextra-carlito"),
}
PACKAGES = sorted({package for _r, _b, package in FONTS.values()})

MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
MEN = [
    "Ahmad", "Muhammad", "Moh.", "Abdul", "Agus", "Budi", "Eko", "Dwi", "Slamet", "Sugeng", "Imam",
    "Rudi", "Wahyu", "Hadi", "Khoirul", "Zainal", "Yusuf", "Ali", "Mashudi", "Suwarno", "Kasiyanto",
    "Sutrisno", "Mujiono", "Rohmad", "Ainur", "Joko", "Heri", "Nur", "Fathur", "Arif", "Bambang",
]  # fmt: skip
WOMEN = [
    "Siti", "Sri", "Dwi", "Tri", "Endang", "Yuli", "Lilik", "Nanik", "Umi", "Puji", "Dian", "Novita",
    "Ika", "Fatimah", "Winarti", "Ngatini", "Rina", "Eka", "Nur", "Anik", "Lailatul", "Khusnul",
]  # fmt: skip
SURNAMES_MEN = [
    "Fauzi", "Santoso", "Setiawan", "Wibowo", "Hidayat", "Anam", "Rofiq", "Arifin", "Budiono", "Riyanto",
    "Prasetyo", "Hariyanto", "Rohman", "Sholeh", "Maulana", "Rozikin", "Mustofa", "Kurniawan", "Efendi",
    "Subekti", "Purnomo", "Ma'ruf",
]  # fmt: skip
SURNAMES_WOMEN = [
    "Rahayu", "Lestari", "Mahmudah", "Kulsum", "Susanti", "Wulandari", "Hasanah", "Qomariyah", "Fitriani",
    "Ningsih", "Zulaikha", "Rohmah", "Handayani",
]  # fmt: skip
DEGREES = ["S.Pd.", "S.E.", "S.Kom.", "S.Sos.", "S.H.", "A.Md.", "S.Pd.I.", "S.T.", "S.Ag."]
KIM_NAMES = [
    "Jendela Desa", "Suara Desa", "Info Desa", "Sinar Bahari", "Bumi Wali", "Ronggolawe",
    "Sumber Informasi", "Cahaya Informasi", "Warta Mandiri", "Guyub Rukun", "Sekar Wangi",
    "Tunas Harapan", "Lentera Informasi", "Manunggal Jaya", "Mekar Sari", "Kartika", "Wahana Warta",
    "Sumber Rejeki", "Media Sejahtera", "Gema Nusantara",
]  # fmt: skip
DIVISIONS = [
    "Bidang Pengumpulan Informasi", "Bidang Pengolahan dan Penyajian Informasi",
    "Bidang Penyebaran Informasi", "Bidang Teknologi Informasi", "Seksi Humas",
    "Seksi Dokumentasi dan Publikasi", "Seksi Pengumpulan Informasi", "Seksi Pengolahan Informasi",
    "Seksi Penyebaran Informasi", "Seksi Ekonomi Kreatif",
]  # fmt: skip
TASKS = [
    "menjembatani arus informasi antara pemerintah dan masyarakat secara timbal balik;",
    "mengumpulkan, mengolah dan menyebarluaskan informasi pembangunan kepada masyarakat;",
    "meningkatkan literasi informasi dan pemanfaatan teknologi informasi dan komunikasi;",
    "menangkal informasi bohong (hoaks) yang beredar di tengah masyarakat;",
    "melaporkan pelaksanaan kegiatan kepada pembina secara berkala.",
]
LAWS = [
    "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
    "Undang-Undang Nomor 6 Tahun 2014 tentang Desa sebagaimana telah diubah terakhir dengan "
    "Undang-Undang Nomor 3 Tahun 2024;",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali "
    "diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023;",
    "Peraturan Pemerintah Nomor 43 Tahun 2014 tentang Peraturan Pelaksanaan Undang-Undang Nomor 6 "
    "Tahun 2014 tentang Desa;",
    "Peraturan Menteri Dalam Negeri Nomor 111 Tahun 2014 tentang Pedoman Teknis Peraturan di Desa;",
    "Peraturan Menteri Komunikasi dan Informatika Nomor 8 Tahun 2019 tentang Penyelenggaraan Urusan "
    "Pemerintahan Konkuren Bidang Komunikasi dan Informatika;",
]


def fonts_missing():
    """The font files this set needs that are not installed, with their Debian packages."""
    return [(path, package) for regular, bold, package in FONTS.values() for path in (regular, bold)
            if not Path(path).exists()]  # fmt: skip


def tuban_regions():
    """Tuban's kecamatan and villages from the bundled Kemendagri CSV: {code: name}, [(code, name, district)]."""
    with open(REGIONS / "districts.csv", encoding="utf-8-sig", newline="") as handle:
        districts = {row["code"]: row["name"] for row in csv.DictReader(handle) if row["regency_code"] == "35.23"}
    with open(REGIONS / "villages.csv", encoding="utf-8-sig", newline="") as handle:
        villages = sorted(
            {
                (r["code"], r["name"], r["district_code"])
                for r in csv.DictReader(handle)
                if r["district_code"] in districts
            }
        )
    return districts, villages


# ---------------------------------------------------------------- what a document says


@dataclass
class Decree:
    kind: str  # camat | desa | lurah
    district: str
    village: str
    number: str  # as printed, stray spaces included
    signed_on: date
    date_numeric: bool
    office: str
    signatory: str
    rank: str
    nip: str
    kim: str  # as it appears between quotes, e.g. "Jendela Desa"
    officers: list = field(default_factory=list)  # [(role, name as printed)]
    minutes_number: str = ""
    minutes_date: date | None = None
    layout: dict = field(default_factory=dict)

    def truth(self):
        return {
            "number": " ".join(self.number.split()),
            "date": self.signed_on.isoformat(),
            "office": self.office,
            "signatory": self.signatory,
            "kim_name": f"KIM {self.kim}",
            "officers": [{"role": role, "name": name} for role, name in self.officers],
            "layout": self.layout,
            "distractors": {
                "minutes_number": self.minutes_number,
                "minutes_date": self.minutes_date.isoformat() if self.minutes_date else "",
            },
        }


def person(rng, *, honour=True, degree_rate=0.3, woman=None):
    """An Indonesian (mostly Javanese) name, sometimes with H./Hj. and an academic degree."""
    woman = rng.random() < 0.45 if woman is None else woman
    first = rng.choice(WOMEN if woman else MEN)
    surnames = SURNAMES_WOMEN if woman else SURNAMES_MEN
    parts = [first, rng.choice(surnames)] if rng.random() < 0.85 else [first]
    name = " ".join(parts).upper()
    if honour and rng.random() < 0.15:
        name = ("Hj. " if woman else "H. ") + name
    if rng.random() < degree_rate:
        name += ", " + rng.choice(DEGREES)
    return name


def nip(rng, born_year):
    born = date(born_year, rng.randint(1, 12), rng.randint(1, 28))
    hired = born.year + rng.randint(22, 30)
    return f"{born:%Y%m%d} {hired}{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 15):03d}"


def spaced(rng, number):
    """Put a stray space or two around slashes, as typed numbers often have ("188/ 12 /KPTS/...")."""
    pieces = number.split("/")
    out = pieces[0]
    for piece in pieces[1:]:
        out += rng.choice(["/", "/", "/", "/ ", " /", " / "]) + piece
    return out


def decree_number(rng, kind, dcode, vcode, year):
    n = rng.randint(3, 420)
    office = f"414.4{dcode}"
    if kind == "desa" and rng.random() < 0.6:
        return f"{rng.randint(1, 60)} TAHUN {year}"
    if kind == "lurah" and rng.random() < 0.25:
        return f"{rng.randint(1, 60)} TAHUN {year}"
    village_office = f"{office}.{vcode}"
    shapes = {
        "camat": [
            f"188/{n:02d}/KPTS/{office}/{year}",
            f"100.3.3.2/{n}/KPTS/{office}/{year}",
            f"B/180.05/{n}/{office}/KPTS/{year}",
            f"188.4/{n}/{office}/{year}",
            f"400.14.4.1/{n}/{office}/{year}",
        ],
        "desa": [f"141/{n:02d}/{village_office}/{year}", f"188/{n}/KPTS/{village_office}/{year}"],
        "lurah": [f"188/{n:02d}/{village_office}/{year}", f"100.3.3.2/{n}/{village_office}/{year}"],
    }[kind]
    number = rng.choice(shapes)
    return spaced(rng, number) if rng.random() < 0.55 else number


def draw_decree(rng, districts, villages):
    """One decree's content and layout choices (the text is written by `compose`)."""
    kind = rng.choices(["camat", "desa", "lurah"], weights=[4, 5, 2])[0]
    if kind == "lurah":
        vcode, village, dcode = rng.choice([v for v in villages if v[0].split(".")[3].startswith("1")])
    else:
        vcode, village, dcode = rng.choice([v for v in villages if v[0].split(".")[3].startswith("2")])
    district = districts[dcode]
    year = rng.randint(2019, 2026)
    signed_on = min(date(year, 1, 1) + timedelta(days=rng.randint(10, 350)), date(2026, 11, 20))
    minutes_date = signed_on - timedelta(days=rng.randint(3, 40))
    number = decree_number(rng, kind, dcode[-2:], vcode[-2:], year)
    if kind == "camat":
        office = f"Camat {district}"
        signatory = person(rng, degree_rate=0.2)
        if rng.random() < 0.5:
            signatory = (
                rng.choice(["Drs. ", "Ir. ", ""])
                + signatory.split(", ")[0]
                + rng.choice([", M.Si.", ", M.M.", ", S.Sos., M.Si.", ", S.STP., M.Si."])
            )
        rank = rng.choice(["Pembina", "Pembina Tingkat I", "Pembina Tk. I", "Penata Tingkat I"])
        officer_nip = nip(rng, rng.randint(1968, 1985))
    elif kind == "desa":
        office = f"Kepala Desa {village}"
        signatory = person(rng, degree_rate=0.15)
        rank, officer_nip = "", ""
    else:
        office = f"Lurah {village}"
        signatory = person(rng, degree_rate=0.5)
        with_nip = rng.random() < 0.5
        rank = rng.choice(["Penata", "Penata Tingkat I"]) if with_nip else ""
        officer_nip = nip(rng, rng.randint(1970, 1990)) if with_nip else ""
    minutes_number = spaced(rng, f"{rng.randint(1, 99):03d}/BA/414.4{dcode[-2:]}.{vcode[-2:]}/{minutes_date.year}")
    decree = Decree(
        kind=kind, district=district, village=village, number=number, signed_on=signed_on,
        date_numeric=rng.random() < 0.45, office=office, signatory=signatory, rank=rank, nip=officer_nip,
        kim=rng.choice(KIM_NAMES), minutes_number=minutes_number, minutes_date=minutes_date,
    )  # fmt: skip
    decree.officers = draw_officers(rng, decree)
    decree.layout = {
        "font": rng.choice(sorted(FONTS)),
        "size_pt": rng.choice([11, 11.5, 12, 12]),
        "spacing": rng.choice([1.15, 1.25, 1.4]),
        "title": rng.choice(["one_line", "two_lines"]),
        "number_label": rng.choice(["NOMOR :", "NOMOR", "Nomor :", "NOMOR:"]),
        "kim_quotes": rng.random() < 0.7,
        "officers": rng.choice(["colon_list", "numbered_colon", "table_role_name", "table_name_role", "columns"]),
        "attachment": rng.random() < 0.6,
        "letterhead": rng.random() < 0.85,
        "stamp": rng.random() < 0.85,
        "officer_case": rng.choice(["upper", "upper", "title"]),
    }
    return decree


def draw_officers(rng, decree):
    """A KIM's board: roles East Java SKs use, role-first, some divisions with two members."""
    roles = []
    if rng.random() < 0.6:
        roles.append("Pelindung")
    if rng.random() < 0.5:
        roles.append("Penasehat")
    if rng.random() < 0.3:
        roles.append("Pembina")
    roles.append("Ketua")
    if rng.random() < 0.5:
        roles.append("Wakil Ketua")
    roles.append("Sekretaris")
    roles.append("Bendahara")
    for division in rng.sample(DIVISIONS, rng.randint(1, 3)):
        roles += [division] * rng.choice([1, 1, 2])
    roles += ["Anggota"] * rng.randint(0, 3)
    used, officers = {decree.signatory}, []
    for role in roles:
        name = person(rng, degree_rate=0.25)
        while name in used:
            name = person(rng, degree_rate=0.25)
        used.add(name)
        officers.append((role, name))
    return officers


# ---------------------------------------------------------------- drawing pages


class Sheet:
    """A flow of A4 pages at 300 dpi: lines, wrapped paragraphs, label columns and tables."""

    def __init__(self, rng, layout):
        regular, bold, _package = FONTS[layout["font"]]
        self.rng, self.paths = rng, {False: regular, True: bold}
        self.size = layout["size_pt"] * PT
        self.lh = self.size * layout["spacing"]
        self.left, self.right = round(rng.uniform(2.5, 3.2) * CM), A4[0] - round(rng.uniform(1.8, 2.3) * CM)
        self.top, self.bottom = round(rng.uniform(1.6, 2.2) * CM), A4[1] - round(rng.uniform(2.0, 2.6) * CM)
        self.ink = (rng.randint(0, 30),) * 3
        self.pages, self._fonts = [], {}
        self.new_page()

    def font(self, bold=False, scale=1.0):
        key = (bold, round(self.size * scale))
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(self.paths[bold], key[1])
        return self._fonts[key]

    def new_page(self):
        self.page = Image.new("RGB", A4, "white")
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = self.top
        if len(self.pages) > 1:
            self.centre(f"- {len(self.pages)} -", scale=0.9)
            self.y += self.lh * 0.5

    def room(self, height):
        if self.y + height > self.bottom:
            self.new_page()

    def width(self, text, bold=False, scale=1.0):
        return self.font(bold, scale).getlength(text)

    def put(self, x, text, bold=False, scale=1.0, underline=False):
        font = self.font(bold, scale)
        self.draw.text((x, self.y), text, font=font, fill=self.ink)
        if underline:
            base = self.y + font.getbbox("Ag")[3] + 4
            self.draw.line((x, base, x + font.getlength(text), base), fill=self.ink, width=3)

    def wrap(self, text, width, bold=False, scale=1.0):
        lines, current = [], []
        for word in text.split():
            if current and self.width(" ".join([*current, word]), bold, scale) > width:
                lines.append(current)
                current = []
            current.append(word)
        return [*lines, current] if current else lines

    def paragraph(self, text, x0, x1=None, *, bold=False, scale=1.0, justify=True):
        x1 = x1 or self.right
        lines = self.wrap(text, x1 - x0, bold, scale)
        for i, words in enumerate(lines):
            self.room(self.lh * scale)
            if justify and i < len(lines) - 1 and len(words) > 1:
                gap = (x1 - x0 - sum(self.width(w, bold, scale) for w in words)) / (len(words) - 1)
                x = x0
                for word in words:
                    self.put(x, word, bold, scale)
                    x += self.width(word, bold, scale) + gap
            else:
                self.put(x0, " ".join(words), bold, scale)
            self.y += self.lh * scale

    def centre(self, text, *, bold=False, scale=1.0, x0=None, x1=None, underline=False):
        x0, x1 = x0 or self.left, x1 or self.right
        for words in self.wrap(text, x1 - x0, bold, scale):
            self.room(self.lh * scale)
            line = " ".join(words)
            self.put((x0 + x1 - self.width(line, bold, scale)) / 2, line, bold, scale, underline)
            self.y += self.lh * scale

    def labelled(self, label, items, *, label_width, markers=True, bold_label=False):
        """'Menimbang : a. text' with hanging indents; items are strings."""
        colon = self.left + label_width
        for i, item in enumerate(items):
            self.room(self.lh * 2)
            if i == 0:
                self.put(self.left, label, bold_label)
                self.put(colon, ":")
            x = colon + self.width(": ")
            if markers and len(items) > 1:
                marker = f"{chr(97 + i)}." if label.startswith("Menimbang") else f"{i + 1}."
                self.put(x, marker)
                x += self.width("00. ")
            self.paragraph(item, x)
        self.y += self.lh * 0.3

    def table(self, headers, rows, fractions, *, borders=True, repeat_header=True):
        """A table whose cells wrap; rows never split across pages; a bordered header repeats."""
        width = self.right - self.left
        xs = [self.left + round(sum(fractions[:i]) * width) for i in range(len(fractions) + 1)]
        pad = 0.25 * self.size

        def row(cells, bold=False):
            wrapped = [self.wrap(text, xs[i + 1] - xs[i] - 2 * pad, bold) or [[]] for i, text in enumerate(cells)]
            height = max(len(w) for w in wrapped) * self.lh + 2 * pad
            if self.y + height > self.bottom:
                self.new_page()
                if repeat_header and headers and not bold:
                    row(headers, bold=True)
            top = self.y
            for i, lines in enumerate(wrapped):
                self.y = top + pad
                for words in lines:
                    self.put(xs[i] + pad, " ".join(words), bold)
                    self.y += self.lh
            self.y = top + height
            if borders:
                w = self.rng.choice([2, 3])
                self.draw.rectangle((xs[0], top, xs[-1], self.y), outline=self.ink, width=w)
                for x in xs[1:-1]:
                    self.draw.line((x, top, x, self.y), fill=self.ink, width=w)

        if headers:
            row(headers, bold=True)
        for cells in rows:
            row(cells)
        self.y += self.lh * 0.5


def emblem(sheet, x, y, size):
    """A stand-in for the regency's emblem: a shield with a star and a wave (no real artwork)."""
    d = sheet.draw
    w, h = size * 0.8, size
    d.polygon(
        [(x, y), (x + w, y), (x + w, y + h * 0.6), (x + w / 2, y + h), (x, y + h * 0.6)],
        fill=(40, 120, 60),
        outline=(20, 20, 20),
        width=4,
    )
    cx, cy, r = x + w / 2, y + h * 0.35, w * 0.22
    star = [
        (
            cx + (r if k % 2 == 0 else r * 0.45) * math.sin(k * math.pi / 5),
            cy - (r if k % 2 == 0 else r * 0.45) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    d.polygon(star, fill=(240, 200, 40))
    d.arc((x + w * 0.15, y + h * 0.55, x + w * 0.85, y + h * 0.85), 200, 340, fill=(250, 250, 250), width=6)


def letterhead(sheet, decree):
    rng = sheet.rng
    lines = ["PEMERINTAH KABUPATEN TUBAN", f"KECAMATAN {decree.district.upper()}"]
    if decree.kind == "desa":
        lines.append(f"DESA {decree.village.upper()}")
    elif decree.kind == "lurah":
        lines.append(f"KELURAHAN {decree.village.upper()}")
    place = decree.village if decree.kind != "camat" else decree.district
    street = rng.choice(["Raya", "Pemuda", "Pahlawan", "Diponegoro", "Sunan Bonang"])
    address = f"Jalan {street} {place} No. {rng.randint(1, 120)}"
    address += (
        f" Telp. (0356) {rng.randint(320000, 899999)}" if rng.random() < 0.6 else f" Kode Pos 623{rng.randint(10, 99)}"
    )
    size = 3.0 * CM
    emblem(sheet, sheet.left - 0.3 * CM, sheet.y, size)
    x0 = sheet.left + size * 0.7
    scales = [1.15, 1.3, 1.5][: len(lines)] if len(lines) == 3 else [1.2, 1.5]
    for text, scale in zip(lines, scales, strict=True):
        sheet.centre(text, bold=True, scale=scale, x0=x0)
    sheet.centre(address, scale=0.85, x0=x0)
    if rng.random() < 0.5:
        sheet.centre(f"Email : {place.lower().replace(' ', '')}@tubankab.go.id", scale=0.8, x0=x0)
    sheet.y += 0.2 * CM
    sheet.draw.line((sheet.left - 0.3 * CM, sheet.y, sheet.right, sheet.y), fill=sheet.ink, width=9)
    sheet.draw.line((sheet.left - 0.3 * CM, sheet.y + 16, sheet.right, sheet.y + 16), fill=sheet.ink, width=3)
    sheet.y += 0.8 * CM


def worded(day):
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def compose(decree):
    """Draw the decree's pages; return them with the boxes where the stamps and signatures go."""
    rng, layout = random.Random(f"compose:{decree.number}:{decree.kim}"), decree.layout
    sheet = Sheet(rng, layout)
    office_upper = decree.office.upper()
    area = (
        f"Desa {decree.village} Kecamatan {decree.district}"
        if decree.kind == "desa"
        else (
            f"Kelurahan {decree.village} Kecamatan {decree.district}"
            if decree.kind == "lurah"
            else f"Kecamatan {decree.district}"
        )
    )
    kim_text = f'"{decree.kim.upper()}"' if layout["kim_quotes"] else f"KIM {decree.kim.upper()}"
    if layout["letterhead"]:
        letterhead(sheet, decree)
    else:
        emblem(sheet, (A4[0] - 2.6 * CM) / 2, sheet.y, 2.6 * CM)
        sheet.y += 3.2 * CM
    if layout["title"] == "one_line":
        sheet.centre(f"KEPUTUSAN {office_upper} KABUPATEN TUBAN", bold=True, scale=1.05)
    else:
        sheet.centre(f"KEPUTUSAN {office_upper}", bold=True, scale=1.05)
        sheet.centre(
            "KABUPATEN TUBAN" if decree.kind == "camat" else f"KECAMATAN {decree.district.upper()} KABUPATEN TUBAN",
            bold=True,
        )
    sheet.centre(f"{layout['number_label']} {decree.number}", bold=rng.random() < 0.5)
    sheet.y += sheet.lh * 0.3
    sheet.centre("TENTANG", bold=True)
    about = f"PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM) {kim_text} {area.upper()}"
    if rng.random() < 0.3:
        about = about.replace("PEMBENTUKAN", "PEMBENTUKAN DAN SUSUNAN PENGURUS")
    sheet.centre(about, bold=True, x0=sheet.left + CM, x1=sheet.right - CM)
    sheet.y += sheet.lh * 0.4
    if decree.kind == "desa" and rng.random() < 0.7:
        sheet.centre("DENGAN RAHMAT TUHAN YANG MAHA ESA", bold=True)
    sheet.centre(f"{office_upper},", bold=True)
    sheet.y += sheet.lh * 0.4
    label_width = sheet.width("Menimbang ") + rng.randint(0, 60)
    place = decree.district if decree.kind == "camat" else decree.village
    kim_words = f'"{decree.kim}"' if layout["kim_quotes"] else f"KIM {decree.kim}"
    considering = [
        f"bahwa dalam rangka meningkatkan arus informasi, komunikasi dan pemberdayaan masyarakat di {area}, "
        "perlu dibentuk Kelompok Informasi Masyarakat (KIM);",
        f"bahwa berdasarkan hasil musyawarah sebagaimana tercantum dalam Berita Acara Musyawarah Nomor "
        f"{decree.minutes_number} tanggal {worded(decree.minutes_date)}, telah disepakati pembentukan dan "
        f"susunan pengurus KIM {kim_words};",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
        f"Keputusan {decree.office} tentang Pembentukan Kelompok Informasi Masyarakat (KIM) {kim_words};",
    ]
    sheet.labelled("Menimbang", considering, label_width=label_width)
    laws = rng.sample(LAWS, rng.randint(3, 5))
    perbup = rng.randint(10, 90)
    laws.append(
        f"Peraturan Bupati Tuban Nomor {perbup} Tahun {rng.randint(2016, decree.signed_on.year)} "
        "tentang Kelompok Informasi Masyarakat;"
    )
    sheet.labelled("Mengingat", laws, label_width=label_width)
    if rng.random() < 0.4:
        circular = spaced(rng, f"480/{rng.randint(100, 2999)}/414.106/{decree.signed_on.year}")
        day = decree.signed_on - timedelta(days=rng.randint(30, 200))
        sheet.labelled(
            "Memperhatikan",
            [f"Surat Bupati Tuban Nomor {circular} tanggal {worded(day)} perihal Pembentukan KIM."],
            label_width=label_width,
        )
    sheet.room(sheet.lh * 4)
    sheet.centre("M E M U T U S K A N :" if rng.random() < 0.5 else "MEMUTUSKAN:", bold=True)
    sheet.labelled(
        "Menetapkan",
        [
            f"KEPUTUSAN {office_upper} TENTANG PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM) "
            f"{kim_text} {area.upper()}."
        ],
        label_width=label_width,
    )
    ordinals = (
        ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"]
        if rng.random() < 0.7
        else ["PERTAMA", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"]
    )
    inline = not layout["attachment"]
    first = (
        f"Membentuk Kelompok Informasi Masyarakat (KIM) {kim_words} {area} Kabupaten Tuban dengan susunan pengurus "
        + (
            "sebagai berikut:"
            if inline
            else "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini."
        )
    )
    sheet.labelled(ordinals[0], [first], label_width=label_width)
    if inline:
        officers(sheet, decree, x0=sheet.left + label_width + sheet.width(": "))
    sheet.labelled(
        ordinals[1],
        ["Kelompok Informasi Masyarakat sebagaimana dimaksud dalam Diktum " + ordinals[0] + " mempunyai tugas:"],
        label_width=label_width,
    )
    x = sheet.left + label_width + sheet.width(": ")
    for i, task in enumerate(rng.sample(TASKS, 3)):
        sheet.put(x, f"{chr(97 + i)}.")
        sheet.paragraph(task, x + sheet.width("00. "))
    fund = (
        "Anggaran Pendapatan dan Belanja Desa"
        if decree.kind == "desa"
        else "Anggaran Pendapatan dan Belanja Daerah Kabupaten Tuban"
    )
    sheet.labelled(
        ordinals[2],
        [
            f"Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada {fund} Tahun "
            f"Anggaran {decree.signed_on.year} dan sumber lain yang sah dan tidak mengikat."
        ],
        label_width=label_width,
    )
    sheet.labelled(
        ordinals[3],
        [
            "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari "
            "terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya."
        ],
        label_width=label_width,
    )
    marks = [signature_block(sheet, decree, place)]
    if rng.random() < 0.6:
        sheet.room(sheet.lh * 6)
        sheet.put(sheet.left, "Tembusan Yth. :", scale=0.9)
        sheet.y += sheet.lh * 0.9
        for i, to in enumerate(
            [
                "Bupati Tuban (sebagai laporan);",
                "Kepala Dinas Komunikasi dan Informatika Kabupaten Tuban;",
                f"Camat {decree.district};" if decree.kind != "camat" else "Inspektur Kabupaten Tuban;",
                "Yang bersangkutan.",
            ]
        ):
            sheet.put(sheet.left, f"{i + 1}. {to}", scale=0.9)
            sheet.y += sheet.lh * 0.9
    if layout["attachment"]:
        sheet.new_page()
        x0 = sheet.left + (sheet.right - sheet.left) * rng.choice([0.0, 0.42])
        number_shown = decree.number if rng.random() < 0.8 else spaced(rng, decree.number)
        for label, value in [
            ("LAMPIRAN", f"KEPUTUSAN {office_upper}"),
            ("NOMOR", number_shown),
            ("TANGGAL", worded(decree.signed_on).upper()),
            ("TENTANG", f"PEMBENTUKAN KIM {kim_text}"),
        ]:
            sheet.put(x0, label, scale=0.92)
            sheet.put(x0 + sheet.width("LAMPIRAN  ", scale=0.92), ":", scale=0.92)
            sheet.paragraph(value, x0 + sheet.width("LAMPIRAN  : ", scale=0.92), scale=0.92, justify=False)
        sheet.y += sheet.lh
        sheet.centre(f"SUSUNAN PENGURUS KELOMPOK INFORMASI MASYARAKAT (KIM) {kim_text}", bold=True)
        sheet.centre(area.upper(), bold=True)
        if rng.random() < 0.5:
            sheet.centre(
                f"MASA BAKTI {decree.signed_on.year} - {decree.signed_on.year + rng.choice([3, 5])}", bold=True
            )
        sheet.y += sheet.lh * 0.5
        officers(sheet, decree, x0=sheet.left)
        marks.append(signature_block(sheet, decree, place, short=True))
    return sheet.pages, marks


def shown(decree, name):
    if decree.layout["officer_case"] == "title":
        return " ".join(w if w.endswith(".") and len(w) <= 4 else w.capitalize() for w in name.split(" "))
    return name


def officers(sheet, decree, x0):
    """The board in this decree's layout; wrapped role cells and repeated roles as real SKs have them."""
    rng, style = sheet.rng, decree.layout["officers"]
    board = [(role, shown(decree, name)) for role, name in decree.officers]
    decree.officers = board  # the truth is the name as printed
    if style in ("colon_list", "numbered_colon", "columns"):
        # Role column at most ~40% of the width: a long division wraps under itself, never under the names.
        space = sheet.right - x0
        if style == "columns":
            role_x, role_width = x0 + sheet.width("00.  "), rng.uniform(0.34, 0.4) * space
            name_x = role_x + role_width
        else:
            role_x = x0
            role_width = min(max(sheet.width(r) for r, _ in board) + sheet.width("00. ") + 30, 0.4 * space)
            name_x = x0 + role_width + sheet.width(": ")
        indent = sheet.width("00. ") if style == "numbered_colon" else 0
        groups = []  # consecutive officers sharing a role: the role once, its members numbered beside it
        for role, name in board:
            if groups and groups[-1][0] == role:
                groups[-1][1].append(name)
            else:
                groups.append((role, [name]))
        count = 0
        for g, (role, names) in enumerate(groups):
            label = f"{g + 1}. {role}" if style == "numbered_colon" else role
            lines = [" ".join(words) for words in sheet.wrap(label, role_width - 40)]
            rows = max(len(lines), len(names))
            sheet.room(sheet.lh * rows)
            for r in range(rows):
                if r < len(lines):
                    sheet.put(role_x + (indent if r else 0), lines[r])
                if r < len(names):
                    count += 1
                    if style == "columns":
                        sheet.put(x0, f"{count}.")
                    elif r == 0:
                        sheet.put(x0 + role_width, ":")
                    text = f"{r + 1}. {names[r]}" if style != "columns" and len(names) > 1 else names[r]
                    scale = 1.0 if sheet.width(text) < sheet.right - name_x else 0.85
                    sheet.put(name_x, text, scale=scale)
                sheet.y += sheet.lh
        sheet.y += sheet.lh * 0.5
        return
    left_margin = sheet.left
    sheet.left = x0
    narrow = rng.uniform(0.22, 0.3)  # narrow enough that long divisions wrap onto two lines
    merge = rng.random() < 0.5  # a repeated role written once, the next cells left empty
    rows, previous = [], None
    for i, (role, name) in enumerate(board):
        cell = "" if merge and role == previous else role
        rows.append((str(i + 1) + ("." if rng.random() < 0.3 else ""), cell, name))
        previous = role
    if style == "table_role_name":
        fractions = [0.08, narrow, 0.92 - narrow - (0.18 if rng.random() < 0.5 else 0.0)]
        headers = ["NO", "JABATAN", "NAMA"]
        if sum(fractions) < 0.99:
            fractions.append(1 - sum(fractions))
            headers.append("KET.")
            rows = [(*r, "") for r in rows]
    else:
        fractions = [0.08, 0.5, 0.42]
        headers = ["NO", "NAMA", "JABATAN DALAM KIM"]
        rows = [(n, name, role) for n, role, name in rows]
    sheet.table(headers, rows, fractions, borders=rng.random() < 0.85)
    sheet.left = left_margin


def signature_block(sheet, decree, place, *, short=False):
    """'Ditetapkan di … pada tanggal …', the title, room for the signature, the name: return its box."""
    rng = sheet.rng
    x = sheet.left + (sheet.right - sheet.left) * rng.uniform(0.48, 0.56)
    height = sheet.lh * (9 + bool(decree.rank) + bool(decree.nip))
    sheet.room(height)
    sheet.y += sheet.lh * 0.5
    top = sheet.y
    if not short:
        if decree.date_numeric:
            when = decree.signed_on.strftime(rng.choice(["%d/%m/%Y", "%d/%m/%Y", "%d-%m-%Y"]))
        else:
            when = (
                worded(decree.signed_on)
                if rng.random() < 0.7
                else f"{decree.signed_on.day:02d} {MONTHS[decree.signed_on.month - 1]} {decree.signed_on.year}"
            )
        colon_x = x + sheet.width("Ditetapkan di  ")
        sheet.put(x, "Ditetapkan di")
        sheet.put(colon_x, ": " + place)
        sheet.y += sheet.lh
        sheet.put(x, rng.choice(["pada tanggal", "Pada tanggal", "Pada Tanggal"]))
        sheet.put(colon_x, ": " + when)
        sheet.y += sheet.lh
        sheet.draw.line((x, sheet.y + 6, sheet.right - CM * 0.5, sheet.y + 6), fill=sheet.ink, width=3)
        sheet.y += sheet.lh * 0.5
    title = decree.office.upper() + ","
    title_w = sheet.width(title, bold=True)
    centre = x + (sheet.right - x) / 2 if rng.random() < 0.7 else x + title_w / 2
    title_y = sheet.y
    sheet.put(centre - title_w / 2, title, bold=True)
    sheet.y += sheet.lh * rng.uniform(3.6, 4.4)
    name_y = sheet.y
    name_w = sheet.width(decree.signatory, bold=True)
    sheet.put(centre - name_w / 2, decree.signatory, bold=True, underline=rng.random() < 0.6)
    sheet.y += sheet.lh
    for extra in (decree.rank, f"NIP. {decree.nip}" if decree.nip else ""):
        if extra:
            sheet.put(centre - sheet.width(extra) / 2, extra)
            sheet.y += sheet.lh
    sheet.y += sheet.lh * 0.5
    page = len(sheet.pages) - 1
    return {
        "page": page,
        "top": top,
        "title_y": title_y,
        "name_y": name_y,
        "centre": centre,
        "title_w": title_w,
        "lh": sheet.lh,
    }


# ---------------------------------------------------------------- stamps and signatures


def stamp_image(rng, decree, radius):
    """A round office stamp: two rings, the regency around the top, the office around the bottom."""
    size = radius * 2 + 20
    layer = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(layer)
    c = size / 2
    d.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=9)
    d.ellipse((c - radius * 0.62, c - radius * 0.62, c + radius * 0.62, c + radius * 0.62), outline=255, width=5)
    font = ImageFont.truetype(FONTS["arial"][1], round(radius * 0.15))

    def arc_text(text, start, end, r):
        for i, ch in enumerate(text):
            angle = start + (end - start) * (i + 0.5) / len(text)
            glyph = Image.new("L", (round(radius * 0.25),) * 2, 0)
            ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=255, anchor="mm")
            flip = 180 if 90 < (angle % 360) < 270 else 0
            glyph = glyph.rotate(-angle + flip, resample=Image.Resampling.BICUBIC)
            px = c + r * math.sin(math.radians(angle)) - glyph.width / 2
            py = c - r * math.cos(math.radians(angle)) - glyph.height / 2
            layer.paste(255, (round(px), round(py)), glyph)

    top = "PEMERINTAH KABUPATEN TUBAN"
    arc_text(top, -3.3 * len(top), 3.3 * len(top), radius * 0.8)
    bottom = {
        "camat": f"KECAMATAN {decree.district.upper()}",
        "desa": f"DESA {decree.village.upper()}",
        "lurah": f"KELURAHAN {decree.village.upper()}",
    }[decree.kind]
    span = min(6.6 * len(bottom), 140)  # degrees: letters as far apart as on the top arc
    arc_text(bottom[::-1], 180 - span / 2, 180 + span / 2, radius * 0.8)
    inner = {"camat": "CAMAT", "desa": "KEPALA DESA", "lurah": "LURAH"}[decree.kind]
    small = ImageFont.truetype(FONTS["arial"][1], round(radius * 0.16))
    d.text((c, c), inner, font=small, fill=255, anchor="mm")
    # Uneven ink: a stamp never inks evenly.
    noise = numpy.asarray(Image.effect_noise((size, size), 60).filter(ImageFilter.GaussianBlur(3)), dtype=numpy.float32)
    alpha = numpy.asarray(layer, dtype=numpy.float32) * numpy.clip((noise - 60) / 110, 0.25, 1.0)
    return Image.fromarray(alpha.astype(numpy.uint8)).rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)


def ink(page, mask, colour, x, y, strength=0.85):
    """Lay coloured ink through `mask` onto the page (multiplied, so text below shows through)."""
    tint = Image.new("RGB", mask.size, colour)
    region = page.crop((x, y, x + mask.width, y + mask.height))
    inked = ImageChops.multiply(region, tint)
    region.paste(inked, (0, 0), mask.point(lambda v: round(v * strength)))
    page.paste(region, (x, y))


def scribble(rng, width, height):
    """A pen signature: a looping cursive stroke drifting right, then a flourish back under it."""
    layer = Image.new("L", (width, height), 0)
    d = ImageDraw.Draw(layer)
    loops, steps = rng.randint(3, 7), 240
    radius = height * rng.uniform(0.15, 0.3)
    points = []
    for i in range(steps):
        t = i / steps
        x = width * (0.08 + 0.75 * t) + radius * 0.8 * math.cos(2 * math.pi * loops * t)
        y = height * (0.45 + 0.1 * math.sin(3 * t)) + radius * math.sin(2 * math.pi * loops * t) * rng.uniform(0.8, 1.2)
        points.append((x, y))
    points += [(width * (0.85 - 0.7 * k / 20), height * (0.75 + 0.08 * math.sin(k / 3))) for k in range(21)]
    d.line(points, fill=255, width=rng.randint(4, 7), joint="curve")
    return layer.filter(ImageFilter.GaussianBlur(1))


def sign_and_stamp(pages, decree, marks, rng):
    for mark in marks:
        page = pages[mark["page"]]
        lh = mark["lh"]
        sig_h = round(mark["name_y"] - mark["title_y"] + lh * 0.6)
        sig_w = round(min(mark["title_w"] * 1.1, 900))
        signature = scribble(rng, sig_w, sig_h)
        ink(
            page,
            signature,
            rng.choice([(20, 40, 140), (25, 25, 25), (30, 60, 170)]),
            round(mark["centre"] - sig_w * 0.4),
            round(mark["title_y"] + lh * 0.4),
            0.95,
        )
        if decree.layout["stamp"]:
            radius = round(rng.uniform(1.6, 2.0) * CM)
            stamp = stamp_image(rng, decree, radius)
            # Over the left part of the title and signature, reaching the name line at times.
            sx = round(mark["centre"] - mark["title_w"] / 2 - radius * rng.uniform(0.6, 1.2))
            sy = round(mark["title_y"] - radius * rng.uniform(0.2, 0.6) + rng.uniform(0, 1.2) * lh)
            colour = rng.choice([(120, 60, 170), (60, 70, 180), (140, 60, 140), (110, 110, 120)])
            ink(page, stamp, colour, max(sx, 0), max(sy, 0), rng.uniform(0.6, 0.9))


# ---------------------------------------------------------------- renderings


def pdf_bytes(images, quality, dpi):
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi, quality=quality)
    return out.getvalue()


def render_clean(pages):
    return pdf_bytes(pages, 92, DPI)


def render_scan(pages, rng):
    """Photocopied, then scanned grey: toner dropout, drum streaks, specks, an edge shadow, skew."""
    out = []
    dpi = rng.choice([200, 300])
    for page in pages:
        seed = rng.randrange(2**32)
        noise = numpy.random.default_rng(seed)
        size = (A4[0] * dpi // DPI, A4[1] * dpi // DPI)
        grey = numpy.asarray(ImageOps.grayscale(page).resize(size, Image.Resampling.LANCZOS), dtype=numpy.float32)
        darkness = 255 - grey
        # Toner dropout: blotches of the page where ink comes out pale.
        small = Image.fromarray((noise.random((size[1] // 40, size[0] // 40)) * 255).astype(numpy.uint8))
        blotch = small.filter(ImageFilter.GaussianBlur(0.4)).resize(size, Image.Resampling.BICUBIC)
        fade = numpy.asarray(blotch, dtype=numpy.float32) / 255
        fade = numpy.clip(0.35 + 1.4 * fade, 0.35, 1.0) if rng.random() < 0.7 else numpy.ones_like(fade)
        darkness *= fade
        # Photocopy contrast: ink heavier, greys pushed down, paper not white.
        darkness = numpy.clip(darkness * rng.uniform(1.0, 1.3), 0, 255)
        grey = rng.uniform(225, 245) - darkness * 0.9
        # Streaks from a dirty drum (dark) and worn toner (pale) running down the page.
        for _ in range(rng.randint(1, 4)):
            x = rng.randrange(size[0])
            w = rng.randint(2, 10) * dpi // DPI
            grey[:, x : x + w] -= rng.uniform(30, 90)
        for _ in range(rng.randint(0, 2)):
            x = rng.randrange(size[0])
            w = rng.randint(15, 60) * dpi // DPI
            grey[:, x : x + w] = grey[:, x : x + w] * 0.5 + 122  # half way to paper
        # Copier lid shadow at one edge, specks, grain.
        edge = rng.randint(20, 90)
        side = rng.choice(["left", "right", "top"])
        if side == "left":
            grey[:, :edge] -= 110
        elif side == "right":
            grey[:, -edge:] -= 110
        else:
            grey[:edge, :] -= 110
        specks = noise.random(grey.shape) < rng.uniform(0.0005, 0.002)
        grey[specks] = noise.uniform(0, 90, specks.sum())
        grey += noise.normal(0, rng.uniform(4, 10), grey.shape)
        image = Image.fromarray(numpy.clip(grey, 0, 255).astype(numpy.uint8))
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.1) * dpi / DPI))
        angle = rng.uniform(0.5, 2.0) * rng.choice([-1, 1])
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=rng.randint(200, 235))
        out.append(image)
    return pdf_bytes(out, rng.randint(55, 75), dpi)


def perspective_coefficients(source, target):
    """Coefficients for Image.transform(PERSPECTIVE) mapping output quad `target` to input quad `source`."""
    rows, values = [], []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    return numpy.linalg.solve(numpy.array(rows, dtype=float), numpy.array(values, dtype=float)).tolist()


def background(rng, size):
    """A desk, a batik tablecloth or a sofa: textured, darker than the page."""
    base = rng.choice([(120, 85, 55), (70, 70, 75), (150, 40, 40), (90, 110, 80), (170, 150, 120)])
    noise = numpy.random.default_rng(rng.randrange(2**32))
    texture = noise.normal(0, 18, (size[1] // 8 + 1, size[0] // 8 + 1, 1))
    grain = numpy.repeat(numpy.repeat(texture, 8, axis=0), 8, axis=1)[: size[1], : size[0]]
    stripes = 15 * numpy.sin(numpy.arange(size[0]) / rng.uniform(8, 40))[None, :, None]  # woven cloth
    array = numpy.clip(numpy.array(base, dtype=numpy.float32)[None, None, :] + grain + stripes, 0, 255)
    return Image.fromarray(array.astype(numpy.uint8), "RGB")


def render_photo(page, rng):
    """A phone photo of one page forwarded over WhatsApp: tilted 5–12°, in perspective, lit unevenly, 1280 px, JPEG."""
    scale = 0.42  # work at about 125 dpi (the canvas stays taller than 1280 px), then shrink like a messenger
    sheet = page.resize((round(A4[0] * scale), round(A4[1] * scale)), Image.Resampling.LANCZOS)
    tint = rng.choice([(255, 250, 235), (250, 248, 240), (255, 245, 225)])
    sheet = ImageChops.multiply(sheet, Image.new("RGB", sheet.size, tint))
    w, h = sheet.size
    canvas_size = (round(w * 1.25), round(h * 1.2))
    canvas = background(rng, canvas_size)
    angle = math.radians(rng.uniform(5, 12) * rng.choice([-1, 1]))
    cx, cy = canvas_size[0] / 2 + rng.uniform(-0.04, 0.04) * w, canvas_size[1] / 2 + rng.uniform(-0.03, 0.03) * h
    fit = rng.uniform(0.84, 0.92)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    # Perspective: the edge nearer the camera is wider.
    squeeze = rng.uniform(0.03, 0.09)
    top_wider = rng.random() < 0.5
    target = []
    for i, (x, y) in enumerate(corners):
        near = (i < 2) == top_wider
        x *= fit * (1 + squeeze if near else 1 - squeeze)
        y *= fit
        x, y = x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle)
        target.append((cx + x, cy + y))
    source = [(0, 0), (w, 0), (w, h), (0, h)]
    coefficients = perspective_coefficients(source, target)
    warped = sheet.transform(
        canvas_size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=(0, 0, 0)
    )
    mask = Image.new("L", sheet.size, 255).transform(
        canvas_size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR
    )
    canvas.paste(warped, (0, 0), mask)
    # Light: brighter near a window on one side, the phone's shadow on the other.
    xs = numpy.linspace(0, 1, canvas_size[0])[None, :]
    ys = numpy.linspace(0, 1, canvas_size[1])[:, None]
    direction = rng.uniform(0, 2 * math.pi)
    ramp = (xs - 0.5) * math.cos(direction) + (ys - 0.5) * math.sin(direction)
    light = 1.0 - rng.uniform(0.25, 0.45) * (ramp + 0.7) / 1.4
    sx, sy = rng.uniform(0.2, 0.8), rng.uniform(0.6, 1.0)
    shadow = numpy.exp(-(((xs - sx) / 0.25) ** 2 + ((ys - sy) / 0.2) ** 2)) * rng.uniform(0.1, 0.3)
    light = numpy.clip(light - shadow, 0.3, 1.0)[:, :, None]
    array = numpy.asarray(canvas, dtype=numpy.float32) * light
    array += numpy.random.default_rng(rng.randrange(2**32)).normal(0, 3, array.shape)
    photo = Image.fromarray(numpy.clip(array, 0, 255).astype(numpy.uint8), "RGB")
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))
    long_side = max(photo.size)
    photo = photo.resize(
        (round(photo.width * 1280 / long_side), round(photo.height * 1280 / long_side)), Image.Resampling.LANCZOS
    )
    out, exif = io.BytesIO(), None
    orientation = 1
    if rng.random() < 0.3:
        # Stored sideways, upright only for a viewer that honours the EXIF tag.
        orientation = rng.choice([6, 8])
        photo = photo.transpose(Image.Transpose.ROTATE_90 if orientation == 6 else Image.Transpose.ROTATE_270)
        exif = Image.Exif()
        exif[0x0112] = orientation
    photo.save(out, "JPEG", quality=rng.randint(70, 80), subsampling=2, **({"exif": exif.tobytes()} if exif else {}))
    return out.getvalue(), orientation


def generator_digest():
    """A digest of this file: a set made by an older generator is not reused."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def build(out_dir, *, count=20, seed=2026):
    """Write `count` documents (clean.pdf, scan.pdf, photo-N.jpg, truth.json) under out_dir."""
    missing = fonts_missing()
    if missing:
        packages = sorted({p for _f, p in missing})
        print(
            f"SKIPPED: missing fonts {', '.join(f for f, _p in missing)}; "
            f"install them with: apt-get install {' '.join(packages)}",
            file=sys.stderr,
        )
        raise SystemExit(SKIP)
    out_dir = Path(out_dir)
    districts, villages = tuban_regions()
    manifest = []
    for index in range(count):
        rng = random.Random(f"heldout:{seed}:{index}")
        decree = draw_decree(rng, districts, villages)
        pages, marks = compose(decree)
        sign_and_stamp(pages, decree, marks, rng)
        folder = out_dir / f"sk-{index:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "clean.pdf").write_bytes(render_clean(pages))
        (folder / "scan.pdf").write_bytes(render_scan(pages, rng))
        photos = []
        for number, page in enumerate(pages, start=1):
            data, orientation = render_photo(page, rng)
            (folder / f"photo-{number}.jpg").write_bytes(data)
            photos.append({"file": f"photo-{number}.jpg", "exif_orientation": orientation})
        truth = decree.truth()
        truth["pages"] = len(pages)
        truth["photos"] = photos
        (folder / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False), encoding="utf-8")
        manifest.append(folder.name)
    (out_dir / "manifest.json").write_text(
        json.dumps({"count": count, "seed": seed, "generator": generator_digest(), "documents": manifest}, indent=1),
        encoding="utf-8",
    )
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out_dir")
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    names = build(args.out_dir, count=args.count, seed=args.seed)
    print(f"{len(names)} documents in {args.out_dir}")


if __name__ == "__main__":
    main()
