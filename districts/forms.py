from django import forms
from django.utils.translation import gettext_lazy as _


class DistrictFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari kecamatan"), required=False)
    regency = forms.ChoiceField(label=_("Kabupaten/kota"), required=False)

    def __init__(self, *args, regencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regency"].choices = [("", _("Semua"))] + [(r.code, r.display_name) for r in regencies]
        if len(regencies) <= 1:
            del self.fields["regency"]
