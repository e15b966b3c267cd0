import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kimtrack.forms import DateInput
from reports.models import ProvinceReport


class PreviewForm(forms.Form):
    """The date to preview, sent by GET: nothing secret goes into the URL."""

    report_date = forms.DateField(label=_("Tanggal laporan"), widget=DateInput(), initial=timezone.localdate)


class ReportForm(PreviewForm):
    period = forms.CharField(label=_("Periode"), max_length=80, help_text=_("Misalnya “Semester II 2025”."))
    file_format = forms.ChoiceField(label=_("Format"), choices=ProvinceReport.Format.choices, initial="xlsx")
    # One token per form shown: the same form sent twice records one report.
    submission = forms.UUIDField(
        widget=forms.HiddenInput,
        initial=uuid.uuid4,
        error_messages={
            "required": _("Formulir ini tidak lengkap: muat ulang halaman, lalu kirim lagi."),
            "invalid": _("Formulir ini tidak lengkap: muat ulang halaman, lalu kirim lagi."),
        },
    )


class SentForm(forms.Form):
    sent_on = forms.DateField(label=_("Tanggal kirim"), widget=DateInput(), initial=timezone.localdate)
    sent_via = forms.ChoiceField(
        label=_("Dikirim lewat"), choices=ProvinceReport.SentVia.choices, widget=forms.RadioSelect
    )
    sent_reference = forms.CharField(
        label=_("Nomor surat/referensi"),
        max_length=120,
        required=False,
        help_text=_("Nomor surat pengantar atau subjek email, agar mudah dicari."),
    )
