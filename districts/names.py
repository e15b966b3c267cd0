"""When two KIM names are the same name: the one normalisation every duplicate check uses."""

import re
import unicodedata

# Words a name may begin with that do not tell two KIMs apart ("KIM Ronggolawe" is "Ronggolawe").
_PREFIXES = (
    ("kelompok", "informasi", "masyarakat"),
    ("komunitas", "informasi", "masyarakat"),
    ("kim",),
)
# Abbreviation marks vanish ("K.I.M." is "KIM"); every other punctuation mark separates words.
_MARKS = re.compile(r"[.'’`]")
_SEPARATORS = re.compile(r"[\W_]+")


def kim_name_key(name):
    """The form under which two KIM names count as the same: case, spacing, punctuation and a leading "KIM" ignored.

    "KIM  Ronggo-Lawe", "k.i.m. ronggo lawe" and "Ronggolawe" all give "ronggolawe". A name that is
    nothing but the prefix keeps it ("KIM" gives "kim"), so no name has an empty key.
    """
    text = unicodedata.normalize("NFKC", str(name or "")).casefold()
    words = [w for w in _SEPARATORS.split(_MARKS.sub("", text)) if w]
    for prefix in _PREFIXES:
        if tuple(words[: len(prefix)]) == prefix and len(words) > len(prefix):
            words = words[len(prefix) :]
            break
    return "".join(words)[:150]
