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
from django.db.models import Exists, Subquery, Value
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _


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


def status_expression(decrees, on):
    """The formation status of one KIM, given `decrees`: that KIM's SKs (a correlated queryset).

    Rule 1 is `DecreeQuerySet.forming`, the one definition of "formed"; this adds rules 2 to 5.
    Written against the queryset it is given, so this module imports no model.
    """
    status = decrees.model.Status
    newest_status = Subquery(decrees.exclude(status=status.WITHDRAWN).order_by("-created_at").values("status")[:1])
    return models.Case(
        models.When(Exists(decrees.forming(on=on)), then=Value(FormationStatus.FORMED.value)),
        models.When(Exists(decrees.filter(status=status.PENDING)), then=Value(FormationStatus.PENDING.value)),
        models.When(Exact(newest_status, Value(status.REJECTED.value)), then=Value(FormationStatus.REJECTED.value)),
        models.When(Exists(decrees.filter(status=status.VERIFIED)), then=Value(FormationStatus.EXPIRED.value)),
        default=Value(FormationStatus.NO_DECREE.value),
        output_field=models.CharField(max_length=12, choices=FormationStatus.choices),
    )
