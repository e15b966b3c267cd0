from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import (
    Classification,
    FormationTarget,
    KimGroup,
    Officer,
    OfficerRole,
    Regency,
    RegencyRules,
)


class DistrictFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari kecamatan"), required=False)
    regency = forms.ChoiceField(label=_("Kabupaten/kota"), required=False)

    def __init__(self, *args, regencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regency"].choices = [("", _("Semua"))] + [(r.code, r.display_name) for r in regencies]
        if len(regencies) <= 1:
            del self.fields["regency"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class KimForm(forms.ModelForm):
    """Register or edit a KIM inside one kecamatan."""

    # A website typed without a scheme ("kimjenu.desa.id") is taken as https.
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")
    # The version the user started from, so a save over someone else's newer change is refused.
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = KimGroup
        fields = [
            "name",
            "level",
            "village",
            "founded_on",
            "address",
            "phone",
            "email",
            "website",
            "social_links",
            "classification",
            "classified_on",
            "activity",
            "member_count",
            "notes",
        ]
        widgets = {
            "founded_on": DateInput(),
            "classified_on": DateInput(),
            "address": forms.Textarea(attrs={"rows": 2}),
            "social_links": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        self.rules = RegencyRules.for_regency(district.regency)
        self.fields["level"].widget = forms.RadioSelect(choices=KimGroup.Level.choices)
        self.fields["village"].queryset = district.villages.order_by("name")
        self.fields["village"].help_text = _(
            "Wajib untuk KIM tingkat desa/kelurahan; kosongkan untuk tingkat kecamatan."
        )
        self.fields["classification"].queryset = Classification.objects.filter(regency=district.regency)
        self.fields["member_count"].help_text = _("Paling sedikit %(n)d orang.") % {"n": self.rules.min_members}
        if not self.instance._state.adding and not self.is_bound:  # UUID pks exist before saving
            self.initial["loaded_version"] = self.instance.updated_at.isoformat()

    def clean(self):
        data = super().clean()
        level, village = data.get("level"), data.get("village")
        if level == KimGroup.Level.VILLAGE and not village:
            self.add_error("village", _("Pilih desa/kelurahan untuk KIM tingkat desa/kelurahan."))
        if level == KimGroup.Level.DISTRICT and village:
            self.add_error("village", _("KIM tingkat kecamatan tidak memiliki desa/kelurahan; kosongkan pilihan ini."))
        members = data.get("member_count")
        if members is not None and members < self.rules.min_members:
            self.add_error(
                "member_count",
                _("Jumlah anggota minimal %(n)d orang menurut aturan %(regency)s.")
                % {"n": self.rules.min_members, "regency": self.district.regency},
            )
        if data.get("classified_on") and not data.get("classification"):
            self.add_error("classification", _("Isi klasifikasi bila tanggal penilaian diisi."))
        return data

    def save(self, commit=True):
        kim = super().save(commit=False)
        kim.district = self.district
        if commit:
            kim.save()
        return kim


class OfficerForm(forms.ModelForm):
    class Meta:
        model = Officer
        fields = ["role", "name", "phone"]


class BaseOfficerFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, regency, **kwargs):
        self.regency = regency
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["role"].queryset = OfficerRole.objects.filter(regency=self.regency)


OfficerFormSet = forms.inlineformset_factory(
    KimGroup, Officer, form=OfficerForm, formset=BaseOfficerFormSet, extra=2, can_delete=True
)


class RegencyRulesForm(forms.ModelForm):
    class Meta:
        model = RegencyRules
        fields = ["min_members", "require_two_factor"]


ClassificationFormSet = forms.inlineformset_factory(
    Regency, Classification, fields=["name", "rank"], extra=1, can_delete=True
)
OfficerRoleFormSet = forms.inlineformset_factory(
    Regency, OfficerRole, fields=["name", "rank"], extra=1, can_delete=True
)


class BaseTargetFormSet(forms.BaseModelFormSet):
    """A regency has exactly its two targets: a posted form beyond them is an error, never a new row."""

    def clean(self):
        super().clean()
        if self.total_form_count() > self.initial_form_count():
            raise forms.ValidationError(
                _("Target tidak bisa ditambah: setiap kabupaten punya satu target kecamatan dan satu target desa."),
                code="extra_target",
            )


TargetFormSet = forms.modelformset_factory(
    FormationTarget,
    formset=BaseTargetFormSet,
    edit_only=True,
    fields=["legal_basis", "deadline"],
    widgets={"deadline": DateInput(), "legal_basis": forms.Textarea(attrs={"rows": 2})},
    extra=0,
)
