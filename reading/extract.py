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

# Roles offices commonly use besides the regency's own list (which comes from its rules).
COMMON_ROLES = ("Ketua", "Wakil Ketua", "Sekretaris", "Bendahara", "Anggota")
ROLE_PREFIXES = ("Seksi", "Koordinator", "Bidang")

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


def _digit_fix(segment):
    """OCR confuses O/0 and l/I/1 inside numbers; fix that only in mostly-numeric segments."""
    digits = sum(ch.isdigit() for ch in segment)
    if digits and digits * 2 >= len(segment):
        return segment.translate(str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}))
    return segment


def clean_number(raw):
    value = re.sub(r"\s*([/.\-])\s*", r"\1", squash(raw)).strip(" .,:;")
    return "/".join(".".join(_digit_fix(p) for p in part.split(".")) for part in value.split("/"))


def number(doc):
    """`NOMOR : 188.45/12/KPTS/414.403/2021` near the top of the SK."""
    best = None
    for start, line in doc.lines():
        match = re.match(r"\s*N[O0]M[O0]R\s*([:;.,]?)\s*(\S.*)$", line, re.IGNORECASE)
        if not match:
            continue
        value = clean_number(match.group(2))
        # A colon or a slash marks an SK number; "Nomor 55 Tahun 2020" in the considerations does not.
        certainty = 1.0 if match.group(1) and "/" in value else 0.8 if "/" in value else 0.0
        if certainty and (best is None or certainty > best[1]):
            conf = doc.confidence(start + match.start(2), start + match.end(2))
            best = (value, certainty, conf)
            if certainty == 1.0:
                break
    return suggestion(best[0], best[1] * best[2]) if best else None


def _month(word):
    word = word.casefold().strip(".,")
    if word in MONTHS:
        return MONTHS[word], 1.0
    close = difflib.get_close_matches(word, MONTHS, n=1, cutoff=0.7)
    return (MONTHS[close[0]], 0.9) if close else (None, 0)


DATE_WORDS = re.compile(r"\b([0-3OolI]?[0-9OolI])\s+([A-Za-z]{3,10})\s*[.,]?\s+([12][0-9OolI]{3})\b")
DATE_NUMBERS = re.compile(r"\b([0-3]?[0-9])\s*[-/.]\s*([01]?[0-9])\s*[-/.]\s*([12][0-9]{3})\b")


def _dates(doc):
    """Every date written in the text: (start, end, date, certainty of the reading)."""
    found = []
    for match in DATE_WORDS.finditer(doc.text):
        month, certainty = _month(match.group(2))
        if not month:
            continue
        day, year = (int(_digit_fix(g)) for g in (match.group(1), match.group(3)))
        try:
            found.append((match.start(), match.end(), datetime.date(year, month, day), certainty))
        except ValueError:
            continue
    for match in DATE_NUMBERS.finditer(doc.text):
        day, month, year = (int(g) for g in match.groups())
        try:
            found.append((match.start(), match.end(), datetime.date(year, month, day), 0.95))
        except ValueError:
            continue
    return sorted(found)


def signed_on(doc):
    """The date of signing: after "pada tanggal" / "Ditetapkan" or "<place>, <date>"; else the last date."""
    dates = _dates(doc)
    if not dates:
        return None
    best = None
    for start, end, date, certainty in dates:
        line_start = doc.text.rfind("\n", 0, start) + 1
        before = doc.text[max(0, line_start - 80) : start].casefold()
        if re.search(r"(tanggal|tgl)\W*$", before) or re.search(r"ditetapkan", before):
            weight = 1.0
        elif re.search(r"^\s*[a-z][a-z ]+,\s*$", doc.text[line_start:start].casefold()):
            weight = 0.9  # "Tuban, 5 Maret 2023" above a signature
        else:
            weight = 0.5
        score = weight * certainty
        if best is None or score >= best[0]:
            best = (score, date, doc.confidence(start, end))
    score, date, conf = best
    return suggestion(date.isoformat(), score * conf)


def _title(text):
    return " ".join(w.capitalize() for w in squash(text).split())


def _as_printed(name):
    """A name in capitals as a person would type it ("BEJI MANDIRI" -> "Beji Mandiri"); mixed case stays."""
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


def issuer(doc, places=()):
    """The office that issued the SK: "KEPUTUSAN CAMAT JENU" gives Camat Jenu.

    `places` are the official names of the regency's kecamatan and villages:
    a place name read with an error is replaced by the one it is closest to.
    """
    pattern = rf"KEPUTUSAN\s+{OFFICE}\s+([A-Z][A-Za-z' -]+?)\s*(?:\n|NOMOR|$)"
    match = re.search(pattern, doc.text, re.IGNORECASE)
    if not match:
        return None
    office = squash(match.group(1))
    place, certainty = _snap(_title(squash(match.group(2))), places)
    value = f"{_title(office)} {place}"
    return suggestion(value, certainty * doc.confidence(match.start(1), match.end(2))) | {
        "office": _title(office),
        "place": place,
    }


TITLES = re.compile(r"^(Drs?|Dra|Ir|Hj?|dr|S\.\w+|M\.\w+|A\.Md)\.?,?$", re.IGNORECASE)
RANK_LINE = re.compile(r"^\s*(NIP|Pembina|Penata|Pengatur)\b", re.IGNORECASE)


def _name_word(word):
    """A word of a printed name: capitalised, at least three letters, with a vowel; or a title."""
    bare = word.strip(",.")
    if TITLES.match(word) or TITLES.match(bare) or re.fullmatch(r"[A-Z]\.", word):
        return True
    return (
        len(bare) >= 3
        and bare.isalpha()
        and bare[0].isupper()
        and (bare.isupper() or bare[1:].islower())  # "Susanto" or "SUSANTO", never "XeoO"
        and any(ch in "AEIOUaeiou" for ch in bare)
    )


def _looks_like_name(line):
    """A signatory's name line, not what Tesseract makes of a pen scribble ("PO NX", "wkwk")."""
    words = line.replace(",", ", ").split()
    if not 1 <= len(words) <= 6 or ":" in line or RANK_LINE.match(line):
        return False
    plain = [w for w in words if not (TITLES.match(w) or TITLES.match(w.strip(",.")))]
    return bool(plain) and all(_name_word(w) for w in words) and sum(len(w) for w in plain) >= 5


def _name_at(lines, index, doc):
    start, line = lines[index]
    cleaned = squash(line.strip("_-—=~|[]() "))
    if not cleaned or not _looks_like_name(cleaned):
        return None
    return suggestion(cleaned, 0.95 * doc.confidence(start, start + len(line)))


def signatory(doc):
    """The signing official's printed name.

    Above the rank or NIP line when there is one ("Pembina", "NIP. 1970…");
    otherwise the first name-like line under the last "CAMAT …," / "KEPALA DESA
    …," / "LURAH …," that is not the heading above "Menimbang".
    """
    lines = list(doc.lines())
    for index in range(len(lines) - 1, 0, -1):
        if RANK_LINE.match(lines[index][1]):
            for back in (1, 2):
                if index - back >= 0 and (found := _name_at(lines, index - back, doc)):
                    return found
    titles = [
        index
        for index, (_start, line) in enumerate(lines)
        if re.match(rf"\s*(?:a\.?n\.?\s+)?{OFFICE}\s+[A-Za-z' -]+,\s*$", line, re.IGNORECASE)
        and not any(re.match(r"\s*(Menimbang|Mengingat)", text) for _s, text in lines[index + 1 : index + 4])
    ]
    if not titles:
        return None
    for index in range(titles[-1] + 1, min(titles[-1] + 8, len(lines))):
        if found := _name_at(lines, index, doc):
            return found
    return None


def kim_name(doc):
    """The group's own name, as in `Kelompok Informasi Masyarakat (KIM) "Beji Mandiri"`."""
    flat = re.sub(r"\s+", " ", doc.text)
    quoted = re.search(
        rf"\(?\s*KIM\s*\)?\s*[{QUOTES}]+\s*([A-Za-z0-9][^{QUOTES}\n]{{1,60}}?)\s*[{QUOTES}]",
        flat,
        re.IGNORECASE,
    )
    if quoted:
        name, certainty = quoted.group(1), 1.0
    else:
        bare = re.search(r"\bKIM\s*\)?\s+([A-Za-z][A-Za-z0-9 ]{1,60}?)\s+(?:DESA|KELURAHAN|KECAMATAN)\b", flat)
        if not bare:
            return None
        name, certainty = bare.group(1), 0.6
    name = squash(name).strip(" .,")
    # Offsets in the squashed text are not the document's: take the words' confidence by position.
    words = name.split()
    confidences = [
        c for s, e, c in doc.spans if doc.text[s:e].strip(QUOTES + ".,").casefold() in {w.casefold() for w in words}
    ]
    conf = sum(confidences) / len(confidences) if confidences else 0.5
    return suggestion(f"KIM {_as_printed(name)}", certainty * conf)


def _role_pattern(roles):
    names = sorted({*COMMON_ROLES, *roles}, key=len, reverse=True)
    choices = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    prefixed = "|".join(ROLE_PREFIXES)
    return re.compile(rf"\b(?:(?:{prefixed})(?:\s+[A-Z][a-z]+){{1,2}}|{choices})\b", re.IGNORECASE)


ROW_START = re.compile(r"^\W{0,3}(\d{1,2})\s*[.)]?\s+")
NAME_WORD = re.compile(r"^(?:[A-Z][a-zA-Z']{2,}|[A-Z]\.)[,.]?$")


def officers(doc, roles=()):
    """Numbered rows of a list or table of officers: `1. Ahmad Fauzi   Ketua`.

    Table borders leave debris (|, —, stray letters) around the cells, so the
    name is the run of capitalised words between the row number and the role.
    """
    role_pattern = _role_pattern(roles)
    found, known = [], {r.casefold(): r for r in (*COMMON_ROLES, *roles)}
    for start, line in doc.lines():
        row = ROW_START.match(line)
        if not row:
            continue
        roles_here = list(role_pattern.finditer(line, row.end()))
        if not roles_here:
            continue
        role_match = roles_here[-1]
        words = [w for w in line[row.end() : role_match.start()].split() if NAME_WORD.match(w)]
        name = " ".join(words).strip(" ,.")
        if len(words) < 1 or len(name) < 3:
            continue
        role = squash(role_match.group(0))
        role = known.get(role.casefold(), _title(role))
        conf = doc.confidence(start + row.end(), start + role_match.end())
        found.append({"name": _as_printed(name), "role": role, "confidence": round(conf, 2)})
    return found


def extract(doc, *, roles=(), places=()):
    """All suggestions for one SK; a field that could not be found is None."""
    return {
        "number": number(doc),
        "signed_on": signed_on(doc),
        "issuer": issuer(doc, places),
        "signatory": signatory(doc),
        "kim_name": kim_name(doc),
        "officers": officers(doc, roles),
    }
