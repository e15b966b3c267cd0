from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import AuditEvent
from audit.services import audit


def _area(user):
    return (user.district_id or user.regency_id or user.province_id or "") if user else ""


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    audit(AuditEvent.Action.LOGIN, actor=user, area_code=_area(user), request=request)


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit(AuditEvent.Action.LOGOUT, actor=user, area_code=_area(user), request=request)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    # A wrong second-factor code is sent as a failed login too (django-axes counts it); say which.
    action = AuditEvent.Action.OTP_FAILED if credentials.get("second_factor") else AuditEvent.Action.LOGIN_FAILED
    audit(action, username=str(credentials.get("username", ""))[:150], request=request)
