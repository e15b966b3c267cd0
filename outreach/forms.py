from django import forms
from django.utils.translation import gettext_lazy as _

from kimtrack.forms import DateInput, MultipleFileField
from kimtrack.uploads import limits_text
from outreach.models import OutreachEvent, ParticipantGroup


class OutreachForm(forms.ModelForm):
    participant_groups = forms.MultipleChoiceField(
        label=_("Unsur peserta"), choices=ParticipantGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    files = MultipleFileField(
        label=_("Lampiran"),
        required=False,
        help_text=limits_text(_("Foto kegiatan atau daftar hadir.")),
    )

    class Meta:
        model = OutreachEvent
        fields = [
            "held_on",
            "district",
            "village",
            "venue",
            "participant_count",
            "participant_groups",
            "speakers",
            "notes",
        ]
        widgets = {
            "held_on": DateInput(),
            "speakers": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    # What a plan does not know yet: filled in when it is recorded as held.
    HELD_ONLY = ("participant_count", "participant_groups", "files")

    def __init__(self, *args, districts, villages, status, **kwargs):
        super().__init__(*args, **kwargs)
        # Set before validation: the model's clean() decides by status (no future date once held).
        self.instance.status = status
        if status == OutreachEvent.Status.PLANNED:
            for name in self.HELD_ONLY:
                del self.fields[name]
            self.fields["held_on"].label = _("Tanggal rencana")
            self.fields["held_on"].help_text = _("Boleh tanggal yang akan datang.")
        else:
            self.fields["participant_count"].required = True
            self.fields["held_on"].label = _("Tanggal pelaksanaan")
            self.fields["held_on"].help_text = _("Tanggal sosialisasi dilaksanakan (tidak boleh di masa depan).")
        self.fields["district"].queryset = districts.order_by("name")
        villages = villages.select_related("district").order_by("district__name", "name")
        self.fields["village"].queryset = villages
        # Grouped by kecamatan: clearer on a phone, and a regency's 300+ villages stay a small page.
        groups = {}
        for village in villages:
            groups.setdefault(village.district.display_name, []).append((village.code, village.display_name))
        self.fields["village"].choices = [("", "---------"), *groups.items()]

    def clean(self):
        data = super().clean()
        district, village = data.get("district"), data.get("village")
        if district and village and village.district_id != district.code:
            self.add_error("village", _("Desa/kelurahan ini tidak berada di kecamatan yang dipilih."))
        return data
