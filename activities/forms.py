from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import MAX_PHOTOS, Activity
from districts.models import ActivityType, RegencyRules
from kimtrack.forms import DateInput, MultipleFileField


class ActivityForm(forms.ModelForm):
    """What a kecamatan admin or staff member types about one activity; the service builds and checks it."""

    link = forms.URLField(
        label=_("Tautan"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=Activity._meta.get_field("link").help_text,
    )
    photos = MultipleFileField(
        label=_("Foto"),
        required=False,
        help_text=_("Paling banyak %(n)d foto JPEG atau PNG. Data lokasi dan ponsel di foto dihapus saat disimpan.")
        % {"n": MAX_PHOTOS},
    )

    class Meta:
        model = Activity
        fields = ["date", "type", "title", "description", "link"]
        widgets = {"date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, kim, **kwargs):
        super().__init__(*args, **kwargs)
        RegencyRules.for_regency(kim.district.regency)  # the first use brings the default (ADINDA) types
        self.fields["type"].queryset = ActivityType.objects.filter(regency_id=kim.regency_id)
        self.fields["photos"].widget.attrs.update({"accept": "image/jpeg,image/png", "data-max-files": MAX_PHOTOS})

    def _post_clean(self):
        # The service builds and validates the Activity (date, type of the KIM's regency) in the model.
        pass


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=5,
        error_messages={"required": _("Alasan wajib diisi."), "min_length": _("Tuliskan alasan yang jelas.")},
    )
