import django_filters
from django.utils.translation import gettext_lazy as _

from activities.liveliness import Liveliness
from decrees.formation import FormationStatus
from districts.models import Classification, District, KimGroup, Regency


class DistrictFilter(django_filters.FilterSet):
    """Filters of the kecamatan list; the regency choice appears only to users who see several."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Cari kecamatan"))
    regency = django_filters.ModelChoiceFilter(queryset=None, label=_("Kabupaten/kota"), empty_label=_("Semua"))

    class Meta:
        model = District
        fields = ["q", "regency"]

    def __init__(self, *args, regencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["regency"].queryset = regencies
        if len(regencies) <= 1:
            del self.filters["regency"]


class KimFilter(django_filters.FilterSet):
    """Filters of the KIM list; choices are limited to the user's area."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Cari nama KIM"))
    district = django_filters.ModelChoiceFilter(queryset=None, label=_("Kecamatan"), empty_label=_("Semua"))
    level = django_filters.ChoiceFilter(choices=KimGroup.Level.choices, label=_("Tingkat"), empty_label=_("Semua"))
    status = django_filters.ChoiceFilter(
        field_name="formation_status", choices=FormationStatus.choices, label=_("Status"), empty_label=_("Semua")
    )
    classification = django_filters.ModelChoiceFilter(queryset=None, label=_("Klasifikasi"), empty_label=_("Semua"))
    liveliness = django_filters.ChoiceFilter(
        field_name="liveliness", choices=Liveliness.choices, label=_("Status kegiatan"), empty_label=_("Semua")
    )
    kimid = django_filters.ChoiceFilter(
        choices=[("terdaftar", _("Terdaftar di KIM.id")), ("belum", _("Belum terdaftar di KIM.id"))],
        method="filter_kimid",
        label=_("KIM.id"),
        empty_label=_("Semua"),
    )

    # Staff only: merged and mistaken records are out of the list unless asked for.
    record = django_filters.ChoiceFilter(
        choices=[
            (KimGroup.Record.MERGED, _("Digabung ke KIM lain")),
            (KimGroup.Record.MISTAKEN, _("Salah input")),
            ("semua", _("Semua, termasuk digabung dan salah input")),
        ],
        method="filter_record",
        label=_("Status catatan"),
        empty_label=_("Tercatat"),
    )

    class Meta:
        model = KimGroup
        fields = ["q", "district", "level", "status", "classification", "liveliness", "kimid", "record"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_regency_staff:
            del self.filters["record"]
        self.filters["district"].queryset = District.objects.for_user(user).order_by("name")
        self.filters["classification"].queryset = Classification.objects.filter(
            regency__in=Regency.objects.for_user(user)
        ).select_related("regency")

    @property
    def qs(self):
        """The filtered KIMs; without a record choice, only the ones that count."""
        if not hasattr(self, "_counted_qs"):
            qs = super().qs
            asked = self.is_bound and "record" in self.filters and self.form.is_valid()
            self._counted_qs = qs if asked and self.form.cleaned_data.get("record") else qs.counted()
        return self._counted_qs

    def filter_record(self, queryset, name, value):
        return queryset if value == "semua" else queryset.filter(record=value)

    def filter_kimid(self, queryset, name, value):
        return queryset.registered_on_kimid() if value == "terdaftar" else queryset.not_on_kimid()
