from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import FIRST_YEAR, validate_evidence
from assessments.scoring import MAX_SCORE
from districts.models import Classification
from kimtrack.forms import DateInput


class AssessmentForm(forms.Form):
    """The year, the date, and per criterion of the regency's rules: a score, notes and evidence links."""

    year = forms.IntegerField(label=_("Tahun penilaian"), min_value=FIRST_YEAR)
    assessed_on = forms.DateField(label=_("Tanggal penilaian"), widget=DateInput())
    notes = forms.CharField(label=_("Catatan umum"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, criteria, assessment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        today = timezone.localdate()
        self.fields["year"].max_value = today.year
        self.fields["year"].widget.attrs["max"] = today.year
        existing = {s.criterion_id: s for s in assessment.scores.all()} if assessment else {}
        if assessment:
            self.initial.update(year=assessment.year, assessed_on=assessment.assessed_on, notes=assessment.notes)
        else:
            self.initial.setdefault("year", today.year)
            self.initial.setdefault("assessed_on", today)
        for criterion in criteria:
            old = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s — nilai (bobot %(weight)d)") % {"name": criterion.name, "weight": criterion.weight},
                min_value=0,
                max_value=MAX_SCORE,
                initial=old.score if old else None,
            )
            self.fields[f"notes_{criterion.pk}"] = forms.CharField(
                label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                initial=old.notes if old else "",
            )  # fmt: skip
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                label=_("Tautan bukti"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                validators=[validate_evidence], help_text=_("Satu tautan per baris."),
                initial=old.evidence if old else "",
            )  # fmt: skip

    def sections(self):
        """(criterion, score field, notes field, evidence field) for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"notes_{c.pk}"], self[f"evidence_{c.pk}"]) for c in self.criteria]

    def scores(self):
        data = self.cleaned_data
        return {c: (data[f"score_{c.pk}"], data[f"notes_{c.pk}"], data[f"evidence_{c.pk}"]) for c in self.criteria}


class ConfirmForm(forms.Form):
    classification = forms.ModelChoiceField(queryset=None, label=_("Klasifikasi yang ditetapkan"))

    def __init__(self, *args, regency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"].queryset = Classification.objects.filter(regency_id=regency_id)
