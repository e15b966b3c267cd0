from django import template

from activities.liveliness import Liveliness

register = template.Library()

BADGES = {
    Liveliness.ACTIVE: "text-bg-success",
    Liveliness.LOW: "text-bg-warning",
    Liveliness.NONE: "text-bg-light border",
}


@register.inclusion_tag("_status_badge.html")
def liveliness_badge(value):
    """The KIM's activity state in words (not only colour); not to be confused with dissolution (bubar)."""
    state = Liveliness(value or Liveliness.NONE)
    return {"label": state.label, "css": BADGES[state], "value": state.value}
