from django import template

from decrees.formation import BADGE_CLASSES, FormationStatus
from decrees.models import Decree

register = template.Library()

DECREE_BADGES = {
    Decree.Status.PENDING: "text-bg-warning",
    Decree.Status.VERIFIED: "text-bg-success",
    Decree.Status.REJECTED: "text-bg-danger",
    Decree.Status.SUPERSEDED: "text-bg-secondary",
    Decree.Status.WITHDRAWN: "text-bg-dark",
}


@register.inclusion_tag("_status_badge.html")
def formation_badge(status):
    """A badge that carries the status in words, not only in colour."""
    status = FormationStatus(status)
    return {"label": status.label, "css": BADGE_CLASSES[status], "value": status.value}


@register.inclusion_tag("_status_badge.html")
def decree_badge(decree):
    status = Decree.Status(decree.status)
    return {"label": status.label, "css": DECREE_BADGES[status], "value": status.value}
