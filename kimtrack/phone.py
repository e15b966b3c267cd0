"""Indonesian telephone numbers: the one rule of what is accepted, how it is stored and how it is shown.

Stored canonical form: E.164 without separators, "+62" followed by the national number
without its leading 0 ("0812-3456-7890" -> "+6281234567890", "(0356) 321456" -> "+62356321456").
One form means a number typed two ways is recognisably the same, sorts and searches alike, and
becomes a WhatsApp or tel: link without guessing. Shown readably in the national way people
dial it: "0812-3456-7890", "(0356) 321456".
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bounded: a pasted paragraph is refused before any work is done on it.
MAX_INPUT_LENGTH = 40
# Separators people type between digit groups (spaces, also no-break ones, dashes, dots, parentheses);
# anything else (letters, "/", ",", "ext", a line break) is refused.
_SEPARATORS = re.compile(r"[ \u00a0\-.()]")
# National numbers without the leading 0. Mobile: 8 then 1-9 (0800/0804 are toll-free or premium,
# not a person), 9-12 digits in all. Landline: an area code starting 2-7 or 9 (2 or 3 digits) and
# a local number of 5-8 digits, 7-11 digits in all.
_MOBILE = re.compile(r"8[1-9]\d{7,10}")
_LANDLINE = re.compile(r"[2-79]\d{6,10}")
# The five two-digit area codes (Jakarta, Bandung, Semarang, Surabaya, Medan); every other one has three.
_TWO_DIGIT_AREA_CODES = {"21", "22", "24", "31", "61"}

INVALID_MESSAGE = _(
    "Nomor telepon tidak dikenali. Tulis satu nomor Indonesia, misalnya 0812-3456-7890, +62 812 3456 7890 "
    "atau (0356) 321456 (tertulis: %(value)s)."
)
NO_AREA_CODE_MESSAGE = _(
    "Tulis nomor telepon rumah/kantor dengan kode wilayahnya, misalnya (0356) 321456 (tertulis: %(value)s)."
)


def _refuse(message, value, code="phone"):
    raise ValidationError(message, code=code, params={"value": value[:MAX_INPUT_LENGTH]})


def normalise_phone(value):
    """The canonical "+62…" form of a typed Indonesian number; "" stays ""; anything else raises ValidationError."""
    text = (value or "").strip()
    if not text:
        return ""
    if len(text) > MAX_INPUT_LENGTH:
        _refuse(INVALID_MESSAGE, text)
    compact = _SEPARATORS.sub("", text)
    if compact.startswith(("+", "00")):
        international = compact.removeprefix("+").removeprefix("00")
        if not international.startswith("62"):
            _refuse(INVALID_MESSAGE, text)  # a foreign number, or "+0812…"
        # "+62 (0)812…", "+62 0812…": the trunk 0 written after the country code as well.
        national = international[2:].removeprefix("0")
    elif compact.startswith("62"):
        national = compact[2:].removeprefix("0")
    elif compact.startswith("0"):
        national = compact[1:]
    elif compact.isdigit() and len(compact) <= 8:
        _refuse(NO_AREA_CODE_MESSAGE, text)
    else:
        national = compact  # "812 3456 7890": the leading 0 forgotten
    if not national.isascii() or not national.isdigit():
        _refuse(INVALID_MESSAGE, text)
    if not (_MOBILE.fullmatch(national) or _LANDLINE.fullmatch(national)):
        _refuse(INVALID_MESSAGE, text)
    return "+62" + national


def validate_phone(value):
    """Refuse what normalise_phone cannot read (for forms that only check)."""
    normalise_phone(value)


def format_phone(value):
    """A stored number as people read and dial it: "0812-3456-7890", "(0356) 321456"; anything else as it is."""
    if not value or not value.startswith("+62") or not value[3:].isdigit():
        return value or ""
    national = value[3:]
    if national.startswith("8"):
        groups = [national[:3], national[3:7], national[7:]]
        return "0" + "-".join(g for g in groups if g)
    area_length = 2 if national[:2] in _TWO_DIGIT_AREA_CODES else 3
    return f"(0{national[:area_length]}) {national[area_length:]}"
