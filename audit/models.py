from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kimtrack.scope import EVERYTHING, ScopedQuerySet, area_code


class AuditEventQuerySet(ScopedQuerySet):
    area_field = "area_code"

    def for_user(self, user):
        """Events inside the user's area; events with no area (logins) only for superusers."""
        if area_code(user) == EVERYTHING:
            return self
        return super().for_user(user).exclude(area_code="")


class AuditEvent(models.Model):
    """Who did what to which object, when, from where. Append-only."""

    class Action(models.TextChoices):
        LOGIN = "masuk", _("masuk")
        LOGIN_FAILED = "gagal_masuk", _("gagal masuk")
        LOGOUT = "keluar", _("keluar")
        DECREE_SUBMITTED = "sk_diunggah", _("SK diunggah")
        DECREE_VERIFIED = "sk_diverifikasi", _("SK diverifikasi")
        DECREE_REJECTED = "sk_ditolak", _("SK ditolak")
        DECREE_WITHDRAWN = "sk_ditarik", _("SK ditarik")
        ACCOUNT_CREATED = "akun_dibuat", _("akun dibuat")
        ACCOUNT_CHANGED = "akun_diubah", _("akun diubah")
        ACCOUNT_UNLOCKED = "akun_dibuka", _("kunci akun dibuka")
        PASSWORD_CHANGED = "sandi_diganti", _("kata sandi diganti")
        PASSWORD_RESET_REQUESTED = "sandi_diminta", _("pemulihan sandi diminta")
        PASSWORD_RESET_DONE = "sandi_dipulihkan", _("kata sandi dipulihkan lewat email")
        OTP_ENROLLED = "2fa_dipasang", _("verifikasi dua langkah dipasang")
        OTP_FAILED = "2fa_gagal", _("kode verifikasi dua langkah salah")
        OTP_RESET = "2fa_direset", _("verifikasi dua langkah direset")
        NOTIFICATION_FAILED = "email_gagal", _("email pemberitahuan gagal terkirim")
        KIM_MERGED = "kim_digabung", _("KIM digabung")
        KIM_MISTAKEN = "kim_salah_input", _("KIM ditandai salah input")

    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    username = models.CharField(_("nama pengguna"), max_length=150, blank=True)
    action = models.CharField(_("tindakan"), max_length=20, choices=Action)
    area_code = models.CharField(_("wilayah"), max_length=13, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(_("keterangan"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"
