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
    single_holder_clashes,
    single_holder_error,
)
from kimtrack.forms import DateInput
from kimtrack.phone import format_phone


def show_phone_readably(form):
    """Show a stored "+62…" number as people write it (0812-3456-7890), also as the initial has_changed() compares."""
    if form.instance.phone and "phone" in form.fields:
        form.initial["phone"] = format_phone(form.instance.phone)


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
        show_phone_readably(self)

    # The KIM rules (level and village, minimum members, dates) are KimGroup.clean(), which the
    # form's validation runs; nothing to repeat here.


class OfficerForm(forms.ModelForm):
    class Meta:
        model = Officer
        fields = ["role", "name", "phone"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_phone_readably(self)


class SingleHolderFormSetMixin:
    """Refuse a list of officers that fills a role held by one person only twice (site form and Django admin)."""

    def clean(self):
        super().clean()
        # Asked even when some row has another error, so every problem is shown in one round trip.
        clashes = single_holder_clashes(self.instance, **self.officer_changes())
        if clashes:
            clashing = {role for role, _names in clashes}
            for form in self.forms:
                if form.cleaned_data.get("role") in clashing and not self._should_delete_form(form):
                    form.add_error("role", _("Jabatan ini sudah dipegang pengurus lain."))
            raise single_holder_error(clashes)

    def officer_changes(self):
        """What saving this formset would do to the KIM's officers, for single_holder_clashes()."""
        planned, replaced = [], []
        for form in self.forms:
            if form.instance.pk is not None:
                replaced.append(form.instance.pk)
            if self._should_delete_form(form) or not form.has_changed() and form.instance.pk is None:
                continue
            planned.append((form.cleaned_data.get("role"), form.cleaned_data.get("name", "")))
        return {"planned": planned, "replaced": replaced}


class BaseOfficerFormSet(SingleHolderFormSetMixin, forms.BaseInlineFormSet):
    def __init__(self, *args, regency, **kwargs):
        self.regency = regency
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["role"].queryset = OfficerRole.objects.filter(regency=self.regency)


class AdminOfficerFormSet(SingleHolderFormSetMixin, forms.BaseInlineFormSet):
    """The officers inline of a KIM in Django admin: the same one-person roles rule as the site's page."""


class AdminOfficerForm(forms.ModelForm):
    """One officer edited on its own in Django admin: the rule asked of the KIM's list with this officer in it."""

    class Meta:
        model = Officer
        fields = ["kim", "role", "name", "phone"]

    def clean(self):
        cleaned = super().clean()
        kim, role = cleaned.get("kim"), cleaned.get("role")
        if kim and role:
            replaced = [self.instance.pk] if self.instance.pk else []
            planned = [(role, cleaned.get("name", ""))]
            clashes = single_holder_clashes(kim, planned=planned, replaced=replaced, only=role)
            if clashes:
                raise single_holder_error(clashes)
        return cleaned


# The most rows one "Tambah baris" adds, and the most a KIM's list may hold (the formset's own bound
# on TOTAL_FORMS, so a forged count cannot make the server build thousands of forms).
OFFICER_ROWS_ADDED = 3
OFFICER_MAX_ROWS = 60

OfficerFormSet = forms.inlineformset_factory(
    KimGroup,
    Officer,
    form=OfficerForm,
    formset=BaseOfficerFormSet,
    extra=2,
    can_delete=True,
    max_num=OFFICER_MAX_ROWS,
    validate_max=True,
    absolute_max=OFFICER_MAX_ROWS,
)


def officer_formset_with_more_rows(formset):
    """The same posted rows, everything typed kept, with OFFICER_ROWS_ADDED empty rows after them (no-JS path)."""
    data = formset.data.copy()
    total = f"{formset.prefix}-TOTAL_FORMS"
    data[total] = str(min(formset.total_form_count() + OFFICER_ROWS_ADDED, OFFICER_MAX_ROWS))
    return type(formset)(data, instance=formset.instance, regency=formset.regency, prefix=formset.prefix)


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
    Regency, OfficerRole, fields=["name", "rank", "single_holder"], extra=1, can_delete=True
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
