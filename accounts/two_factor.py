"""Two-factor sign-in with django-otp: enrolment, checking a code, and a superuser's reset.

The rule "who must use it" is `User.two_factor_required()`; this module does the rest. Codes come
from a TOTP app (one device per account) or from single-use recovery codes (django-otp's static
device), which are shown once at enrolment.
"""

import base64
import re

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from audit.services import area_of, audit

DEVICE_NAME = "autentikator"
# Session keys: who passed the password step (not logged in yet), and "this session came through
# the site's login, which asks for a code whenever the account has a device".
PENDING_KEY = "kimtrack_2fa_pending"
FLOW_KEY = "kimtrack_2fa_flow"


def has_device(user):
    return user_has_device(user, confirmed=True)


def pending_totp_device(user):
    """The account's unconfirmed TOTP device (a fresh secret until a code from it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_of(device):
    """The secret in base32, for typing into an app when the QR code cannot be scanned."""
    return base64.b32encode(device.bin_key).decode()


def qr_svg(device):
    """The device's otpauth:// address as an inline SVG QR code (drawn here, no outside service)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    # qrcode sizes the drawing in millimetres; let the page's box decide (the viewBox keeps the shape).
    return re.sub(r'width="[^"]*" height="[^"]*"', 'width="100%" height="100%"', svg, count=1)


def _audit(action, user, *, by, what, ip):
    audit(action, actor=by, area_code=area_of(user), object_id=user.pk, summary=f"{user.username}: {what}", ip=ip)


def two_factor_enrol(*, user, device, token, ip=None):
    """Confirm `device` with a code from the app; return the new recovery codes (shown once).

    Raises ValidationError when the code is wrong. Earlier devices of the account are replaced.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
        if not device.verify_token(token):
            raise ValidationError(_("Kode tidak cocok. Periksa jam ponsel Anda dan ketik kode yang sedang tampil."))
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        StaticDevice.objects.filter(user=user).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        recovery = StaticDevice.objects.create(user=user, name="kode pemulihan", confirmed=True)
        codes = [StaticToken.random_token() for _n in range(settings.TWO_FACTOR_RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
        _audit(AuditEvent.Action.OTP_ENROLLED, user, by=user, what="verifikasi dua langkah dipasang", ip=ip)
    return device, codes


def device_matching(user, token):
    """The device of `user` that accepts `token` (an app code or an unused recovery code), or None."""
    token = "".join(str(token).split()).lower()
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if device.verify_token(token):
                return device
    return None


def two_factor_reset(*, account, by, ip=None):
    """A superuser removes every device of `account` (a lost phone); it enrols again at next sign-in."""
    if not by.is_superuser:
        raise PermissionError("only superusers reset two-factor devices")
    with transaction.atomic():
        removed = sum(model.objects.filter(user=account).delete()[0] for model in (TOTPDevice, StaticDevice))
        _audit(AuditEvent.Action.OTP_RESET, account, by=by, what="perangkat verifikasi dua langkah direset", ip=ip)
    return removed
