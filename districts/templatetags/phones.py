from django import template

from kimtrack.phone import format_phone

register = template.Library()


@register.filter
def phone(value):
    """A stored "+62…" number as people dial it: 0812-3456-7890, (0356) 321456."""
    return format_phone(value)
