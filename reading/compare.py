"""Typed SK data against what the scan says: the rows a verifier sees beside each field."""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kimtrack.dates import long_date
from reading.extract import clean_number, fold, person_key

MATCH, MISMATCH, UNREAD = "cocok", "beda", "tidak_terbaca"


@dataclass
class Row:
    label: str
    typed: str
    scanned: str
    state: str
    note: str = ""

    @property
    def is_mismatch(self):
        return self.state == MISMATCH


def _compact(text):
    """Letters and digits only, upper case: how an SK number is compared with the scan's text."""
    return re.sub(r"[^0-9A-Z]", "", clean_number(text).upper())


def _value(suggestions, key):
    found = suggestions.get(key) or {}
    return found.get("value") or ""


def _similar(a, b, threshold=0.88):
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio() >= threshold


def _number_row(decree, text, suggestions):
    scanned = _value(suggestions, "number")
    typed = decree.number
    if _compact(typed) and _compact(typed) in _compact(text):
        return Row(_("Nomor SK"), typed, scanned or typed, MATCH)
    if not text:
        return Row(_("Nomor SK"), typed, "", UNREAD)
    return Row(_("Nomor SK"), typed, scanned, MISMATCH, _("Nomor yang diketik tidak ditemukan di pindaian."))


def _date_row(decree, suggestions):
    scanned = _value(suggestions, "signed_on")
    typed = decree.signed_on
    if not scanned:
        return Row(_("Tanggal SK"), long_date(typed), "", UNREAD)
    state = MATCH if datetime.date.fromisoformat(scanned) == typed else MISMATCH
    note = "" if state == MATCH else _("Tanggal di pindaian berbeda dengan yang diketik.")
    return Row(_("Tanggal SK"), long_date(typed), long_date(datetime.date.fromisoformat(scanned)), state, note)


def _signatory_row(decree, text, suggestions):
    scanned = _value(suggestions, "signatory")
    typed = decree.signatory
    if fold(typed) and fold(typed) in fold(text):
        return Row(_("Penandatangan"), typed, scanned or typed, MATCH)
    typed_person, scanned_person = person_key(typed), person_key(scanned)
    if scanned and typed_person == scanned_person:
        return Row(_("Penandatangan"), typed, scanned, MATCH, _("Gelar ditulis berbeda; periksa."))
    if scanned and _similar(typed_person, scanned_person):
        return Row(_("Penandatangan"), typed, scanned, MATCH, _("Ejaan sedikit berbeda; periksa."))
    if not scanned:
        return Row(_("Penandatangan"), typed, "", UNREAD)
    return Row(_("Penandatangan"), typed, scanned, MISMATCH, _("Nama penandatangan tidak sama dengan pindaian."))


def _kim_row(kim, text, suggestions):
    scanned = _value(suggestions, "kim_name")
    own = kim.name.removeprefix("KIM ").strip()
    if fold(own) and fold(own) in fold(text):
        return Row(_("Nama KIM"), kim.name, scanned or kim.name, MATCH)
    if scanned and _similar(kim.name, scanned):
        return Row(_("Nama KIM"), kim.name, scanned, MATCH, _("Ejaan sedikit berbeda; periksa."))
    if not text:
        return Row(_("Nama KIM"), kim.name, "", UNREAD)
    return Row(_("Nama KIM"), kim.name, scanned, MISMATCH, _("Nama KIM di pindaian berbeda."))


def _area_row(kim, text, suggestions):
    """The office that signed must be the one of the KIM's area: Camat X for a kecamatan KIM, etc."""
    place, expected = (kim.village if kim.village_id else kim.district).name, str(kim.issuing_office)
    issuer = suggestions.get("issuer") or {}
    scanned_place = issuer.get("place", "")
    if scanned_place:
        state = MATCH if _similar(scanned_place, place, 0.85) else MISMATCH
        note = (
            ""
            if state == MATCH
            else _("SK diterbitkan oleh %(office)s, padahal KIM ini di %(place)s.")
            % {"office": issuer.get("value", ""), "place": place}
        )
        return Row(_("Wilayah penerbit"), expected, issuer.get("value", ""), state, note)
    if fold(place) in fold(text):
        return Row(_("Wilayah penerbit"), expected, place, MATCH)
    if not text:
        return Row(_("Wilayah penerbit"), expected, "", UNREAD)
    return Row(
        _("Wilayah penerbit"), expected, "", MISMATCH, _("Nama %(place)s tidak ada di pindaian.") % {"place": place}
    )


def compare(decree, reading):
    """Rows for the verifier: what was typed, what the scan says, and whether they agree."""
    text, suggestions = reading.text, reading.suggestions or {}
    kim = decree.kim
    return [
        _number_row(decree, text, suggestions),
        _date_row(decree, suggestions),
        _signatory_row(decree, text, suggestions),
        _kim_row(kim, text, suggestions),
        _area_row(kim, text, suggestions),
    ]


def officer_matches(kim, suggestions):
    """Registered officers of the KIM, each with whether the scan lists them."""
    scanned = [person_key(o["name"]) for o in suggestions.get("officers", [])]
    officers = [(officer, person_key(officer.name)) for officer in kim.officers.select_related("role")]
    return [(officer, any(name and _similar(person, name) for name in scanned)) for officer, person in officers]
