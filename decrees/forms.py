from django import forms
from django.utils.translation import gettext_lazy as _

from decrees.models import Decree
from kimtrack.forms import DateInput, MultipleFileField
from kimtrack.uploads import limits_text


class DecreeFieldsForm(forms.ModelForm):
    """What is typed from an SK. The scans come with DecreeForm, or from a reading draft."""

    class Meta:
        model = Decree
        fields = ["number", "signed_on", "signatory", "term_start", "term_end"]
        widgets = {"signed_on": DateInput(), "term_start": DateInput(), "term_end": DateInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("Masa bakti selesai harus sesudah masa bakti mulai."))
        return data

    def _post_clean(self):
        # The service builds and validates the Decree; this form only checks its fields.
        pass


class DecreeForm(DecreeFieldsForm):
    files = MultipleFileField(
        label=_("Berkas SK"),
        error_messages={"required": _("Pilih minimal satu berkas SK: PDF, atau foto tiap halaman (JPEG/PNG).")},
        help_text=limits_text(_("Foto tiap halaman boleh.")),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=5,
        error_messages={"required": _("Alasan wajib diisi."), "min_length": _("Tuliskan alasan yang jelas.")},
    )

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label


class ScanFilesForm(forms.Form):
    files = MultipleFileField(
        label=_("Berkas SK"),
        error_messages={"required": _("Pilih minimal satu berkas SK: PDF, atau foto tiap halaman (JPEG/PNG).")},
        help_text=limits_text(),
    )


class DecreeTemplateForm(forms.Form):
    file = forms.FileField(
        label=_("Templat Word (.docx)"),
        allow_empty_file=True,  # decrees.draft_sk refuses it with a clearer message
        error_messages={"required": _("Pilih berkas templat Word (.docx).")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
        help_text=_("Dokumen Word tanpa makro, paling besar 2 MB, dengan penanda seperti di daftar."),
    )


class SearchForm(forms.Form):
    """'Cari SK': a bounded query (3 to 100 characters)."""

    q = forms.CharField(
        label=_("Cari SK"),
        min_length=3,
        max_length=100,
        help_text=_("Nomor SK, nama penandatangan, nama KIM, atau kata dalam teks SK. Hanya SK di wilayah Anda."),
    )
