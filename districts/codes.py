"""Kemendagri region codes: the one place that knows their shape.

Codes are dotted: province `35`, regency `35.23`, kecamatan `35.23.12`,
village `35.23.12.2001`. In a village code the last segment starts with 1 for a
kelurahan, 2 for a desa, and 3 for a desa adat (customary village; only in
Papua in the 2025 list).
"""

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

PROVINCE, REGENCY, DISTRICT, VILLAGE = "province", "regency", "district", "village"
LEVELS = (PROVINCE, REGENCY, DISTRICT, VILLAGE)

# ASCII digits only (`\d` also matches other scripts' digits) and `\Z`, not `$`, which would let a
# trailing newline through: a code that reaches a query, a file name or a header is exactly this.
PATTERNS = {
    PROVINCE: re.compile(r"^[0-9]{2}\Z"),
    REGENCY: re.compile(r"^[0-9]{2}\.[0-9]{2}\Z"),
    DISTRICT: re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\Z"),
    VILLAGE: re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[123][0-9]{3}\Z"),
}

EXAMPLES = {PROVINCE: "35", REGENCY: "35.23", DISTRICT: "35.23.12", VILLAGE: "35.23.12.2001"}

# Used in URLs: any code of any level (validated again when looked up).
URL_PATTERN = r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[123][0-9]{3})?)?)?"


def is_valid(code, level):
    """Return True when `code` has the shape of a code of `level`."""
    return bool(PATTERNS[level].match(code or ""))


def level_of(code):
    """Return the level a well-formed code belongs to, or None."""
    for level in LEVELS:
        if is_valid(code, level):
            return level
    return None


def parent_code(code):
    """Return the code of the enclosing region (`35.23.12` for `35.23.12.2001`)."""
    return code.rpartition(".")[0]


def regency_of(code):
    """The regency code of any code at regency level or below (`35.23` for `35.23.12.2001`)."""
    return code[:5]


def validator(level):
    """A form/model validator for codes of one level, with an Indonesian message."""
    return RegexValidator(
        PATTERNS[level],
        message=_("Kode wilayah tidak sah: gunakan format Kemendagri, misalnya %(example)s.")
        % {"example": EXAMPLES[level]},
    )


_KEEP_UPPER = {"DKI", "DI", "II"}


def display_name(name):
    """Title-case an all-caps official name ("KABUPATEN TUBAN" -> "Kabupaten Tuban").

    Names already written in mixed case are shown as the source writes them.
    """
    if not name or name != name.upper():
        return name
    words = []
    for word in name.split(" "):
        words.append(word if word in _KEEP_UPPER else word.capitalize())
    return " ".join(words)
