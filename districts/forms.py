from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import (
    ActivityType,
    AssessmentCriterion,
    Classification,
    FormationTarget,
    KimGroup,
    Officer,
    OfficerRole,
    Regency,
    RegencyRules,
)
from kimtrack.forms import DateInput


class KimForm(forms.ModelForm):
    """Register or edit a KIM inside one kecamatan."""

    # A website typed without a scheme ("kimjenu.desa.id") is taken as https.
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")
    kimid_site = forms.URLField(
        label=_("Situs KIM.id"),
        required=False,
        assume_scheme="https",
        help_text=KimGroup._meta.get_field("kimid_site").help_text,
    )
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
            "kimid_number",
            "kimid_site",
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
        # Set before validation: the KIM rules in KimGroup.clean() depend on the kecamatan.
        self.instance.district = district
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

    # The KIM rules (level and village, minimum members, dates) are KimGroup.clean(), which the
    # form's validation runs; nothing to repeat here.


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


SIGNER_FIELDS = ["signer_place", "signer_title", "signer_name", "signer_rank", "signer_nip"]


class RegencyRulesForm(forms.ModelForm):
    # Typed as printed on an ID card ("19700101 200003 1 001"); stored as 18 digits.
    signer_nip = forms.CharField(
        label=_("NIP"), max_length=30, required=False, help_text=RegencyRules._meta.get_field("signer_nip").help_text
    )

    class Meta:
        model = RegencyRules
        fields = [
            "min_members",
            "require_two_factor",
            "max_term_years",
            "term_years",
            "follow_up_days",
            "kim_expansion",
            "legal_bases",
            "active_within_days",
            *SIGNER_FIELDS,
        ]
        widgets = {"legal_bases": forms.Textarea(attrs={"rows": 3})}

    def clean_signer_nip(self):
        return "".join(self.cleaned_data["signer_nip"].split())

    def rule_fields(self):
        return [self[name] for name in self.fields if name not in SIGNER_FIELDS]

    def signer_fields(self):
        return [self[name] for name in SIGNER_FIELDS]


ClassificationFormSet = forms.inlineformset_factory(
    Regency, Classification, fields=["name", "rank", "min_score"], extra=1, can_delete=True
)
OfficerRoleFormSet = forms.inlineformset_factory(
    Regency, OfficerRole, fields=["name", "rank"], extra=1, can_delete=True
)
CriterionFormSet = forms.inlineformset_factory(
    Regency, AssessmentCriterion, fields=["name", "rank", "weight"], extra=1, can_delete=True
)
ActivityTypeFormSet = forms.inlineformset_factory(
    Regency, ActivityType, fields=["name", "rank"], extra=1, can_delete=True
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


class KimMergeForm(forms.Form):
    """Merge this KIM into another counted KIM of the same area, with a reason."""

    into = forms.ModelChoiceField(
        queryset=KimGroup.objects.none(),
        label=_("Gabungkan ke"),
        help_text=_("KIM yang dipertahankan; SK, pengurus, kegiatan dan penilaian pindah ke sana."),
    )
    reason = forms.CharField(
        label=_("Alasan penggabungan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Misalnya “Terdaftar dua kali oleh admin kecamatan”."),
    )

    def __init__(self, *args, kim, **kwargs):
        super().__init__(*args, **kwargs)
        area = {"level": kim.level, "district_id": kim.district_id, "village_id": kim.village_id}
        self.fields["into"].queryset = KimGroup.objects.counted().filter(**area).exclude(pk=kim.pk).order_by("name")


class KimMistakeForm(forms.Form):
    """Mark a KIM entered by mistake, with a reason."""

    reason = forms.CharField(
        label=_("Alasan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Misalnya “KIM uji coba, bukan KIM sungguhan”."),
    )
