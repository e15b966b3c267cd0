from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decrees.forms import DecreeFieldsForm
from districts.models import OfficerRole
from reading.extract import fold, person_key

LOW_CONFIDENCE = 0.75


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


def _regency_role(read_role, roles):
    """The regency's own role a read role stands for ("ANGGOTA" is "Anggota pengurus"), or None."""
    by_fold = {fold(role.name): role for role in roles}
    wanted = fold(read_role)
    if wanted in by_fold:
        return by_fold[wanted]
    starting = [role for key, role in by_fold.items() if key.split()[:1] == wanted.split()[:1] == [wanted]]
    return starting[0] if len(starting) == 1 else None


class OfficerImportForm(forms.Form):
    """The officers a reading found, to be ticked and added to the KIM's officer list by a person.

    Officers already listed (same name) and officers whose role the regency does
    not know are shown, not offered: importing never duplicates or invents a role.
    """

    officers = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Pengurus yang ditambahkan"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Centang minimal satu pengurus yang akan ditambahkan.")},
    )

    def __init__(self, data=None, *, reading, kim):
        super().__init__(data)
        roles = list(OfficerRole.objects.filter(regency_id=kim.regency_id))
        listed = {person_key(name) for name in kim.officers.values_list("name", flat=True)}
        self.rows = []
        for index, read in enumerate((reading.suggestions or {}).get("officers") or []):
            role = _regency_role(read.get("role", ""), roles)
            if person_key(read.get("name")) in listed:
                note = _("sudah terdaftar")
            elif role is None:
                note = _("jabatan “%(role)s” belum ada di daftar jabatan kabupaten") % {"role": read.get("role")}
            else:
                note = ""
            self.rows.append(
                {"index": index, "name": read.get("name"), "read_role": read.get("role"), "role": role, "note": note}
            )
        choices = [(row["index"], row["name"]) for row in self.rows if not row["note"]]
        self.fields["officers"].choices = choices
        self.fields["officers"].initial = [index for index, _name in choices]

    @property
    def offered(self):
        return bool(self.fields["officers"].choices)

    def chosen(self):
        """(name, OfficerRole) of every ticked officer."""
        by_index = {row["index"]: row for row in self.rows}
        return [(by_index[i]["name"], by_index[i]["role"]) for i in self.cleaned_data["officers"]]
