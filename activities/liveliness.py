"""Is a KIM alive? The one place that decides its activity state (not its dissolution status).

A KIM is "aktif berkegiatan" when its newest current activity is at most N days old, N being its
regency's rule (default 90); "kurang aktif" when it has older activities only; "belum ada
kegiatan" when it has none. Activities dated after `today` do not count, so the state on a past
date is the state as it was then.
"""

import datetime

from django.db import models
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.models import RegencyRules


class Liveliness(models.TextChoices):
    ACTIVE = "aktif", _("Aktif berkegiatan")
    LOW = "kurang_aktif", _("Kurang aktif")
    NONE = "belum_ada", _("Belum ada kegiatan")


def _cutoff(today, kim):
    """The oldest date an activity may have for the KIM to count as active, per regency."""
    default = RegencyRules.DEFAULT_ACTIVE_WITHIN_DAYS
    windows = RegencyRules.objects.exclude(active_within_days=default).values_list("regency_id", "active_within_days")
    whens = [
        When(**{f"{kim}district__code__startswith": f"{code}."}, then=Value(today - datetime.timedelta(days=days)))
        for code, days in windows
    ]
    fallback = Value(today - datetime.timedelta(days=default))
    return Case(*whens, default=fallback, output_field=models.DateField()) if whens else fallback


def with_liveliness(queryset, today=None, *, kim=""):
    """Annotate `last_activity_on` and `liveliness` on KIMs (kim="") or on rows pointing at one (kim="kim__")."""
    from activities.models import Activity

    today = today or timezone.localdate()
    newest = (
        Activity.objects.current()
        .filter(kim=OuterRef(f"{kim}pk"), date__lte=today)
        .order_by("-date")
        .values("date")[:1]
    )
    queryset = queryset.annotate(last_activity_on=Subquery(newest, output_field=models.DateField()))
    return queryset.annotate(
        liveliness=Case(
            When(last_activity_on__isnull=True, then=Value(Liveliness.NONE.value)),
            When(last_activity_on__gte=_cutoff(today, kim), then=Value(Liveliness.ACTIVE.value)),
            default=Value(Liveliness.LOW.value),
            output_field=models.CharField(),
        )
    )


def label(value):
    return Liveliness(value).label if value else ""
