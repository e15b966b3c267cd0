"""Creating and updating accounts: one path for the command line and the site."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from accounts.models import User
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


def account_save(*, username, role, area_code, email="", full_name="", password=None):
    """Create or update `username` with `role` scoped to `area_code`.

    Returns (user, created, password) where password is the generated one when
    none was given, so the caller can show it exactly once.
    """
    area = resolve_area(role, area_code)
    generated = password is None
    password = generate_password() if generated else password
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
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
    return user, created, password


def password_reset(*, user):
    """Give `user` a new random password and return it."""
    password = generate_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    return password
