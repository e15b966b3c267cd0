"""Validators shared by models of several apps."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_single_line(value):
    """Refuse line breaks and other control characters: the text may reach an e-mail header (a subject).

    Unicode categories C* (controls, format characters such as zero-width or bidi overrides,
    unassigned) and the line/paragraph separators U+2028/U+2029 are all refused.
    """
    for char in value or "":
        if unicodedata.category(char).startswith("C") or unicodedata.category(char) in ("Zl", "Zp"):
            raise ValidationError(
                _("Tulis dalam satu baris, tanpa baris baru atau karakter kontrol."), code="single_line"
            )
