import django_filters
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent


class AuditFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(choices=AuditEvent.Action.choices, label=_("Tindakan"), empty_label=_("Semua"))
    username = django_filters.CharFilter(lookup_expr="icontains", label=_("Pengguna"))
    since = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("Sejak"))
    until = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("Sampai"))

    class Meta:
        model = AuditEvent
        fields = ["action", "username", "since", "until"]


def audit_log(request):
    """Staff see their regency's audit trail; logins without an area show for superusers only."""
    user = request.user
    if not user.is_regency_staff:
        raise PermissionDenied
    events = AuditEvent.objects.for_user(user)
    audit_filter = AuditFilter(request.GET or None, queryset=events)
    page = Paginator(audit_filter.qs, 50).get_page(request.GET.get("page"))
    return render(request, "audit/audit_log.html", {"filter": audit_filter, "page": page})
