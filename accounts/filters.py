import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class AccountFilter(django_filters.FilterSet):
    """The account list's search: username, name or kecamatan (lists filter through django-filter)."""

    q = django_filters.CharFilter(method="search", label=_("Cari"))

    class Meta:
        model = User
        fields = ["q"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value) | Q(first_name__icontains=value) | Q(district__name__icontains=value)
        )
