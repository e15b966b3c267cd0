"""Formation status of a KIM: the one place where it is decided.

A KIM counts as formed only when a verified SK is on file whose term of office
(masa bakti) has not ended. The rules, in order of precedence:

1. terbentuk            — a verified SK whose term end is today or later
2. menunggu verifikasi  — otherwise, an SK awaits verification
3. SK ditolak           — otherwise, the newest SK (withdrawn ones ignored) was rejected
4. SK kedaluwarsa       — otherwise, a verified SK exists but its term has ended
5. belum ada SK         — nothing of the above

Withdrawn SKs never count. Superseded SKs were replaced by a newer verified SK,
so they never decide the status either. The rules are one SQL expression, so
lists can filter and count by status without loading every KIM.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Subquery, Value
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decrees.models import Decree


class FormationStatus(models.TextChoices):
    NO_DECREE = "belum_ada_sk", _("belum ada SK")
    PENDING = "menunggu", _("menunggu verifikasi")
    REJECTED = "ditolak", _("SK ditolak")
    FORMED = "terbentuk", _("terbentuk")
    EXPIRED = "kedaluwarsa", _("SK kedaluwarsa")


BADGE_CLASSES = {
    FormationStatus.NO_DECREE: "text-bg-light border",
    FormationStatus.PENDING: "text-bg-warning",
    FormationStatus.REJECTED: "text-bg-danger",
    FormationStatus.FORMED: "text-bg-success",
    FormationStatus.EXPIRED: "text-bg-secondary",
}


def forming_decrees(today, kim_ref="pk"):
    """Rule 1: the verified SKs whose term has not ended; a KIM with one is formed."""
    return Decree.objects.filter(kim=OuterRef(kim_ref), status=Decree.Status.VERIFIED, term_end__gte=today)


def formation_status_expression(today=None, kim_ref="pk"):
    """An expression giving the formation status of the KIM at OuterRef(kim_ref)."""
    today = today or timezone.localdate()
    decrees = Decree.objects.filter(kim=OuterRef(kim_ref))
    newest_status = Subquery(
        decrees.exclude(status=Decree.Status.WITHDRAWN).order_by("-created_at").values("status")[:1]
    )
    return models.Case(
        models.When(Exists(forming_decrees(today, kim_ref)), then=Value(FormationStatus.FORMED.value)),
        models.When(Exists(decrees.filter(status=Decree.Status.PENDING)), then=Value(FormationStatus.PENDING.value)),
        models.When(
            Exact(newest_status, Value(Decree.Status.REJECTED.value)), then=Value(FormationStatus.REJECTED.value)
        ),
        models.When(Exists(decrees.filter(status=Decree.Status.VERIFIED)), then=Value(FormationStatus.EXPIRED.value)),
        default=Value(FormationStatus.NO_DECREE.value),
        output_field=models.CharField(max_length=12, choices=FormationStatus.choices),
    )
