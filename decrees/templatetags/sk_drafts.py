"""The draft-SK template panel shown on the regency rules page (districts does not import decrees)."""

from django import template

from decrees.draft_sk import PLACEHOLDERS
from decrees.forms import DecreeTemplateForm
from decrees.models import DecreeTemplate

register = template.Library()


@register.inclusion_tag("decrees/_sk_template_panel.html", takes_context=True)
def sk_template_panel(context, regency):
    return {
        "regency": regency,
        "own": DecreeTemplate.objects.filter(regency=regency).select_related("uploaded_by").first(),
        "placeholders": PLACEHOLDERS,
        "form": DecreeTemplateForm(),
        "csrf_token": context.get("csrf_token"),
    }
