from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decrees.forms import DecreeFieldsForm

LOW_CONFIDENCE = 0.75


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Cari di teks SK"),
        min_length=3,
        max_length=100,
        help_text=gettext_lazy("Mis. nama pengurus, nomor SK atau nama desa. Hanya SK di wilayah Anda."),
    )


def _hint(found):
    percent = round(found["confidence"] * 100)
    if found["confidence"] < LOW_CONFIDENCE:
        return _("Terbaca dari pindaian (keyakinan %(p)d%%, rendah): periksa dengan teliti.") % {"p": percent}
    return _("Terbaca dari pindaian (keyakinan %(p)d%%). Pastikan sama dengan SK.") % {"p": percent}


def prefilled_form(reading, data=None):
    """The SK form with what the scan says as initial values, each marked as read, never as confirmed."""
    suggestions = (reading.suggestions or {}) if reading else {}
    initial, hints = {}, {}
    for field, key in (("number", "number"), ("signed_on", "signed_on"), ("signatory", "signatory")):
        found = suggestions.get(key)
        if found and found.get("value"):
            initial[field] = found["value"]
            hints[field] = _hint(found)
    if "signed_on" in initial:
        initial["term_start"] = initial["signed_on"]  # an SK's term usually starts when it is signed
    form = DecreeFieldsForm(data, initial=initial)
    for field, hint in hints.items():
        form.fields[field].help_text = hint
    form.prefilled = sorted(hints)
    return form
