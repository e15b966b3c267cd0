from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kimtrack.forms import DateInput
from reports.models import ProvinceReport


class PreviewForm(forms.Form):
    report_date = forms.DateField(label=_("Tanggal laporan"), widget=DateInput(), initial=timezone.localdate)


class ReportForm(PreviewForm):
    period = forms.CharField(label=_("Periode"), max_length=80, help_text=_("Misalnya “Semester II 2025”."))
    file_format = forms.ChoiceField(label=_("Format"), choices=ProvinceReport.Format.choices, initial="xlsx")
