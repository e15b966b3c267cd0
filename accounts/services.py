"""Creating and changing accounts: the one write path for the site, the command line and the demo.

Every function is keyword-only, names the acting user `by` (None for the command line) and writes
its audit event inside the transaction of the change.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from accounts.models import USERNAME_TAKEN, User
from audit.models import AuditEvent
from audit.services import area_of, audit
from districts import codes
from districts.models import District, Province, Regency

# Letters and digits that cannot be confused when read aloud or copied from paper.
_PASSWORD_CHARS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

ROLE_AREA = {
    User.Role.STAFF: (codes.REGENCY, Regency, "regency"),
    User.Role.DISTRICT_ADMIN: (codes.DISTRICT, District, "district"),
    User.Role.PROVINCE_VIEWER: (codes.PROVINCE, Province, "province"),
}


def generate_password():
    """A random 14-character password, shown once to whoever creates or resets the account."""
    return get_random_string(14, _PASSWORD_CHARS)


def username_taken_error():
    return ValidationError({"username": USERNAME_TAKEN})


def resolve_area(role, code):
    """Return the region a role's area code names, or raise ValidationError saying why not."""
    level, model, _field = ROLE_AREA[role]
    if not codes.is_valid(code, level):
        raise ValidationError(
            _("Peran %(role)s membutuhkan kode %(level)s, misalnya %(example)s.")
            % {"role": role, "level": model._meta.verbose_name, "example": codes.EXAMPLES[level]}
        )
    try:
        return model.objects.get(code=code)
    except model.DoesNotExist:
        raise ValidationError(_("Wilayah %(code)s belum dimuat.") % {"code": code}) from None


def _account_audit(action, account, *, by, what, ip=None):
    audit(
        action,
        actor=by,
        area_code=area_of(account),
        object_id=account.pk,
        summary=f"{account.username}: {what}" if by is not None else f"{account.username}: {what} (baris perintah)",
        ip=ip,
    )


def account_create(*, by, username, district, first_name, email="", phone="", ip=None):
    """Create a kecamatan admin of `district` with a random password; return (user, password).

    Two requests creating the same name at once both pass validation; the database's
    case-insensitive unique constraint stops the second, which answers a ValidationError.
    """
    password = generate_password()
    user = User(
        username=username,
        first_name=first_name,
        email=email,
        phone=phone,
        role=User.Role.DISTRICT_ADMIN,
        district=district,
    )
    user.set_password(password)
    if User.objects.filter(username__iexact=username).exists():
        raise username_taken_error()
    user.full_clean(exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
            _account_audit(AuditEvent.Action.ACCOUNT_CREATED, user, by=by, what=f"dibuat, Kecamatan {district}", ip=ip)
    except IntegrityError:
        if User.objects.filter(username__iexact=username).exists():
            raise username_taken_error() from None
        raise
    return user, password


def account_save(*, username, role, area_code, email="", full_name="", password=None, by=None):
    """Create or update `username` with `role` scoped to `area_code` (command line, demo).

    Returns (user, created, password) where password is the generated one when
    none was given, so the caller can show it exactly once.
    """
    area = resolve_area(role, area_code)
    generated = password is None
    password = generate_password() if generated else password
    try:
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username__iexact=username).first()
            created = user is None
            user = user or User(username=username)
            user.role = role
            user.province = user.regency = user.district = None
            setattr(user, ROLE_AREA[role][2], area)
            if email:
                user.email = email
            if full_name:
                user.first_name = full_name
            validate_password(password, user)
            user.set_password(password)
            user.is_active = True
            user.full_clean(exclude=["password"])
            user.save()
            action = AuditEvent.Action.ACCOUNT_CREATED if created else AuditEvent.Action.ACCOUNT_CHANGED
            what = f"{'dibuat' if created else 'diperbarui'}: {user.role_label}, {area}"
            _account_audit(action, user, by=by, what=what)
    except IntegrityError:
        if created and User.objects.filter(username__iexact=username).exists():
            raise username_taken_error() from None
        raise
    return user, created, password


def account_password_reset(*, account, by, ip=None):
    """Give `account` a new random password (its sessions end with it) and return it."""
    password = generate_password()
    with transaction.atomic():
        account.set_password(password)
        account.save(update_fields=["password"])
        _account_audit(AuditEvent.Action.ACCOUNT_CHANGED, account, by=by, what="kata sandi direset", ip=ip)
    return password


def _account_set_active(account, active, *, by, ip):
    """Put `account` in the asked state; return False when it already was (nothing written)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=account.pk)
        if locked.is_active == active:
            return False
        locked.is_active = active
        locked.save(update_fields=["is_active"])
        account.is_active = active
        _account_audit(AuditEvent.Action.ACCOUNT_CHANGED, locked, by=by, what="aktif" if active else "nonaktif", ip=ip)
    return True


def account_activate(*, account, by, ip=None):
    return _account_set_active(account, True, by=by, ip=ip)


def account_deactivate(*, account, by, ip=None):
    return _account_set_active(account, False, by=by, ip=ip)


def password_change_record(*, account, ip=None):
    """Audit a user changing their own password (Django's view saved it in the same transaction)."""
    _account_audit(AuditEvent.Action.PASSWORD_CHANGED, account, by=account, what="kata sandi diganti sendiri", ip=ip)
