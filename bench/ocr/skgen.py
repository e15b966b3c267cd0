"""Synthetic SK documents with known contents, for the OCR benchmark and tests.

Each `SkSpec` is what a real SK of a KIM says (number, date, office, signatory,
KIM name, officers). `render_pages` draws it with Pillow in one of three
layouts seen in Tuban's decrees: a camat's decree with the officers in the
body, a kepala desa's decree with the officers in an attachment page, and a
lurah's decree with a numbered list and a numeric date; `make_spec(kinds=True)`
adds the kinds of issue 18 (see `_with_kinds`). `clean_pdf`, `scan_pdf`,
`photocopy_pdf`, `phone_jpegs` and `whatsapp_jpegs` then turn the pages into
the kinds of files admins upload. Nothing here is used by the application itself.
"""

import datetime
import io
import math
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

DPI = 300
A4 = (2480, 3508)  # pixels at 300 dpi
MARGIN = 250

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation")]
FONT_FAMILIES = {
    "DejaVu Serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "Liberation Serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "Liberation Sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "Liberation Sans Narrow": ("LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf"),
}
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
FIRST = (
    "Ahmad Budi Siti Dewi Eko Fitri Hadi Indah Joko Kurnia Lestari Muhammad Nur Putri Rizki Slamet Tri Wahyu Yuli Agus"
)
LAST = (
    "Santoso Wijaya Rahmawati Hidayat Susanto Purnomo Lestari Saputra Fauzi Maulana Handayani Setiawan Kusuma Prasetyo"
)
KIM_WORDS = "Mandiri Bersinar Sejahtera Maju Cerdas Informatif Berdaya Harmoni Lestari Sentosa Mulia Jaya Makmur Rukun"
DISTRICTS = {
    "Jenu": "Beji Jenggolo Karangasem Mentoso Purworejo Rawasan Remen Sekardadi Socorejo Sugihwaras Suwalan Tasikmadu",
    "Montong": "Bringin Jetak Maindu Manjung Montongsekar Nguluhan Pakel Pucangan Sumurgung Talangkembar Tanggulangin",
    "Bangilan": "Banjarworo Bangilan Bate Kablukan Kedungharjo Kedungmulyo Klakeh Kumpulrejo Ngrojo Sidodadi Weden",
    "Semanding": "Bejagung Boto Gesing Genaharjo Jadi Kowang Ngino Penambangan Prunggahan Sambongrejo Tegalagung",
    "Senori": "Banyuurip Jatisari Kaligede Katerban Leran Medalem Rayung Sendang Sidoharjo Wangi Wonosari",
}
KELURAHAN = {
    "Tuban": "Baturetno Doromukti Kebonsari Kingking Kutorejo Latsari Mondokan Perbon Ronggomulyo Sendangharjo"
}
# Every kecamatan and village name above: what the application knows from the Kemendagri list.
PLACES = sorted(
    {*DISTRICTS, *KELURAHAN, *(v for names in [*DISTRICTS.values(), *KELURAHAN.values()] for v in names.split())}
)
ROLES = ["Ketua", "Wakil Ketua", "Sekretaris", "Bendahara", "Seksi Informasi", "Seksi Humas", "Anggota"]
# The roles of real East Java SKs: patrons and advisers first, long section names that wrap in a table.
KIND_ROLES = [
    "Pelindung",
    "Penasehat",
    "Pembina",
    "Ketua",
    "Wakil Ketua",
    "Sekretaris",
    "Bendahara",
    "Seksi Pengumpulan dan Pengolahan Informasi",
    "Seksi Publikasi dan Dokumentasi",
    "Anggota",
]
LAYOUTS = ("camat", "desa", "lurah")
# Stamp pad inks: grey as a black-and-white copy shows a stamp, or the purple and blue of real pads.
STAMP_INKS = {"grey": 110, "purple": (112, 48, 140), "blue": (40, 70, 165)}


@dataclass
class SkSpec:
    layout: str
    district: str
    village: str
    number: str
    signed_on: datetime.date
    signatory: str
    kim_name: str
    officers: list = field(default_factory=list)  # (name, role)
    font: str = "DejaVu Serif"
    size: int = 46  # body text in pixels at 300 dpi (46 px = 11 pt)
    numeric_date: bool = False
    # Kinds seen in real East Java SKs (issue 18), all off in the original generator:
    printed_number: str = ""  # the number as printed when it differs ("188/ 12 /KPTS/..."), else `number`
    one_line_title: bool = False  # "KEPUTUSAN CAMAT PALANG KABUPATEN TUBAN"
    minutes: bool = False  # "Berita Acara ... Nomor 033/BA/... tanggal <worded date>" in the considerations
    roles_first: bool = False  # "Ketua : AHMAD FAUZI", tables NO | JABATAN | NAMA
    stamp: bool = False  # an official stamp over the signature
    quotes: bool = True  # the KIM's name in quotes, as most SKs print it
    underline: bool = False  # the signer's printed name underlined, as most offices print it
    brackets: bool = False  # the signer's name in brackets: "( SUPARMAN )"
    merged_roles: bool = False  # a role held by several members written once (blank cells, numbered members)
    community: bool = False  # "Komunitas Informasi Masyarakat", the name of Permenkominfo 4/2024
    stamp_ink: str = "grey"  # a key of STAMP_INKS

    @property
    def office(self):
        return {"camat": "Camat", "desa": "Kepala Desa", "lurah": "Lurah"}[self.layout]

    @property
    def place(self):
        return self.district if self.layout == "camat" else self.village

    @property
    def issuer(self):
        return f"{self.office} {self.place}"

    def truth(self):
        return {
            "layout": self.layout,
            "number": self.number,
            "signed_on": self.signed_on.isoformat(),
            "issuer": self.issuer,
            "signatory": self.signatory,
            "kim_name": self.kim_name,
            "officers": [list(o) for o in self.officers],
            "font": self.font,
            "size": self.size,
        }


def _person(rng):
    name = f"{rng.choice(FIRST.split())} {rng.choice(LAST.split())}"
    return rng.choice(["", "", "", "Drs. ", "H. "]) + name + rng.choice(["", "", ", S.Sos", ", S.Kom", ", S.E."])


def make_spec(rng, index, kinds=False):
    """One plausible SK, different each time, covering every layout, font and size in turn.

    With `kinds`, also the kinds of issue 18 (village "NOMOR n TAHUN yyyy", real
    number formats printed with stray spaces, one-line titles, meeting minutes
    in the considerations, numeric signing dates, role-first officers, Pelindung,
    Penasehat and Pembina, wrapped section names, names with titles and degrees,
    one role for several members, underlined or bracketed signers, grey, purple
    and blue stamps, "Komunitas Informasi Masyarakat"), each in turn.
    """
    spec = _make_plain_spec(rng, index)
    return _with_kinds(spec, rng, index) if kinds else spec


def _with_kinds(spec, rng, index):
    year = spec.signed_on.year
    number, printed = spec.number, ""
    style = (index // 3) % 4
    if spec.layout == "desa" and style in (0, 2):
        number = f"{rng.randint(1, 60)} TAHUN {year}"
    elif style == 1:
        parts = ["188", str(rng.randint(1, 99)), "KPTS", f"414.{rng.randint(401, 420)}", str(year)]
        number, printed = "/".join(parts), f"{parts[0]}/ {parts[1]} /{'/'.join(parts[2:])}"
    elif style == 2:
        number = f"100.3.3.2/{rng.randint(1, 99)}/KPTS/413.{rng.randint(1, 30):03d}/{year}"
    elif style == 3:
        number = f"B/180.05/{rng.randint(100, 400)}/409.1.2/KPTS/{year}"
    count = rng.randint(6, len(KIND_ROLES))
    officers = [(_member(rng), r) for r in KIND_ROLES[:count]]
    if KIND_ROLES[count - 1] == "Anggota":
        officers += [(_member(rng), "Anggota") for _ in range(rng.randint(1, 3))]
    return replace(
        spec,
        number=number,
        printed_number=printed,
        officers=officers,
        one_line_title=index % 2 == 0,
        minutes=index % 4 in (1, 2),
        numeric_date=spec.numeric_date or index % 2 == 1,
        roles_first=(index // 2) % 2 == 0,
        stamp=index % 3 != 2,
        underline=index % 5 != 4,
        brackets=index % 7 == 3,
        merged_roles=index % 2 == 1,
        community=year >= 2024 and index % 2 == 0,
        stamp_ink=("grey", "purple", "blue", "purple", "blue")[index % 5],
        signatory=_signer(rng, index),
    )


SINGLE_NAMES = "Suparman Kasmijan Sumarni Rukiyah Mashuri Tarmuji Sutrisno Warsini Kaseri Muntamah".split()


def _member(rng, caps=False):
    """An officer as a village writes the name: titles before and after, one word, or three.

    With `caps` the name is in capitals and its titles as written ("Drs. AHMAD FAUZI, S.Pd.").
    """
    shape = rng.random()
    if shape < 0.2:
        name = rng.choice(SINGLE_NAMES)
    elif shape < 0.35:
        name = f"{rng.choice(FIRST.split())} {rng.choice(FIRST.split())} {rng.choice(LAST.split())}"
    else:
        name = f"{rng.choice(FIRST.split())} {rng.choice(LAST.split())}"
    before = rng.choice(["", "", "", "", "H. ", "Hj. ", "Drs. ", "Moh. "])
    after = rng.choice(["", "", "", "", ", S.Pd.", ", S.Sos.", ", S.Kom.", ", A.Md.", ", S.Pd.I"])
    return before + (name.upper() if caps else name) + after


def _signer(rng, index):
    """The official's name as printed under the signature: capitals or title case, with or without titles."""
    return _member(rng, caps=index % 3 != 1)


def _make_plain_spec(rng, index):
    layout = LAYOUTS[index % len(LAYOUTS)]
    if layout == "lurah":
        district = "Tuban"
        village = rng.choice(KELURAHAN["Tuban"].split())
    else:
        district = rng.choice(sorted(DISTRICTS))
        village = rng.choice(DISTRICTS[district].split())
    year = rng.randint(2020, 2026)
    number = rng.choice(
        [
            f"188.45/{rng.randint(1, 299)}/KPTS/414.{rng.randint(401, 420)}/{year}",
            f"141/{rng.randint(1, 99)}/414.{rng.randint(401, 420)}.{rng.randint(1, 20):02d}/{year}",
            f"045/{rng.randint(1, 150)}/KEP/{year}",
            f"{rng.randint(100, 999)}/{rng.randint(1, 400)}/414.{rng.randint(101, 320)}/{year}",
        ]
    )
    count = rng.randint(5, 9)
    officers = [(_person(rng).split(",")[0].removeprefix("Drs. ").removeprefix("H. "), role) for role in ROLES[:count]]
    return SkSpec(
        layout=layout,
        district=district,
        village=village,
        number=number,
        signed_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
        signatory=_person(rng).upper() if rng.random() < 0.5 else _person(rng),
        kim_name=f"KIM {village} {rng.choice(KIM_WORDS.split())}",
        officers=officers,
        font=list(FONT_FAMILIES)[index % len(FONT_FAMILIES)],
        size=(42, 46, 50, 54)[(index // 3) % 4],
        numeric_date=layout == "lurah",
    )


def _font(family, bold, size):
    regular, heavy = FONT_FAMILIES[family]
    name = heavy if bold else regular
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


class _Writer:
    """A very small page layout engine: lines of text flowing down A4 pages."""

    def __init__(self, spec):
        self.spec, self.pages = spec, []
        self._new_page()

    def _new_page(self):
        self.page = Image.new("L", A4, 255)
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = MARGIN

    def font(self, bold=False, scale=1.0):
        return _font(self.spec.font, bold, round(self.spec.size * scale))

    def line(self, text, *, align="left", bold=False, scale=1.0, x=None, gap=0.5):
        font = self.font(bold, scale)
        height = font.getbbox("Ag")[3]
        if self.y + height > A4[1] - MARGIN:
            self._new_page()
        width = self.draw.textlength(text, font=font)
        if x is None:
            x = {"left": MARGIN, "center": (A4[0] - width) / 2, "right": A4[0] - MARGIN - width}[align]
        self.draw.text((x, self.y), text, font=font, fill=0)
        self.y += height * (1 + gap)
        return x, width

    def row(self, cells, gap=0.35):
        """Several texts on one line, each at its own x (a list without table borders)."""
        font = self.font()
        height = font.getbbox("Ag")[3]
        if self.y + height > A4[1] - MARGIN:
            self._new_page()
        for x, text in cells:
            self.draw.text((x, self.y), text, font=font, fill=0)
        self.y += height * (1 + gap)

    def paragraph(self, text, *, indent=0):
        font, words, current = self.font(), text.split(), ""
        limit = A4[0] - 2 * MARGIN - indent
        for word in words:
            trial = f"{current} {word}".strip()
            if self.draw.textlength(trial, font=font) > limit and current:
                self.line(current, x=MARGIN + indent, gap=0.35)
                current = word
            else:
                current = trial
        if current:
            self.line(current, x=MARGIN + indent, gap=0.35)
        self.y += self.spec.size * 0.4

    def rule(self, thickness=6):
        self.draw.rectangle([MARGIN, self.y, A4[0] - MARGIN, self.y + thickness], fill=0)
        self.y += thickness + self.spec.size * 0.6

    def space(self, lines=1.0):
        self.y += self.spec.size * lines

    def _cell_lines(self, text, font, width):
        """A cell's text wrapped to its column, as a table in a word processor wraps it."""
        lines, current = [], ""
        for word in str(text).split():
            trial = f"{current} {word}".strip()
            if self.draw.textlength(trial, font=font) > width and current:
                lines.append(current)
                current = word
            else:
                current = trial
        return [*lines, current]

    def table(self, rows, *, borders, roles_first=False):
        font = self.font()
        bold = self.font(bold=True)
        line_height = font.getbbox("Ag")[3] + 8
        if roles_first:
            columns = [MARGIN, MARGIN + 150, MARGIN + 1000, A4[0] - MARGIN]
            header, rows = ("NO", "JABATAN", "NAMA"), [(i, r, n) for i, n, r in rows]
        else:
            columns = [MARGIN, MARGIN + 150, MARGIN + 1150, A4[0] - MARGIN]
            header = ("NO", "NAMA", "JABATAN")
        for index, row in enumerate([header, *rows]):
            cells = [self._cell_lines(text, font, columns[c + 1] - columns[c] - 40) for c, text in enumerate(row)]
            height = line_height * max(len(c) for c in cells) + 22
            if self.y + height > A4[1] - MARGIN:
                self._new_page()
            for column, lines in enumerate(cells):
                for n, text in enumerate(lines):
                    self.draw.text(
                        (columns[column] + 20, self.y + 15 + n * line_height),
                        text,
                        font=bold if index == 0 else font,
                        fill=0,
                    )
            if borders:
                self.draw.rectangle([columns[0], self.y, columns[-1], self.y + height], outline=0, width=3)
                for x in columns[1:-1]:
                    self.draw.line([x, self.y, x, self.y + height], fill=0, width=3)
            self.y += height
        self.space(0.8)

    def stamp(self, rng, x, y, place):
        """An official stamp, inked purple-grey, over the left of the signature and the name."""
        ring = Image.new("L", (520, 520), 0)
        draw = ImageDraw.Draw(ring)
        draw.ellipse([10, 10, 510, 510], outline=255, width=9)
        draw.ellipse([70, 70, 450, 450], outline=255, width=5)
        small = _font(self.spec.font, True, 40)
        for n, letter in enumerate(f"PEMERINTAH {place.upper()} KABUPATEN TUBAN"):
            angle = math.pi * (0.95 + n * 1.7 / 32)
            glyph = Image.new("L", (50, 50), 0)
            ImageDraw.Draw(glyph).text((8, 2), letter, font=small, fill=255)
            glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
            ring.paste(255, (round(260 + 215 * math.cos(angle)) - 25, round(260 + 215 * math.sin(angle)) - 25), glyph)
        draw.text((150, 235), "KEPALA", font=small, fill=255)
        ring = ring.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)
        colour = STAMP_INKS[self.spec.stamp_ink]
        if isinstance(colour, tuple) and self.page.mode != "RGB":
            # Stamp pads are purple or blue: the page becomes a colour page (text stays black).
            index = self.pages.index(self.page)
            self.page = self.pages[index] = self.page.convert("RGB")
            self.draw = ImageDraw.Draw(self.page)
        # Ink over toner: where the stamp crosses a letter the letter stays black (multiply, as on paper).
        box = (round(x), round(y), round(x) + ring.width, round(y) + ring.height)
        under = self.page.crop(box)
        inked = ImageChops.multiply(under, Image.new(self.page.mode, ring.size, colour))
        self.page.paste(Image.composite(inked, under, ring.point(lambda v: v * 0.8)), box[:2])

    def signature(self, rng):
        """A scribble over the signing space, as a pen would leave it."""
        x0, y0 = A4[0] - MARGIN - 800, self.y
        points = [(x0 + i * 18, y0 + 60 + 45 * math.sin(i / 3 + rng.random())) for i in range(30)]
        self.draw.line(points, fill=40, width=5)
        self.space(3.2)


def _letterhead(w, spec):
    w.line("PEMERINTAH KABUPATEN TUBAN", align="center", bold=True, scale=1.25, gap=0.2)
    if spec.layout == "lurah":
        w.line(f"KECAMATAN {spec.district.upper()}", align="center", bold=True, scale=1.1, gap=0.2)
        w.line(f"KELURAHAN {spec.village.upper()}", align="center", bold=True, scale=1.35, gap=0.2)
    elif spec.layout == "desa":
        w.line(f"KECAMATAN {spec.district.upper()}", align="center", bold=True, scale=1.1, gap=0.2)
        w.line(f"DESA {spec.village.upper()}", align="center", bold=True, scale=1.35, gap=0.2)
    else:
        w.line(f"KECAMATAN {spec.district.upper()}", align="center", bold=True, scale=1.35, gap=0.2)
    w.line(
        f"Jalan Raya {spec.place} No. {len(spec.place)} Telp. (0356) 32{len(spec.village)}1", align="center", scale=0.8
    )
    w.rule()


def _worded(date):
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _signature_block(w, spec, rng):
    x = A4[0] - MARGIN - 1000
    if not spec.numeric_date:
        date = _worded(spec.signed_on)
    else:
        date = spec.signed_on.strftime("%d-%m-%Y" if spec.layout == "lurah" else "%d/%m/%Y")
    w.space(0.5)
    if spec.layout == "lurah":
        w.line(f"Tuban, {date}", x=x, gap=0.3)
    else:
        w.line(f"Ditetapkan di : {spec.place}", x=x, gap=0.3)
        w.line(f"{'Pada' if spec.minutes else 'pada'} tanggal : {date}", x=x, gap=0.6)
    w.line(f"{spec.issuer.upper()},", x=x, bold=True, gap=0.2)
    top = w.y
    w.signature(rng)
    if spec.stamp:
        w.stamp(rng, x - 330, top - 60, spec.place)
    printed = f"( {spec.signatory} )" if spec.brackets else spec.signatory
    top_of_name = w.y
    _x, width = w.line(printed, x=x, bold=True, gap=0.2)
    if spec.underline:
        below = top_of_name + w.font(bold=True).getbbox("Ag")[3] + 6
        w.draw.rectangle([x, below, x + width, below + 4], fill=0)
    if spec.layout != "desa":
        w.line("Pembina", x=x, scale=0.9, gap=0.2)
        w.line(f"NIP. 1970{rng.randint(1000, 9999)} 199{rng.randint(0, 9)}03 1 00{rng.randint(1, 9)}", x=x, scale=0.9)


def _rows(spec):
    """The officers' table rows; with `merged_roles` a role shared by several members is written once."""
    rows, previous = [], None
    for i, (name, role) in enumerate(spec.officers, start=1):
        rows.append((i, name, "" if spec.merged_roles and role == previous else role))
        previous = role
    return rows


def _colon_list(w, spec):
    """ "Ketua : AHMAD FAUZI"; with `merged_roles` the members of one role numbered under it."""
    roles = [r for n, r in spec.officers]
    for index, (name, role) in enumerate(spec.officers):
        shared = spec.merged_roles and roles.count(role) > 1
        if not shared:
            w.paragraph(f"{role} : {name.upper()}", indent=80)
            continue
        position = roles[: index + 1].count(role)
        if position == 1:
            w.line(f"{role} : 1. {name.upper()}", x=MARGIN + 80, gap=0.35)
        else:
            label = w.draw.textlength(f"{role} : ", font=w.font())
            w.line(f"{position}. {name.upper()}", x=MARGIN + 80 + label, gap=0.35)
    w.space(0.4)


def render_pages(spec, seed=0):
    """The SK as clean 300-dpi page images."""
    rng = random.Random(seed)
    w = _Writer(spec)
    _letterhead(w, spec)
    if spec.one_line_title:
        level = "" if spec.layout == "camat" else f" KECAMATAN {spec.district.upper()}"
        w.line(f"KEPUTUSAN {spec.issuer.upper()}{level} KABUPATEN TUBAN", align="center", bold=True, gap=0.3)
    else:
        w.line(f"KEPUTUSAN {spec.issuer.upper()}", align="center", bold=True, scale=1.1, gap=0.3)
    printed = spec.printed_number or spec.number
    w.line(f"NOMOR {printed}" if " TAHUN " in printed else f"NOMOR : {printed}", align="center", gap=0.6)
    w.line("TENTANG", align="center", bold=True, gap=0.3)
    group = "KOMUNITAS" if spec.community else "KELOMPOK"
    w.line(f"PEMBENTUKAN {group} INFORMASI MASYARAKAT (KIM)", align="center", bold=True, gap=0.3)
    place = f"KECAMATAN {spec.district.upper()}" if spec.layout == "camat" else f"{spec.village.upper()}"
    q = '"' if spec.quotes else ""
    if not spec.quotes and spec.layout != "camat":
        place = f"DESA {place}" if spec.layout == "desa" else f"KELURAHAN {place}"
    w.line(f"{q}{spec.kim_name.removeprefix('KIM ').upper()}{q} {place}", align="center", bold=True, gap=0.9)
    w.line(f"{spec.issuer.upper()},", align="center", bold=True, gap=0.8)
    w.paragraph(
        "Menimbang : a. bahwa dalam rangka meningkatkan layanan informasi kepada masyarakat dan "
        "mendorong peran serta masyarakat di bidang komunikasi dan informatika, perlu dibentuk "
        "Kelompok Informasi Masyarakat;"
    )
    if spec.minutes:
        held = spec.signed_on - datetime.timedelta(days=15)
        w.paragraph(
            f"b. bahwa berdasarkan Berita Acara Musyawarah Nomor : 033/BA/414.{len(spec.place) + 400}/"
            f"{held.year} tanggal {_worded(held)} telah disepakati susunan pengurus KIM;",
            indent=80,
        )
    w.paragraph(
        "Mengingat : 1. Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik; "
        "2. Peraturan Bupati Tuban Nomor 55 Tahun 2020 tentang Kelompok Informasi Masyarakat;"
    )
    w.line("MEMUTUSKAN :", align="center", bold=True, gap=0.6)
    w.paragraph(
        f"KESATU : Membentuk {group.title()} Informasi Masyarakat (KIM) {q}{spec.kim_name.removeprefix('KIM ')}{q} "
        f"{'Kecamatan ' + spec.district if spec.layout == 'camat' else spec.village} "
        + (
            "dengan susunan pengurus sebagai berikut:"
            if spec.layout != "desa"
            else "dengan susunan pengurus sebagaimana tercantum dalam Lampiran Keputusan ini."
        )
    )
    if spec.layout == "camat":
        w.table(_rows(spec), borders=True, roles_first=spec.roles_first)
    elif spec.layout == "lurah" and spec.roles_first:
        _colon_list(w, spec)
    elif spec.layout == "lurah":
        for i, (name, role) in enumerate(spec.officers, start=1):
            w.row([(MARGIN + 80, f"{i}. {name}"), (MARGIN + 1150, role)])
        w.space(0.5)
    w.paragraph(
        "KEDUA : Masa bakti pengurus sebagaimana dimaksud pada Diktum KESATU adalah 3 (tiga) tahun "
        "sejak Keputusan ini ditetapkan."
    )
    w.paragraph("KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan.")
    _signature_block(w, spec, rng)
    if spec.layout == "desa":
        w._new_page()
        w.line(f"LAMPIRAN KEPUTUSAN KEPALA DESA {spec.village.upper()}", bold=True, gap=0.2)
        w.line(f"NOMOR {printed}" if " TAHUN " in printed else f"NOMOR : {printed}", gap=0.8)
        w.line("SUSUNAN PENGURUS KIM", align="center", bold=True, gap=0.6)
        w.table(_rows(spec), borders=rng.random() < 0.5, roles_first=spec.roles_first)
        _signature_block(w, spec, rng)
    return w.pages


# --- Renderings -------------------------------------------------------------------------------


def clean_pdf(pages):
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return out.getvalue()


def _scanned(page, rng):
    """200 dpi, slightly rotated, speckled and a little soft, as a flatbed scanner leaves it."""
    small = page.resize((1654, 2339), Image.Resampling.LANCZOS)
    white = (255, 255, 255) if page.mode == "RGB" else 255
    small = small.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, fillcolor=white, expand=False)
    return _add_noise(small, rng).filter(ImageFilter.GaussianBlur(0.6))


def _add_noise(image, rng):
    noise = Image.effect_noise(image.size, 22).convert(image.mode)
    noisy = Image.blend(image, noise, 0.12)
    draw = ImageDraw.Draw(noisy)
    for _ in range(400):  # dust
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        level = rng.choice((0, 60, 90))
        draw.point((x, y), fill=(level,) * 3 if image.mode == "RGB" else level)
    return noisy


def scan_pdf(pages, seed=0):
    rng = random.Random(seed)
    scanned = [_scanned(p, rng) for p in pages]
    out = io.BytesIO()
    scanned[0].save(out, "PDF", resolution=200, save_all=True, append_images=scanned[1:], quality=75)
    return out.getvalue()


def _photocopied(page, rng):
    """A photocopy of the page, scanned: toner streaks down the page, grey speckle, hard contrast."""
    copy = _scanned(page.convert("L"), rng)  # a copier prints black on white
    draw = ImageDraw.Draw(copy)
    for _ in range(rng.randint(2, 5)):  # drum streaks
        x = rng.randrange(copy.width)
        draw.rectangle([x, 0, x + rng.randint(2, 9), copy.height], fill=rng.randint(60, 150))
    for _ in range(1500):  # toner dust
        x, y = rng.randrange(copy.width), rng.randrange(copy.height)
        draw.ellipse([x, y, x + rng.randint(1, 3), y + rng.randint(1, 3)], fill=rng.randint(0, 120))
    return copy.point(lambda v: 0 if v < 90 else 255 if v > 200 else int((v - 90) * 255 / 110))


def photocopy_pdf(pages, seed=0):
    rng = random.Random(seed)
    copies = [_photocopied(p, rng) for p in pages]
    out = io.BytesIO()
    copies[0].save(out, "PDF", resolution=200, save_all=True, append_images=copies[1:], quality=70)
    return out.getvalue()


def whatsapp_jpegs(pages, seed=0):
    """Phone photos taken at 5-12 degrees and forwarded over WhatsApp: 1280 px long side, some sideways.

    A sideways photo is stored rotated with an EXIF orientation, as phones do.
    """
    rng = random.Random(seed)
    files = []
    for page in pages:
        angle = rng.choice((-1, 1)) * rng.uniform(5, 12)
        photo = _photographed(page, rng, angle=angle)
        photo.thumbnail((1280, 1280), Image.Resampling.LANCZOS)
        exif = Image.Exif()
        orientation = rng.choice((1, 1, 6, 8))
        if orientation == 6:
            photo = photo.transpose(Image.Transpose.ROTATE_90)
        elif orientation == 8:
            photo = photo.transpose(Image.Transpose.ROTATE_270)
        exif[0x0112] = orientation
        out = io.BytesIO()
        photo.save(out, "JPEG", quality=rng.randint(55, 70), exif=exif)
        files.append(out.getvalue())
    return files


def _solve(matrix, vector):
    """Gaussian elimination for the 8x8 system of a perspective transform."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for row in range(n):
            if row != col:
                factor = a[row][col] / a[col][col]
                a[row] = [x - factor * y for x, y in zip(a[row], a[col], strict=True)]
    return [a[i][n] / a[i][i] for i in range(n)]


def _perspective_coefficients(target, source):
    matrix, vector = [], []
    for (x, y), (u, v) in zip(target, source, strict=True):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        vector += [u, v]
    return _solve(matrix, vector)


def _photographed(page, rng, angle=0.0):
    """A phone photo of the page on a desk: skewed, soft, lit from one side, JPEG-compressed.

    `angle` (degrees) turns the page on the desk; a turned page is shot from further away to fit.
    """
    width, height = 2250, 3000
    page_rgb = page.convert("RGB")
    jitter = lambda: rng.uniform(-70, 70)  # noqa: E731
    corners = [
        (140 + jitter(), 160 + jitter()),
        (width - 140 + jitter(), 160 + jitter()),
        (width - 140 + jitter(), height - 160 + jitter()),
        (140 + jitter(), height - 160 + jitter()),
    ]
    if angle:
        theta, scale, cx, cy = math.radians(angle), 0.82, width / 2, height / 2
        corners = [
            (
                cx + scale * ((x - cx) * math.cos(theta) - (y - cy) * math.sin(theta)),
                cy + scale * ((x - cx) * math.sin(theta) + (y - cy) * math.cos(theta)),
            )
            for x, y in corners
        ]
    source = [(0, 0), (page.width, 0), (page.width, page.height), (0, page.height)]
    coefficients = _perspective_coefficients(corners, source)
    desk = Image.new("RGB", (width, height), (120 + rng.randint(0, 40), 95, 70))
    warped = page_rgb.transform(
        (width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=(0, 0, 0)
    )
    mask = Image.new("L", page.size, 255).transform(
        (width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR, fillcolor=0
    )
    desk.paste(warped, (0, 0), mask)
    # Light falling off towards one corner, warm indoor tint.
    gradient = Image.linear_gradient("L").resize((width, height)).rotate(rng.choice((0, 90, 180, 270)))
    light = gradient.point(lambda v: 255 - int(v * rng.uniform(0.30, 0.45)))
    tint = Image.merge("RGB", (light, light.point(lambda v: int(v * 0.97)), light.point(lambda v: int(v * 0.9))))
    return ImageChops.multiply(desk, tint).filter(ImageFilter.GaussianBlur(1.1))


def phone_jpegs(pages, seed=0):
    rng = random.Random(seed)
    files = []
    for page in pages:
        out = io.BytesIO()
        _photographed(page, rng).save(out, "JPEG", quality=80)
        files.append(out.getvalue())
    return files
