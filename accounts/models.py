"""User accounts and the area each account is responsible for."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts import codes
from districts.models import RegencyRules
from kimtrack.fields import PhoneField, SingleLineCharField
from kimtrack.scope import ScopedQuerySet

# One wording for the case-insensitive unique rule: the form, the service and the database constraint.
USERNAME_TAKEN = _("Nama pengguna ini sudah dipakai (huruf besar/kecil tidak dibedakan). Pilih nama lain.")


class UserQuerySet(ScopedQuerySet):
    area_field = "district__code"

    def district_admins(self):
        """Kecamatan admin accounts that regency staff may manage.

        An account that can enter Django admin (is_staff) or holds every right (is_superuser)
        is never one of them, whatever role it also carries: staff must not be able to reset
        its password or deactivate it and so take it over.
        """
        return self.filter(role=User.Role.DISTRICT_ADMIN, is_superuser=False, is_staff=False)

    def staff_of(self, regency_code):
        """The active staff accounts of one regency (who verify its SKs)."""
        return self.filter(role=User.Role.STAFF, regency_id=regency_code, is_active=True)


class AccountManager(UserManager.from_queryset(UserQuerySet)):
    """Django's user manager (create_user, ...) with the scoped queryset."""

    def get_by_natural_key(self, username):
        # Usernames are unique ignoring case, so a login matches whatever case is typed.
        return self.get(username__iexact=username)


class User(AbstractUser):
    """A KIMTrack user: a role plus exactly the area that role needs.

    staf      -> one regency (Diskominfo kabupaten/kota staff)
    kecamatan -> one district (kecamatan admin)
    provinsi  -> one province (read-only viewer)
    Superusers need no role.
    """

    class Role(models.TextChoices):
        STAFF = "staf", _("Staf Diskominfo")
        DISTRICT_ADMIN = "kecamatan", _("Admin kecamatan")
        PROVINCE_VIEWER = "provinsi", _("Pemantau provinsi")

    role = models.CharField(_("peran"), max_length=10, choices=Role, blank=True)
    province = models.ForeignKey(
        "districts.Province", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("provinsi")
    )
    regency = models.ForeignKey(
        "districts.Regency", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kabupaten/kota")
    )
    district = models.ForeignKey(
        "districts.District", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kecamatan")
    )
    # A person's name: single line (it appears in e-mail greetings and exports), whitespace stripped.
    first_name = SingleLineCharField(_("Nama lengkap"), max_length=150, blank=True)
    phone = PhoneField(_("telepon"), blank=True, help_text=_("Nomor yang bisa dihubungi, misalnya 0812-3456-7890."))
    language = models.CharField(
        _("bahasa"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Bahasa tampilan dan email untuk akun ini; kosong berarti bahasa bawaan situs."),
    )
    digest_opt_out = models.BooleanField(
        _("jangan kirimi saya ringkasan mingguan"),
        default=False,
        help_text=_("Ringkasan berisi hal yang perlu Anda tindak lanjuti, paling banyak sekali seminggu."),
    )
    # Who changed an account, and how, whichever way it was changed (site, admin, command line).
    # The password hash and the login time stay out: one is a secret, the other changes on every login.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = AccountManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["username"]
        constraints = [
            # Each role carries exactly the one area it is scoped to, so a
            # half-configured account can never see more than it should.
            models.CheckConstraint(
                condition=(
                    Q(role="", province__isnull=True, regency__isnull=True, district__isnull=True)
                    | Q(role="staf", province__isnull=True, regency__isnull=False, district__isnull=True)
                    | Q(role="kecamatan", province__isnull=True, regency__isnull=True, district__isnull=False)
                    | Q(role="provinsi", province__isnull=False, regency__isnull=True, district__isnull=True)
                ),
                name="accounts_user_role_matches_area",
            ),
            # "Admin" beside "admin" would be two accounts that people cannot tell apart.
            models.UniqueConstraint(
                Lower("username"),
                name="accounts_user_username_ci_unique",
                violation_error_message=USERNAME_TAKEN,
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def preferred_language(self):
        """The language pages and emails for this account are shown in."""
        return self.language or settings.LANGUAGE_CODE

    @property
    def area(self):
        """The region this account is scoped to (None for superusers without a role)."""
        return self.district or self.regency or self.province

    # Role predicates: the only place that compares `role` with a value. A superuser counts as
    # regency staff everywhere (and may see any province), never as a kecamatan admin or as a
    # read-only viewer, whatever role field the account also carries.
    @property
    def is_regency_staff(self):
        """Diskominfo staff of a regency (or a superuser): verification, rules, accounts, reports."""
        return self.is_superuser or self.role == self.Role.STAFF

    @property
    def is_district_admin(self):
        """A kecamatan admin: registers KIMs and uploads SKs in one kecamatan."""
        return self.role == self.Role.DISTRICT_ADMIN and not self.is_superuser

    @property
    def is_province_viewer(self):
        """A read-only viewer of one province (superusers are never read-only)."""
        return self.role == self.Role.PROVINCE_VIEWER and not self.is_superuser

    @property
    def can_compare_regencies(self):
        """Province viewers and superusers see the province dashboard and the regency picker."""
        return self.is_superuser or self.role == self.Role.PROVINCE_VIEWER

    def two_factor_required(self):
        """Whether this account must sign in with a second factor (the one home of that rule).

        Always for regency staff, Django-staff and superusers; for anyone else of a regency whose
        rules ask for it (kecamatan admins of that regency). Province viewers may opt in.
        """
        if self.is_regency_staff or self.is_staff:
            return True
        if not self.district_id:
            return False
        return RegencyRules.objects.filter(
            regency_id=codes.parent_code(self.district_id), require_two_factor=True
        ).exists()

    @property
    def is_read_only(self):
        return self.is_province_viewer

    @property
    def role_label(self):
        if self.role:
            return self.get_role_display()
        return _("Superuser") if self.is_superuser else _("Tanpa peran")
