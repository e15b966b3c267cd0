"""Record an action once: a structured log line and an audit row."""

import logging

from audit.models import AuditEvent

logger = logging.getLogger("kimtrack.audit")


def client_ip(request):
    """The client address as django-axes resolves it (trusting only configured proxies)."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)


def area_of(user):
    """The area code an account's events are filed under (its district, regency or province)."""
    return (user.district_id or user.regency_id or user.province_id or "") if user is not None else ""


def audit(action, *, actor=None, username="", area_code="", object_id="", summary="", request=None, ip=None):
    """Write one audit row; call it inside the transaction of the change it records."""
    username = username or (actor.username if actor is not None and actor.is_authenticated else "")
    ip = ip or client_ip(request)
    logger.info(
        action,
        extra={
            "event": action,
            "user": username,
            "area": area_code,
            "object": str(object_id),
            "ip": ip,
            "summary": summary,
        },
    )
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        username=username[:150],
        action=action,
        area_code=area_code,
        object_id=str(object_id),
        summary=summary[:300],
        ip_address=ip,
    )
