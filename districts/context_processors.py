"""The regency rules every page may name (the footer's legal bases, the spelled-out "KIM")."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from districts import codes
from districts.models import RegencyRules
from kimtrack import scope


def regency_in_view(request):
    """The regency a page is about: the user's own, else the one asked for (?kabupaten=), else the public one."""
    area = scope.area_code(request.user) if hasattr(request, "user") else None
    if area and len(area) >= 5:
        return area[:5]
    asked = request.GET.get("kabupaten", "")
    return asked if codes.level_of(asked) == codes.REGENCY else settings.KIMTRACK_PUBLIC_REGENCY


def regency_rules(request):
    # Lazy: a page that never names the rules (an SVG, a redirect) pays no query.
    return {"regency_rules": SimpleLazyObject(lambda: RegencyRules.read(regency_in_view(request)))}
