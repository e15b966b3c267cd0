"""Find an SK's fields in its OCR text: number, date, issuing office, signatory, KIM name, officers.

Every suggestion carries a confidence between 0 and 1: Tesseract's confidence
in the words it came from, times how sure the pattern that found it is. These
are suggestions for a person to confirm, never values saved on their own.
"""

import datetime
import difflib
import re
from dataclasses import dataclass

MONTHS = {
    "januari": 1,
    "februari": 2,
    "pebruari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "nopember": 11,
    "november": 11,
    "desember": 12,
}

# Roles offices commonly use besides the regency's own list (which comes from its rules):
# East Java SKs name patrons and advisers first, then the board, then sections.
COMMON_ROLES = (
    "Pelindung",
    "Penasehat",
    "Penasihat",
    "Pembina",
    "Pengarah",
    "Penanggung Jawab",
    "Ketua",
    "Wakil Ketua",
    "Sekretaris",
    "Wakil Sekretaris",
    "Bendahara",
    "Wakil Bendahara",
    "Humas",
    "Anggota",
)
ROLE_PREFIXES = ("Seksi", "Sie", "Koordinator", "Bidang", "Divisi")
# A word that begins a role: never a word of a person's printed name.
ROLE_WORDS = {role.split()[0].casefold() for role in COMMON_ROLES} | {p.casefold() for p in ROLE_PREFIXES}
# Words a section's name is made of ("Seksi Pengumpulan dan Pengolahan Informasi"): a role
# written before the name must end where these words end, since both are capitalised.
ROLE_TOPICS = (
    "Informasi Humas Hubungan Masyarakat Publikasi Dokumentasi Pengumpulan Pengolahan Penyebaran Pelayanan "
    "Data Liputan Kemitraan Teknologi Multimedia Konten Media Sosial Pemberitaan Jaringan Usaha Ekonomi Kreatif "
    "Pendidikan Pelatihan Penelitian Pengembangan Umum Perlengkapan Keamanan IT TI Website Desain Program Acara "
    "Dana Kesekretariatan Diseminasi Produksi Komunikasi Kerjasama Kerja Sama Literasi Digital Aplikasi "
    "Pemberdayaan Sarana Prasarana Organisasi Kelembagaan Peliputan Penulisan Redaksi Editor Penyajian "
    "Pengelolaan Analisis Penyuluhan Sosialisasi Advokasi Verifikasi Monitoring Evaluasi Seni Budaya "
    "Olahraga Kesehatan Pertanian Lingkungan Potensi Promosi Wisata Pariwisata Penyebarluasan Pengaduan Aduan "
    "Aspirasi UMKM Website Web Pemantauan Jurnalistik Fotografi Videografi Penyiaran Siaran Radio Publik "
    "Kehumasan Kewirausahaan Kreator Grafis Arsip Kearsipan Statistik Pembangunan Pemuda Perempuan Kerohanian "
    "Produktif"
).split()

TOPIC_WORDS = {topic.casefold() for topic in ROLE_TOPICS}

OFFICE = r"(CAMAT|KEPALA\s+DESA|LURAH)"
QUOTES = "\"'“”‘’`„"


@dataclass
class Document:
    """The whole text of an SK with, for each word, where it is and how sure Tesseract was."""

    text: str
    spans: list  # (start, end, confidence)

    @classmethod
    def from_pages(cls, pages):
        parts, spans, position = [], [], 0
        for page in pages:
            for line in page.lines:
                for index, word in enumerate(line.words, start=1):
                    spans.append((position, position + len(word.text), word.confidence))
                    parts += [word.text, "\n" if index == len(line.words) else " "]
                    position += len(word.text) + 1
            parts.append("\n")  # a blank line between pages
            position += 1
        return cls("".join(parts), spans)

    @classmethod
    def from_text(cls, text):
        """A document whose every word is fully trusted (typed text, tests)."""
        spans = [(m.start(), m.end(), 1.0) for m in re.finditer(r"\S+", text)]
        return cls(text, spans)

    def confidence(self, start, end):
        found = [c for s, e, c in self.spans if e > start and s < end]
        return round(sum(found) / len(found), 2) if found else 0.0

    def lines(self):
        """(start offset, text) of every line."""
        position = 0
        for line in self.text.split("\n"):
            yield position, line
            position += len(line) + 1


def suggestion(value, confidence):
    return {"value": value, "confidence": round(min(max(confidence, 0.0), 1.0), 2)}


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def fold(text):
    """Lower case, letters and digits only, single spaces: for comparing names."""
    return squash(re.sub(r"[^0-9a-z]+", " ", (text or "").casefold()))


DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "i": "1", "|": "1", "!": "1"})


def _digit_fix(segment):
    """OCR confuses O/0 and l/I/1 inside numbers; fix that only in mostly-numeric segments."""
    digits = sum(ch.isdigit() for ch in segment)
    if digits and digits * 2 >= len(segment):
        return segment.translate(DIGIT_LOOKALIKES)
    return segment


def _to_int(text):
    """The number OCR meant by `text` ("2l" is 21, "O5" is 5), or None when it is not one."""
    fixed = re.sub(r"\s+", "", text or "").translate(DIGIT_LOOKALIKES)
    return int(fixed) if fixed.isdigit() and len(fixed) <= 4 else None


def _restore_slashes(value):
    """Put back the slashes of an SK number that OCR read as `!`, `|`, `I`, `l` or `1`.

    `!` and `|` never belong in a number. `I`/`l` are a slash where they stand
    between a digit and a run of letters (`12IKPTS`, `KPTSl414`), and between
    digits when the number has too few slashes left (`188I12`); elsewhere they
    are a one, which `_digit_fix` restores.
    """
    value = re.sub(r"(?<=\w)\s*[!|]\s*(?=\w)", "/", value)
    value = re.sub(r"(?<=[A-Za-z])'(?=\d)|(?<=\d)'(?=[A-Za-z])", "/", value)  # "Kpts'414"
    value = re.sub(r"(?<=\d)\s*[Il](?=[A-Z]{2,}|[A-Z][a-z]{2,}\b)", "/", value)  # "12IKPTS", "85 IKpts"
    value = re.sub(r"(?<=[A-Z]{2})[Il1](?=\d)|(?<=[A-Z][a-z]{2})[Il1](?=\d)", "/", value)
    if "/" not in value:
        value = re.sub(r"(?<=\d)\s*[Il]\s*(?=\d)", "/", value)
    else:
        if value.count("/") < 3:  # SK numbers have four parts or more: "188I12/KPTS/414.402I2021"
            value = re.sub(r"(?<=\d\d)[Il](?=\d\d)", "/", value)
        if not re.search(r"/\s*(?:19|20)\d\d$", value):
            # A slash number ends with its year: "414.40172020" is 414.401/2020, the slash read as 1 or 7.
            value = re.sub(r"(?:(?<=\.\d\d)|(?<=\.\d\d\d))[17Il](?=(?:19|20)\d\d$)", "/", value)
    return value


def clean_number(raw):
    """An SK number as printed, with only spacing and OCR confusions straightened."""
    value = squash(raw).strip(" .,:;_-—=~|'\"")
    value = re.split(r"\s+TENTANG\b", value, maxsplit=1, flags=re.IGNORECASE)[0]
    value = re.sub(r"(?<=\d),(?=\d)", ".", value)  # "414,402" for "414.402"
    value = _restore_slashes(value)
    value = re.sub(r"\s*([/.\-])\s*", r"\1", value)
    if "/" not in value:
        return squash(value).strip(" .,:;")  # "37 TAHUN 2023": spacing is all there is to fix
    value = re.sub(r"(?<=\d)\s*:\s*(?=\d)", "/", value)  # "452/90:414.168/2023": a slash read as a colon
    # A code of letters OCR split ("K pts", "K PTS"): it is printed as one word.
    value = "/".join(
        p.replace(" ", "") if re.fullmatch(r"[A-Za-z]{1,4}(?: [A-Za-z]{1,4})+", p) else p for p in value.split("/")
    )
    # A part of digit groups split by spaces lost its dots ("414 402 14" is 414.402.14).
    parts = [re.sub(r"\s+", ".", p) if re.fullmatch(r"\d+(?:\s+\d+)+", p) else p for p in value.split("/")]
    return "/".join(".".join(_digit_fix(p) for p in part.split(".")) for part in parts).strip(" .,:;")


NUMBER_LINE = re.compile(r"\W{0,3}N\s?[O0]\s?M\s?[O0]\s?R\b\s*([:;.,]?)\s*(\S.*)?$", re.IGNORECASE)
# Titles are printed in capitals at the start of a line; a decree cited in the considerations is not.
TITLE_START = re.compile(r"^\W{0,3}(KEP[UO]T[UO]SAN|LAMPIRAN)\b")
BODY_START = re.compile(r"^\s*(TENTANG|Menimbang|Mengingat|Memperhatikan|MEMUTUSKAN)\b", re.IGNORECASE)
NUMBER_SHAPE = re.compile(r"\d.*/|/.*\d|^\d+\s+TAHUN\s+\d{4}$", re.IGNORECASE)


def _title_blocks(lines):
    """Indexes of the lines of every title block: from "KEPUTUSAN …"/"LAMPIRAN …" to "TENTANG"."""
    inside = []
    for index, (_start, line) in enumerate(lines):
        if not TITLE_START.search(line):
            continue
        for ahead in range(max(index - 2, 0), min(index + 5, len(lines))):
            if ahead > index and BODY_START.match(lines[ahead][1]):
                break
            inside.append(ahead)
    return sorted(set(inside))


def number(doc):
    """The SK number on its title block: `NOMOR : 188.45/12/KPTS/414.403/2021`, `NOMOR 37 TAHUN 2023`.

    Only the title block (the decree's own heading, or its attachment's) is
    read: a number in the considerations ("Berita Acara Nomor 033/BA/…",
    "Peraturan Bupati Nomor 55 Tahun 2020") is another document's, so a title
    number OCR damaged gives a low-confidence suggestion or none, never that.
    """
    lines = list(doc.lines())
    readings = []
    blocks = _title_blocks(lines)
    for index in blocks or range(min(len(lines), 15)):
        start, line = lines[index]
        match = NUMBER_LINE.match(line)
        if not match or not match.group(2):
            continue
        value = clean_number(match.group(2))
        if not value or not any(ch.isdigit() for ch in value) or (not blocks and "/" not in value):
            continue  # without a title block, "Nomor 55 Tahun 2020" is a regulation cited
        certainty = 1.0 if NUMBER_SHAPE.search(value) else 0.5
        readings.append((value, certainty, doc.confidence(start + match.start(2), start + match.end(2))))
    if not readings:
        return None
    certainty = max(reading[1] for reading in readings)
    value, confidence = _merged_number([reading for reading in readings if reading[1] == certainty])
    return suggestion(value, certainty * confidence)


# A part of an SK number between its slashes: letters and digits joined by dots or hyphens ("414.404.17",
# "KPTS", "37 TAHUN 2023"). "414.-04.17" is a digit OCR lost.
NUMBER_PART = re.compile(r"[A-Za-z0-9]+(?:[.\- ][A-Za-z0-9]+)*")


def _merged_number(readings):
    """The decree's number from each time it was read (its title, its attachment's heading), in document order.

    Each part between slashes comes from the first reading where it is well
    formed: "141/418/414.-04.17/2026" and "1141/418/414.404.17/2026" give
    141/418/414.404.17/2026. Where both are well formed and differ, the
    decree's own title wins: Tesseract's confidence in a whole number says
    nothing about one digit (it chose "21.22" over the title's "2022"). A
    reading with another count of parts is another shape and is not mixed in.
    """
    first = readings[0][0].split("/")
    alike = [(value.split("/"), confidence) for value, _certainty, confidence in readings]
    alike = [(parts, confidence) for parts, confidence in alike if len(parts) == len(first)]
    merged = [
        next((parts[position] for parts, _c in alike if NUMBER_PART.fullmatch(parts[position])), first[position])
        for position in range(len(first))
    ]
    return "/".join(merged), max(confidence for _parts, confidence in alike)


def _month(word):
    word = word.casefold().strip(".,")
    if word in MONTHS:
        return MONTHS[word], 1.0
    close = difflib.get_close_matches(word, MONTHS, n=1, cutoff=0.7)
    return (MONTHS[close[0]], 0.9) if close else (None, 0)


# A day may have a space OCR inserted between its digits ("2 l Desember" is the 21st).
DAY = r"[0-3OolI]?(?:\s?[0-9OolI])"
DATE_WORDS = re.compile(rf"(?<![\w/.-])({DAY})\s*[.,]?\s*([A-Za-z]{{3,10}})\s*[.,]?\s+([12][0-9OolI]{{3}})\b")
DATE_NUMBERS = re.compile(
    r"(?<![\w/.-])([0-3OolI]?[0-9OolI])\s*[-/.,|!Il]\s*([01OolI]?[0-9OolI])\s*[-/.,|!Il]\s*([12][0-9OolI]{3})\b"
)


def _dates(doc):
    """Every date written in the text: (start, end, date, certainty of the reading)."""
    found = []
    for match in DATE_WORDS.finditer(doc.text):
        month, certainty = _month(match.group(2))
        day, year = _to_int(match.group(1)), _to_int(match.group(3))
        if not month or day is None or year is None:
            continue
        try:
            found.append((match.start(), match.end(), datetime.date(year, month, day), certainty))
        except ValueError:
            continue
    for match in DATE_NUMBERS.finditer(doc.text):
        day, month, year = (_to_int(g) for g in match.groups())
        if None in (day, month, year):
            continue
        try:
            found.append((match.start(), match.end(), datetime.date(year, month, day), 0.95))
        except ValueError:
            continue
    return sorted(found)


# As OCR reads them off a photo too: "Ditetapkan gi", "Oitetapkan di", "Pada langgal", "tanggaj".
# "Ditetapk 3 di": a letter lost and a mark of the stamp beside it.
SIGNING_PLACE = re.compile(
    r"(?:\b(?:[DO0]i|l)?(?:tetap\w{0,3}|keluarkan)|\b\w{1,2}etapkan)(?:\s+\S)?\s*[dg]i\b", re.IGNORECASE
)  # "Pretapkan di:" too: its first letters lost
ON_DATE = r"(?:[tlf]?angga[lj1I]|tgl)\.?\W*$"


def _label_letters(text):
    """The letters of `text` when it is short enough to be a label ("Pada tanggal :"), else None (a sentence)."""
    letters = re.sub(r"[^a-z]", "", text.casefold())
    return letters if len(letters) <= 14 else None


def _on_date(text):
    """Whether `text` ends in "tanggal", as OCR reads it too ("Pada Tansgal :", "padatar gal :", "TANG AL :")."""
    if re.search(ON_DATE, text, re.IGNORECASE):
        return True
    letters = _label_letters(text)
    if letters is None or len(letters) < 5:
        return False
    similar = difflib.SequenceMatcher
    return (
        similar(None, letters[-7:], "tanggal").ratio() >= 0.75 or similar(None, letters, "padatanggal").ratio() >= 0.8
    )


def _date_weight(doc, start):
    """How much where a date stands says it is the signing date, whatever form it is written in."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    lines_before = doc.text[:line_start].split("\n")[-4:-1]  # the three lines above this one
    on_line = doc.text[line_start:start]
    label = _label_letters(on_line) is not None  # "TANGGAL :" alone, not a sentence
    if (
        SIGNING_PLACE.search(on_line)
        or (_on_date(on_line) and any(SIGNING_PLACE.search(line) for line in lines_before))
        or (label and lines_before and SIGNING_PLACE.search(lines_before[-1]))
    ):
        return 1.0  # "Ditetapkan di : Jenu / pada tanggal : 23/02/2023", its label misread ("Pasta Lagyal")
    if label and _on_date(on_line) and lines_before and NUMBER_LINE.match(lines_before[-1]):
        return 1.0  # an attachment's heading: "LAMPIRAN : KEPUTUSAN … / NOMOR : … / TANGGAL : 8 NOVEMBER 2023"
    if re.fullmatch(r"\s*[A-Za-z][A-Za-z .'-]{1,30}[,.]\s*", on_line):
        return 0.9  # "Tuban, 5 Maret 2023" above a signature ("Tuban." off a photo)
    if _on_date(on_line):
        return 0.6  # "pada tanggal" away from the signature: a meeting or another decree
    return 0.4


def signed_on(doc):
    """The date of signing: where the document signs ("Ditetapkan di … pada tanggal …"), else the last date."""
    best = None
    for start, end, date, certainty in _dates(doc):
        score = _date_weight(doc, start) * certainty
        if best is None or score >= best[0]:
            best = (score, date, doc.confidence(start, end))
    if best is None:
        return None
    score, date, conf = best
    return suggestion(date.isoformat(), score * conf)


def _title(text):
    """Each word capitalised; a word with dots part by part ("S.PD.I" -> "S.Pd.I")."""
    return " ".join(".".join(part.capitalize() for part in word.split(".")) for word in squash(text).split())


def _as_printed(name):
    """A name in capitals as a person would type it ("BEJI MANDIRI" -> "Beji Mandiri"); mixed case stays.

    A degree keeps its parts: "SITI AMINAH, S.PD.I" -> "Siti Aminah, S.Pd.I".
    """
    return _title(name) if name.isupper() else name


def _snap(place, places):
    """The official name closest to what was read (`Kutorfjo` gives Kutorejo), when one is close enough."""
    if not places:
        return place, 1.0
    by_fold = {fold(p): p for p in places}
    if fold(place) in by_fold:
        return _title(by_fold[fold(place)]), 1.0
    close = difflib.get_close_matches(fold(place), list(by_fold), n=1, cutoff=0.8)
    return (_title(by_fold[close[0]]), 0.9) if close else (place, 1.0)


# Where the place's name ends in a one-line title: the next level, or what follows the title.
NEXT_LEVEL = re.compile(r"^(KEC|KAB|KOTA|NOMOR|TENTANG|PROVINSI)", re.IGNORECASE)


def issuer(doc, places=()):
    """The office that issued the SK: "KEPUTUSAN CAMAT JENU" gives Camat Jenu.

    A one-line title names the regency too ("KEPUTUSAN CAMAT PALANG KABUPATEN
    TUBAN", "KEPUTUSAN KEPALA DESA BEJI KECAMATAN JENU"): the place ends where
    the next administrative level begins. `places` are the official names of the
    regency's kecamatan and villages: a place name read with an error is
    replaced by the one it is closest to.
    """
    match = re.search(rf"KEPUTUSAN\s+{OFFICE}\s+([A-Z][^\n]*)", doc.text, re.IGNORECASE)
    if not match:
        return None
    words = []
    for word in match.group(2).split():
        bare = re.sub(r"[^A-Za-z'-]", "", word)
        if not bare or NEXT_LEVEL.match(bare) or len(words) == 3:
            break
        words.append(bare)
        if bare != word.rstrip(",."):
            break  # "JENU," or "JENU:" ends the place
    if not words:
        return None
    place, certainty = _snap(_title(" ".join(words)), places)
    if places and certainty == 1.0 and fold(place) not in {fold(p) for p in places} and len(words) > 1:
        # "Palang Kabupati" (the next level misread): the place is the part that is a known name.
        for size in range(len(words) - 1, 0, -1):
            snapped, sure = _snap(_title(" ".join(words[:size])), places)
            if fold(snapped) in {fold(p) for p in places}:
                place, certainty = snapped, sure
                break
    office = squash(match.group(1))
    value = f"{_title(office)} {place}"
    end = match.start(2) + len(" ".join(words))
    return suggestion(value, certainty * doc.confidence(match.start(1), end)) | {
        "office": _title(office),
        "place": place,
    }


# A person's titles: before the name ("Drs.", "H.", "Hj.", "Moh.") and degrees after it ("S.Pd.", "A.Md.",
# "S.Pd.I", "M.Si"), in title case or, on a name printed in capitals, as "S.PD.".
PREFIX_TITLES = re.compile(r"^(Drs|Dra|Dr|dr|Ir|Hj|H|Prof|Moh|Moch|Much|Muh|Mochamad|KH|Ny)\.,?$", re.IGNORECASE)
DEGREE = re.compile(
    r"^(?:(?:[A-Z][a-z]{0,3}\.)+(?:[A-Z][A-Za-z]{0,3})?|[A-Z]{1,2}\.[A-Z]{1,4}(?:\.[A-Z]{1,2})?|[A-Z]\.[a-z]{2,3})\.?,?$"
)  # "S.Pd.", "A.Md.", "S.PD.I", "M.Si"; "A.md." as some offices type it
# A degree of two parts ("S.IP.", "A.Md.", "M.M."): unlike one capital and a dot ("Ta."), never a stamp's mark.
TWO_PART_DEGREE = re.compile(r"[A-Z][A-Za-z]{0,3}\.[A-Za-z]{1,4}\.?,?")
# A rank or NIP line, as OCR reads it off a photo too ("Pembma", "N1P").
NIP = r"N[I1l]P"
NIP_LINE = re.compile(rf"^\W{{0,3}}{NIP}", re.IGNORECASE)
RANK_LINE = re.compile(rf"^\W{{0,3}}({NIP}|Pemb[a-z]{{2,3}}|Penata|Pengatur|Juru)\b", re.IGNORECASE)
# A civil servant's rank printed under the name ("Pembina Tk. I", "Penata Muda"): never part of it.
RANKS = ("pembina", "penata", "pengatur")
RANK_WORDS = {*RANKS, "juru", "nip", "tingkat", "utama", "madya", "muda"}


def _rank_line(text):
    """A NIP line, or a rank alone on its line ("Pembina Tk. I", "Penata Muda (III/a)").

    "Pembina" is also a KIM role: "Pembina IMAM JUNAEDI" or "Pembina : H. Ahmad" is an officer's row, and
    the row above it is no signatory's name.
    """
    found = RANK_LINE.match(text)
    if not found:
        return False
    if NIP_LINE.match(text):
        return True
    rest = text[found.end() :]
    return ":" not in rest and not any(_name_word(w) and len(w.strip(",.")) >= 3 for w in rest.split())


# Words of an office, a stamp or a letterhead: never part of a person's printed name.
NOT_A_NAME = re.compile(
    r"\b(DESA|KELURAHAN|KECAMATAN|KABUPATEN|PEMERINTAH|CAMAT|LURAH|KEPALA|TUBAN|KEPUTUSAN|NOMOR|TENTANG|"
    r"Ditetapkan|tanggal|Tembusan|LAMPIRAN|KIM|SEKRETARIS|an|Plt|Pj)\b\.?",
    re.IGNORECASE,
)


def _titled(words):
    """Whether a title or a degree among `words` says they are a person's name: "Hj.", "Drs.", "S.IP."."""
    return any(PREFIX_TITLES.match(w) or TWO_PART_DEGREE.fullmatch(w) for w in words)


def _person_title(word):
    """A title printed with a name: "Drs.", "Hj.", "S.Pd.", "A.Md.", "S.PD.I"."""
    return bool(PREFIX_TITLES.match(word) or DEGREE.match(word))


def _name_word(word):
    """A word of a printed name: capitalised, at least three letters, with a vowel; an initial; or a title."""
    bare = word.strip(",.").replace("'", "")
    if _person_title(word) or re.fullmatch(r"[A-Z]\.,?", word):
        return True
    return (
        len(bare) >= 3
        and bare.isalpha()
        and bare[0].isupper()
        and (bare.isupper() or bare[1:].islower())  # "Susanto" or "SUSANTO", never "XeoO"
        and any(ch in "AEIOUaeiou" for ch in bare)
        and bare.casefold() not in RANK_WORDS
    )


def _read_titles(words):
    """Titles as printed where OCR is known to misread them: "Hi." before a name is "Hj."."""
    return ["Hj." if w in ("Hi.", "HI.") and i == 0 else w for i, w in enumerate(words)]


def _plain(words):
    """The words of a name that are not titles."""
    return [w for w in words if not _person_title(w) and not re.fullmatch(r"[A-Z]\.,?", w)]


def _debris(word):
    """What a stamp, a pen stroke or a table border leaves on a line: short, symbolic or mixed-up tokens."""
    letters = re.sub(r"[^A-Za-z]", "", word)
    return len(letters) <= 2 or not word.strip(",.").isalpha() or not _name_word(word)


LEVEL_WORDS = {"desa", "kelurahan", "kecamatan", "kabupaten"}
# Words after which a capitalised word is a place, not a person: "DESA NGULUHAN", "CAMAT JENU".
PLACE_BEFORE = {*LEVEL_WORDS, "camat", "lurah", "kota"}


def _office_word(word):
    """A word of an office, a stamp or a letterhead ("KEPALA", "DESA", "TUBAN")."""
    return bool(NOT_A_NAME.fullmatch(word.strip(",.()[]|")))


STAMP_WORDS = ("KEPALA", "PEMERINTAH", "KABUPATEN", "KECAMATAN", "KELURAHAN", "TUBAN")


def _stamp_fragment(word):
    """A piece of a stamp's word in capitals ("PALA", "KEPA," of KEPALA), or one misread ("KEPAI")."""
    bare = word.strip(",.")
    if not (bare.isupper() and len(bare) >= 3):
        return False
    return any(bare in stamp or (len(bare) >= 5 and stamp.startswith(bare[:4])) for stamp in STAMP_WORDS)


# An office's word misread ("LURAF" for LURAH): what follows it is a place, not a person.
OFFICE_WORDS = ("CAMAT", "LURAH", "KEPALA", "DESA", "KELURAHAN", "KECAMATAN", "KABUPATEN")


def _misread_office(word):
    bare = word.strip(",.").upper()
    if len(bare) < 4 or _stamp_fragment(bare):
        return False  # "PALA", "KEPA": a piece of the stamp's KEPALA, dropped before this
    return bool(difflib.get_close_matches(bare, OFFICE_WORDS, n=1, cutoff=0.8))


def _name_in(line):
    """The printed name on a signatory's line, with stamp and signature debris around it dropped.

    The longest run of name words is the name; every other token must be debris
    (a stray "Wl", "~", "|", "tT") or a stamp's own word ("KEPALA" of the ring
    beside the name): a line with other real words is not a name line, and a
    capitalised word after an office ("DESA NGULUHAN") is a place.
    """
    if ":" in line or _rank_line(line):
        return None
    # "( SUPARMAN )"; "'SUGENG": a mark of the pen read as a quote
    words = [w.strip(QUOTES) for w in re.sub(r"[()\[\]]", " ", line).replace(",", ", ").split()]
    words = [w for w in words if w]
    if any(w.strip(",.:").casefold() in ROLE_WORDS for w in words) or CONTINUATION.match(line):
        return None  # "Penasihat AINUR SYAFII", "INFORMASI" (a wrapped section's end): the officers' list
    runs, current = [], []
    for position, word in enumerate(words):
        if _name_word(word) and not _office_word(word):
            current.append(position)
        else:
            runs.append(current)
            current = []
    runs.append(current)
    run = max(runs, key=lambda r: sum(len(w) for w in _plain([words[i] for i in r])))
    if not 1 <= len(run) <= 8:
        return None
    if run[0] > 0 and words[run[0] - 1].strip(",.").casefold() in PLACE_BEFORE:
        return None
    others = [w for i, w in enumerate(words) if i not in run]
    if any(w.strip(",.").casefold() in RANK_WORDS for w in others):
        return None  # a rank line ("3 KEPAI Pembina": the stamp's word before the rank)
    if not all(_debris(w) or _office_word(w) for w in others):
        return None
    run = [words[i] for i in run]
    while len(_plain(run)) > 1 and _stamp_fragment(run[0]):
        run = run[1:]  # "PALA MUHAMMAD KUSUMA": what the stamp left of its "KEPALA"
    if len(run) > 1 and run[0].isupper() and _misread_office(run[0]):
        return None  # "LURAF KUTOREJO": the signing title, misread
    starts = [i for i, w in enumerate(run) if PREFIX_TITLES.match(w)]
    if starts and starts[0] > 0:
        run = run[starts[0] :]  # "KEPA, Drs. Tri Susanto": a stamp's word before the name's own title
    plain = _plain(run)
    # A short one-word name ("EKA", "PUJI") only when it stands alone on its line, in capitals.
    short = len(words) == 1 and len(plain) == 1 and plain[0].isupper() and len(plain[0].strip(",.")) >= 3
    # ... or with a title or a degree that says it is a person's ("Hj. Puji", "EKO, S.IP.", "H. ALI, A.Md.").
    short = short or (len(plain) == 1 and _titled(run) and len(plain[0].strip(",.")) >= 3)
    if not plain or (sum(len(w) for w in plain) < 5 and not short) or all(_stamp_fragment(w) for w in plain):
        return None  # "KEPAI.": all that is left of the stamp's word
    return _punctuated(_read_titles(run))


def _punctuated(words):
    """A name with its degrees set off as printed: "SUMADI, S.Pd., M.M.", where OCR read a comma as a dot
    ("H. SUMADI. S.Pd.. M.M.") or dropped it."""
    degrees = len(words)
    while (
        degrees > 1
        and DEGREE.match(words[degrees - 1])
        and not PREFIX_TITLES.match(words[degrees - 1])
        and not re.fullmatch(r"[A-Z]\.,?", words[degrees - 1])
    ):
        degrees -= 1
    head, tail = words[:degrees], [re.sub(r"\.{2,}", ".", w.strip(",")) for w in words[degrees:]]
    if not tail or re.fullmatch(r"[A-Z]\.,?", head[-1]) or not _plain(head):
        return squash(" ".join(words).replace(" ,", ",")).strip(" ,")  # no degree, or "AHMAD S." an initial
    # A comma only sets off the degrees: one between two words of the name is a pen stroke's.
    head = [w.rstrip(",") for w in head[:-1]] + [
        head[-1].rstrip(",") if _person_title(head[-1]) else head[-1].rstrip(",.")
    ]
    return squash(", ".join([" ".join(head), *tail])).strip(" ,")


def person_key(name):
    """A person's name for comparing: folded, without titles or degrees ("Drs. Ahmad Fauzi, S.Pd." is "ahmad fauzi")."""
    words = [w.strip(",") for w in squash((name or "").replace(",", ", ")).split()]
    return fold(" ".join(_plain(words)) or (name or ""))


def _rank_like(word):
    """One word that reads like a rank misread ("Pembma", "Pemruma", "Perupita" for Pembina)."""
    bare = fold(word)
    if " " in bare:
        return False
    return any(difflib.SequenceMatcher(None, bare, rank).ratio() >= 0.5 for rank in RANKS)


def _rank_above_nip(found, next_line):
    """A name found on the line above a NIP line that reads like a rank: the rank, misread."""
    return _rank_like(found["value"]) and bool(NIP_LINE.match(next_line))


def _name_at(lines, index, doc):
    start, line = lines[index]
    if ROW_START.match(line) and re.match(r"\W{0,3}\d{1,2}\s*[.)]", line):
        return None  # "6. Parjan, S.Sos.": a row of a list; a signatory's name is never numbered
    line = re.sub(r"\b(Drs|Dra|Dr|Ir|Hj|H)\s?:", r"\1.", line)  # "Drs: Priyo Hidayat": the title's dot read as a colon
    name = _name_in(squash(line.strip("_-—=~|[]() ")))
    if not name:
        return None
    below = lines[index + 1][1].split() if index + 1 < len(lines) else []
    if below and all(TWO_PART_DEGREE.fullmatch(w) for w in below):
        # The name wrapped in a narrow signature column: its last degrees on the line under it
        # ("ENDANG SULISTYOWATI, S.Sos.," / "M.M.").
        name = _punctuated([*name.replace(",", ", ").split(), *below])
    return suggestion(name, 0.95 * doc.confidence(start, start + len(line)))


# The title the official signs under. A stamp may leave a few marks before it ("TI G1 KEPALA DESA …")
# or bite off its first letters ("PALA DESA …", "EPALA DESA …").
SIGNING_TITLE = re.compile(
    r"^(?:\S{1,3}\s+){0,3}?\W{0,3}(?:(?:a\.?\s?n\.?|Plt\.?|Pj\.?)\s+)?"
    r"(CAMAT|(?:K?E)?PALA\s+DESA|(?:KEPALA\s+KELURAHAN|LURAH))\s+[A-Za-z' -]{2,40},?\s*$",
    re.IGNORECASE,
)


BLOCK_END = re.compile(r"^\W*(Tembusan|Salinan|LAMPIRAN|KEPUTUSAN|NOMOR|SUSUNAN|Keterangan)\b", re.IGNORECASE)


def signatory(doc):
    """The signing official's printed name.

    Above the rank or NIP line when there is one ("Pembina", "NIP. 1970…");
    otherwise the last name-like line of the block under a "CAMAT …" /
    "KEPALA DESA …" / "LURAH …" title that is not the heading above
    "Menimbang", whether or not a rank or NIP follows: stamp and signature
    debris come above the printed name. The official signs the decree and
    again under each attachment: of the names read under each signature the
    best read one wins (`_best_reading`).
    """
    lines = list(doc.lines())
    return _best_reading(_names_above_ranks(lines, doc) + _names_under_titles(lines, doc))


def _names_above_ranks(lines, doc):
    found = []
    for index in range(len(lines) - 1, 0, -1):
        if _rank_line(lines[index][1]) and _in_signature(lines, index):
            for back in (1, 2):
                if index - back >= 0 and (name := _name_at(lines, index - back, doc)):
                    if _rank_above_nip(name, lines[index][1]):
                        continue  # the rank above the NIP, misread ("Pemhwa"): the name is above it
                    found.append(name)
                    break
    return found


def _in_signature(lines, index):
    """Whether a rank or NIP line stands in a signature: a NIP line itself, or a rank with the NIP under it,
    or a signing title or "Ditetapkan di" just above. A lone "Pembina" wrapped out of a list of officers
    ("3. ILHAM PURNOMO sebagai / Pembina") is that officer's role."""
    if NIP_LINE.match(lines[index][1]) or any(NIP_LINE.match(text) for _s, text in lines[index + 1 : index + 3]):
        return True
    above = range(max(index - 7, 0), index)
    return any(_signing_title(lines, at) or SIGNING_PLACE.search(lines[at][1]) for at in above)


def _signing_title(lines, index):
    """Whether line `index` is the title the official signs under, not the heading above "Menimbang" nor a
    row of the officers' list ("1. KEPALA DESA PAKIS PELINDUNG")."""
    line = lines[index][1]
    return bool(
        SIGNING_TITLE.match(line)
        and not re.match(r"\W*KEPUTUSAN", line, re.IGNORECASE)
        and not re.match(r"\s*\d{1,2}\s*[.)]\s", line)
        and not any(w.strip(",.:").casefold() in ROLE_WORDS for w in line.split())
        and not any(re.match(r"\s*(Menimbang|Mengingat)", text) for _s, text in lines[index + 1 : index + 4])
    )


def _signature_starts(lines):
    """(line, place) where each signature block's names begin: under its title, or, where the stamp hid
    the title (". “Ta BUNUT,"), under the signing date. The place's word is never the official's name."""
    starts = []
    for index in range(len(lines)):
        if _signing_title(lines, index):
            starts.append((index, fold(SIGNING_TITLE.match(lines[index][1]).group(0)).split()[-1:]))
        elif SIGNING_PLACE.search(lines[index][1]) and index + 1 < len(lines):
            dated = index + 1 if re.search(r"(?i)tang|tgl|pada", lines[index + 1][1]) else index
            if not any(_signing_title(lines, at) for at in range(dated + 1, min(dated + 4, len(lines)))):
                starts.append((dated, fold(lines[index][1]).split()[-1:]))
    return starts


def _names_under_titles(lines, doc):
    found = []
    for title, place in _signature_starts(lines):
        # The stamp's own words ("GLODOG" read "GLODG") are not the official's name.
        candidates = []
        for index in range(title + 1, min(title + 12, len(lines))):
            text = lines[index][1]
            if not text.strip() or BLOCK_END.match(text) or len(re.findall(r"\b[a-z]{3,}\b", text)) >= 3:
                break  # the page, or the signature block, ended
            name = _name_at(lines, index, doc)
            below = lines[index + 1][1] if index + 1 < len(lines) else ""
            if name and _rank_above_nip(name, below):
                continue  # a misread rank just above the NIP is never the name
            if name and not difflib.get_close_matches(fold(name["value"]), place, n=1, cutoff=0.75):
                candidates.append(name)
        while len(candidates) > 1 and (_rank_like(candidates[-1]["value"]) or len(candidates[-1]["value"]) < 5):
            candidates.pop()  # the rank misread, or a short mark, under the name; alone either stays ("PERMANA", "EKA")
        if candidates:
            found.append(candidates[-1])  # printed under the signature and the stamp: the last of the block
    return found


def _best_reading(readings):
    """Of one official's name read under several signatures, the surest reading, unless another says
    more of the same name: a stamp or a pen stroke hid a word or a degree of it there ("FATHUR" under
    the attachment's stamp, "FATHUR ROFIQ" under the decree's), or more of a word the pen cut ("KUSNA" of
    "KUSNADI")."""
    if not readings:
        return None
    best = max(readings, key=lambda reading: reading["confidence"])
    while True:
        words, plain = best["value"].split(), person_key(best["value"]).split()
        fuller = [reading for reading in readings if _says_more(reading["value"], words, plain)]
        if not fuller:
            return best
        best = max(fuller, key=lambda reading: reading["confidence"])


def _says_more(other, words, plain):
    """Whether the name `other` holds every word of a reading (`words`, `plain` without titles), whole or
    cut at one end, and says more: more words, or the same words longer."""
    theirs = person_key(other).split()
    if not plain or not all(
        any(w == t or (len(w) >= 3 and (t.startswith(w) or t.endswith(w))) for t in theirs) for w in plain
    ):
        return False
    more_words = len(other.split()) > len(words)
    longer = len(other.split()) == len(words) and sum(map(len, theirs)) > sum(map(len, plain))
    return more_words or longer


def _strip_place(name, places):
    """ "Jendela Desa Desa Beji Kecamatan Jenu" -> "Jendela Desa": the name without the places written after it.

    Places are taken off the end one at a time with the level word before each
    ("Kecamatan", "Desa"), so a name that itself ends in "Desa" keeps it.
    """
    known = {fold(p) for p in places}
    words = name.split()
    changed = True
    while changed:
        changed = False
        for size in (2, 1):
            if len(words) > size and fold(" ".join(words[-size:])) in known:
                words = words[:-size]
                if len(words) > 1 and fold(words[-1]) in LEVEL_WORDS:
                    words.pop()
                changed = True
                break
        if not known and len(words) > 2 and fold(words[-2]) in LEVEL_WORDS:
            words, changed = words[:-2], True  # no official names: "Desa <word>" is a place
    return " ".join(words)


# The words of an officers' table's heading ("NO JABATAN NAMA KETERANGAN"): where a KIM's name written above it ends.
TABLE_HEADING = "NO|NAMA|JABATAN|KETERANGAN"
QUOTED_KIM = re.compile(
    rf"(?:\(?\s*KIM\s*\)?|MASYARAKAT)\s*[{QUOTES}]+\s*([A-Za-z0-9][^{QUOTES}\n]{{1,60}}?)\s*[{QUOTES}]", re.IGNORECASE
)
BARE_KIM = re.compile(
    r"(?:(?i:MASYARAKAT)\s*\(?\s*KIM\s*\)?|(?:PEMBENTUKAN|Membentuk|PENGURUS|Pengurus)\s+KIM)\s+((?:[A-Z][A-Za-z0-9]*\b\s*){1,10}?)"
    # What follows a name: a level above the village, the heading of the officers' list or table, a
    # signing title, a lower-case word, punctuation ("… KECAMATAN MONTONG.") or the end.
    rf"(?=(?i:TENTANG|KECAMATAN|KABUPATEN|SUSUNAN|PENGURUS|PERIODE|MASA\s+BAKTI|{TABLE_HEADING})\b"
    r"|KEPALA|CAMAT|LURAH|Menimbang|dengan|[a-z]|[^A-Za-z0-9\s]|$)"
)


def kim_name(doc, places=()):
    """The group's own name, as in `Kelompok Informasi Masyarakat (KIM) "Beji Mandiri"`.

    "Kelompok" or, since Permenkominfo 4/2024, "Komunitas"; with or without "(KIM)".

    Without its quotes the name runs up to the place written after it ("KIM
    JENDELA DESA DESA BEJI" is KIM Jendela Desa): the place is recognised from
    the official names when they are known, else as the last "Desa <name>".

    A decree names its group several times (title, considerations, diktum,
    attachment): the name read most often wins, so one damaged reading
    ("KIM Ro: :golawe") does not decide; between as many, the surest.
    """
    flat = re.sub(r"\s", " ", doc.text) + " "  # one space for each newline: offsets stay the document's
    readings = [(m.group(1), m.start(1), m.end(1), 1.0) for m in QUOTED_KIM.finditer(flat)]
    if not readings:
        readings = [
            (_strip_place(squash(m.group(1)), places), m.start(1), m.end(1), 0.6) for m in BARE_KIM.finditer(flat)
        ]
    groups = {}
    for name, start, end, certainty in readings:
        # "(KIM) KIM SUMBER INFORMASI": the group's name written with its "KIM" again.
        name = re.sub(r"^KIM\b\s*", "", squash(name).strip(" .,"), flags=re.IGNORECASE)
        if not name or fold(name) in LEVEL_WORDS or re.match(rf"(?i)(?:{TABLE_HEADING})\b", name):
            continue  # "(KIM) Desa Brangkal": the village's KIM, named by its place; "KIM / NO JABATAN NAMA"
        if len(name) <= 60:
            groups.setdefault(fold(name), []).append((doc.confidence(start, end), name, certainty))
    if not groups:
        return None
    group = max(groups.values(), key=lambda found: (len(found), max(found)[0]))
    confidence, name, certainty = max(group)
    return suggestion(f"KIM {_as_printed(name)}", certainty * confidence)


def _role_pattern(roles):
    names = sorted({*COMMON_ROLES, *roles}, key=len, reverse=True)
    choices = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    prefixed = "|".join(ROLE_PREFIXES)
    topics = "|".join(ROLE_TOPICS)
    # A section: its prefix and the topic words after it, joined by "dan", "/" or "&".
    # A connector left at the end ("Seksi Pengumpulan dan") is where the cell wrapped onto the next line.
    section = rf"(?:{prefixed})(?:\s*(?:dan|/|&|,)?\s*(?:{topics})\b){{1,5}}(?:\s+(?:dan|&)\b|\s*/)?"
    return re.compile(rf"\b(?:{section}|{choices})\b", re.IGNORECASE)


# What may follow a section's known words to the end of its row: more words of its name, and stray marks.
SECTION_REST = re.compile(r"(?:\s*(?:dan|&|/|[A-Z][A-Za-z]+))*[\s|.,;:]*")
ROW_START = re.compile(r"^\W{0,3}(\d{1,2})\s*[.)]?\s+")
SECTION_START = re.compile(rf"^(?:{'|'.join(ROLE_PREFIXES)})\b", re.IGNORECASE)
_TOPIC = rf"(?:{'|'.join(ROLE_TOPICS)})"
# A line holding only the rest of a wrapped section name: "Informasi", "/ Informasi", "dan Dokumentasi", or
# its middle ("DIGITAL DAN", the rest on the line after).
CONTINUATION = re.compile(
    rf"^\W{{0,3}}((?:(?:dan|/|&)\s*)?{_TOPIC}(?:\s*(?:dan|/|&)?\s*{_TOPIC})*(?:\s+(?:dan|&)|\s*/)?)\W{{0,3}}$",
    re.IGNORECASE,
)
HEADER = re.compile(r"\b(NAMA|JABATAN|KEDUDUKAN)\b")


def _cell_words(text):
    """(name words, other words) of a table cell, borders and stray marks dropped.

    The name words are its capitalised words; a word of letters that is not one of them is left over.
    """
    words, others = [], []
    for token in text.replace("|", " ").replace(",", ", ").split():
        word = token.strip(QUOTES + "—-_~")
        if word and _name_word(word) and not HEADER.fullmatch(word.strip(",.")):
            words.append(word)
        others.append(token.strip(QUOTES + "—-_~()[]|:;.,"))
    names = {w.strip(QUOTES + "—-_~()[]|:;.,") for w in words}
    return words, [t for t in others if t and re.search("[A-Za-z]", t) and t not in names]


def _cell_name(words):
    """The name those words make, or None when they make none (too short, or an office's words)."""
    name = _joined(words)
    return name if words and len(name) >= 3 and not NOT_A_NAME.search(name) else None


def _joined(words):
    """A name from its words; a degree keeps its last dot ("S.Pd."), a stray one goes."""
    if not words:
        return ""
    name = " ".join(_read_titles(words)).strip(" ,")
    return name if _person_title(words[-1]) else name.rstrip(" .,")


# A remarks cell at the end of an officer's row: where the officer lives.
REMARKS = re.compile(r"\s+(?:Dsn\.|Dsn\b|Dusun\b|Dukuh\b|RT\.?\s*[\dOo]).*$")
MEMBER_NUMBER = re.compile(r"^\W{0,3}(\d{1,2})\s*[.)]\s+")


def _officer_row(line, role_pattern, in_list=False):
    """(name, role, where the row begins, its number, whether the role came first) of one row, or None.

    A numbered row may carry debris between its cells; a row whose number
    column Tesseract dropped must consist of a role and a name only, and a
    one-word name ("Endang") only after a colon ("Bendahara : Endang") or
    inside a list (`in_list`: an officer row just above). The number is the
    row's, or the first member's under a role ("Anggota : 1. X").
    """
    line = REMARKS.sub("", line)  # a remarks column ("Dsn. Krajan", "RT 03 RW 01") is neither name nor role
    row = ROW_START.match(line)
    begin = row.end() if row else 0
    number = int(row.group(1)) if row else None
    roles_here = list(role_pattern.finditer(line, begin))
    if not roles_here:
        return None
    first, last = roles_here[0], roles_here[-1]
    lead = line[begin : first.start()]
    if not _cell_words(lead)[0] and len(re.sub(r"\W", "", lead)) <= 2:
        # Role first: "Ketua : AHMAD FAUZI", "1 | Sekretaris | Siti Rahmawati", "Anggota : 1. Budi".
        role, tail, role_first = first.group(0), line[first.end() :], True
        in_list = in_list or bool(re.match(r"\s*[:;]", tail))
        if member := MEMBER_NUMBER.match(tail.lstrip(" :|")):
            number = int(member.group(1))
        words, leftover = _cell_words(re.sub(r"(?<!\S)\d{1,2}[.)]?(?!\S)", " ", tail))
    else:
        role, rest, role_first = last.group(0), line[last.end() :], False
        if SECTION_START.match(role) and SECTION_REST.fullmatch(rest):
            # Name first, the section last: its name runs to the end of the line, known words or not
            # ("Bidang Media Sosial dan Website Desa").
            role, rest = (role + rest).rstrip(" |.,;:"), ""
        words, leftover = _cell_words(line[begin : last.start()])
        leftover += [t for t in rest.split() if re.search("[A-Za-z]", t)]
        leftover = [t for t in leftover if t.casefold() != "sebagai"]  # "RIZAL SUSANTO sebagai Ketua"
    name = _cell_name(words)
    if not name:
        return None
    if not row and (any(len(w) > 2 for w in leftover) or len(_plain(words)) < (1 if in_list or _titled(words) else 2)):
        return None  # unnumbered: nothing but a role and a name (of two words, or titled, outside a list)
    return name, role, begin, number, role_first


def _member_row(line, after):
    """The name of a numbered row without a role that continues `after` (its number + 1), or None.

    A role held by several members is written once: a table's merged cell, or
    "Anggota : 1. Budi" with "2. Siti" under it.
    """
    row = ROW_START.match(line)
    if not row or after is None or int(row.group(1)) != after + 1:
        return None
    words, leftover = _cell_words(line[row.end() :])
    name = _cell_name(words)
    if not name or any(len(w) > 2 for w in leftover):
        return None
    return name, row.end()


def _unnumbered_member(line):
    """The name on a line that holds a name and nothing else (two words or more, or titled), or None.

    A section's word ("Informasi") is no part of a person's name: "Kelompok Informasi Masyarakat" under
    an officer's row is the text going on.
    """
    words, leftover = _cell_words(REMARKS.sub("", line))
    name = _cell_name(words)
    if not name or leftover or len(words) > 7 or any(fold(w.strip(",.")) in TOPIC_WORDS for w in words):
        return None
    return name if len(_plain(words)) >= 2 or _titled(words) else None


def _role_title(text):
    """A role as typed: "SEKSI PUBLIKASI DAN DOKUMENTASI" -> "Seksi Publikasi dan Dokumentasi"."""
    return _title(text).replace(" Dan ", " dan ")


# Officers are named in the decision (the diktum) or its attachment, never in what the decree considers.
CONSIDERATIONS = re.compile(r"^\W{0,3}(Menimbang|Mengingat|Memperhatikan)\b", re.IGNORECASE)
DECISION = re.compile(r"^\W{0,3}(MEMUTUSKAN|Menetapkan|KESATU|PERTAMA|LAMPIRAN|SUSUNAN)\b", re.IGNORECASE)


def officers(doc, roles=()):
    """Rows of a list or table of officers, name first or role first: `1. Ahmad Fauzi   Ketua`, `Ketua : Ahmad Fauzi`.

    Table borders leave debris (|, —, stray letters) around the cells, so the
    name is the run of capitalised words beside the role. A section's name
    that wrapped onto the next line ("Bidang Pengumpulan / Informasi") is
    joined to its role; a numbered row without a role, right after the row
    numbered before it, is one more member of that row's role.
    """
    role_pattern = _role_pattern(roles)
    found, seen, known = [], set(), {r.casefold(): r for r in (*COMMON_ROLES, *roles)}
    last = None  # (line index, number, role, role first) of the last officer row
    header = None  # line index of the table's heading ("JABATAN NAMA KETERANGAN")
    considering = False
    for index, (start, line) in enumerate(doc.lines()):
        if len(HEADER.findall(line)) >= 2:
            header = index
        if CONSIDERATIONS.match(line):
            considering = True
        elif DECISION.match(line):
            considering = False
        if considering:
            continue  # "Peraturan … Bidang Komunikasi dan Informatika …" cited there: never the officers
        if found and SECTION_START.match(found[-1]["role"]) and (more := CONTINUATION.match(line)):
            found[-1]["role"] = _role_title(f"{found[-1]['role']} {more.group(1)}")
            last = (index, last[1], found[-1]["role"], last[3]) if last else None
            continue
        listed = bool(last and index - last[0] <= 2) or (header is not None and 0 < index - header <= 2)
        row = _officer_row(line, role_pattern, in_list=listed)
        role_first = False
        if row:
            name, role, begin, number, role_first = row
            role = squash(role)
            role = known.get(role.casefold(), _role_title(role))
        elif last and index - last[0] <= 3 and (member := _member_row(line, last[1])):
            (name, begin), number, role = member, last[1] + 1, last[2]
        elif last and last[3] and index - last[0] == 1 and (name := _unnumbered_member(line)):
            # A role written once for several members, each on a line of their own under it
            # ("Seksi Ekonomi Produktif Abdul Aminudin" / "Nanik Eko Wahyuni").
            begin, number, role, role_first = 0, None, last[2], True
        else:
            continue
        last = (index, number, role, role_first)
        key = (fold(name), fold(role))
        if key in seen:
            continue  # the same table in the decree and in its attachment
        seen.add(key)
        conf = doc.confidence(start + begin, start + len(line))
        found.append({"name": _as_printed(name), "role": role, "confidence": round(conf, 2)})
    for officer in found:  # a wrapped section whose rest was not read: no connector left hanging
        officer["role"] = re.sub(r"\s*(?:\b(?:dan|Dan|&)|/)\s*$", "", officer["role"])
    return found


def extract(doc, *, roles=(), places=()):
    """All suggestions for one SK; a field that could not be found is None."""
    return {
        "number": number(doc),
        "signed_on": signed_on(doc),
        "issuer": issuer(doc, places),
        "signatory": signatory(doc),
        "kim_name": kim_name(doc, places),
        "officers": officers(doc, roles),
    }
