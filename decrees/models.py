"""SK decrees that legally form a KIM, and the scans that prove them."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decrees import formation
from districts.models import RegencyRules, counted_kims
from kimtrack.dates import add_years
from kimtrack.fields import SingleLineCharField
from kimtrack.scope import ScopedQuerySet
from kimtrack.stored_files import StoredFile


def number_key(number):
    """An SK number as compared: spacing and letter case do not make another number."""
    return re.sub(r"\s+", "", number or "").upper()


class DecisionConflict(Exception):
    """The SK was decided (or withdrawn) by someone else in the meantime."""


class DecreeQuerySet(ScopedQuerySet):
    area_field = "kim__district__code"

    def forming(self, *, on=None):
        """The SKs that make their KIM formed on `on` (today by default): THE rule of "formed".

        Verified (verification supersedes older SKs, so a KIM has at most one), signed by that day,
        its term (masa bakti) not ended, and of a KIM that counts (not merged away, not entered by
        mistake). Every count, list, map and report reaches it from here.
        """
        on = on or timezone.localdate()
        return self.filter(counted_kims("kim__"), status=Decree.Status.VERIFIED, signed_on__lte=on, term_end__gte=on)

    def formation_status(self, *, on=None):
        """An expression: the formation status of the KIM whose SKs this (correlated) queryset holds."""
        return formation.status_expression(self, on or timezone.localdate())

    def of_counted_kims(self):
        """SKs of KIMs that count (see districts.models.counted_kims): for counts of uploads, not of formation."""
        return self.filter(counted_kims("kim__"))

    def pending(self):
        return self.filter(status=Decree.Status.PENDING)

    def expiring(self, *, within, today=None):
        today = today or timezone.localdate()
        return self.filter(status=Decree.Status.VERIFIED, term_end__gte=today, term_end__lte=today + within)

    def for_queue(self):
        """Pending SKs, oldest first, with what the queue shows."""
        return (
            self.pending()
            .select_related("kim__district", "kim__village", "uploaded_by")
            .annotate(scan_count=models.Count("scans"))
            .order_by("created_at")
        )


class Decree(models.Model):
    """A Surat Keputusan forming (or renewing) a KIM. Never hard-deleted."""

    class Status(models.TextChoices):
        PENDING = "menunggu", _("menunggu verifikasi")
        VERIFIED = "terverifikasi", _("terverifikasi")
        REJECTED = "ditolak", _("ditolak")
        SUPERSEDED = "digantikan", _("digantikan SK lebih baru")
        WITHDRAWN = "ditarik", _("ditarik")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kim = models.ForeignKey("districts.KimGroup", models.PROTECT, related_name="decrees", verbose_name=_("KIM"))
    number = models.CharField(
        _("Nomor SK"), max_length=120, help_text=_("Tulis persis seperti di SK, mis. 188.45/123/KPTS/414.403/2021.")
    )
    # number_key(number), kept by save(), so the database compares SK numbers (same KIM, same office).
    number_normalised = models.CharField(max_length=120, editable=False, default="")
    signed_on = models.DateField(_("Tanggal SK"))
    issuer = models.CharField(
        _("penerbit SK"), max_length=160, editable=False, help_text=_("Diturunkan dari tingkat KIM.")
    )
    signatory = SingleLineCharField(
        _("Penandatangan"), max_length=120, help_text=_("Nama pejabat yang menandatangani SK.")
    )
    term_start = models.DateField(_("Masa bakti mulai"))
    term_end = models.DateField(_("Masa bakti selesai"))
    status = models.CharField(_("status"), max_length=14, choices=Status, default=Status.PENDING)
    rejection_reason = models.TextField(_("Alasan penolakan"), blank=True)
    withdrawal_reason = models.TextField(_("alasan penarikan"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="uploaded_decrees", verbose_name=_("pengunggah")
    )
    created_at = models.DateTimeField(_("diunggah"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputus oleh"),
    )
    decided_at = models.DateTimeField(_("diputus"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditarik oleh"),
    )
    withdrawn_at = models.DateTimeField(_("ditarik"), null=True, blank=True)
    imported = models.BooleanField(
        _("diimpor"),
        default=False,
        editable=False,
        help_text=_("Dicatat dari impor daftar KIM, tanpa berkas pindaian."),
    )
    history = HistoricalRecords()

    objects = DecreeQuerySet.as_manager()

    class Meta:
        verbose_name = _("SK")
        verbose_name_plural = _("SK")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gt=F("term_start")), name="decrees_decree_term_order"),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(rejection_reason=""), name="decrees_decree_rejection_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status="ditarik") | ~Q(withdrawal_reason=""), name="decrees_decree_withdrawal_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["kim", "status"], name="decrees_decree_kim_status"),
            models.Index(fields=["issuer", "number_normalised"], name="decrees_decree_issuer_number"),
        ]

    def __str__(self):
        return _("SK %(number)s") % {"number": self.number}

    def save(self, *args, **kwargs):
        self.number_normalised = number_key(self.number)
        if kwargs.get("update_fields") is not None and "number" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "number_normalised"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("decrees:detail", args=[self.pk])

    def clean(self):
        """The SK rules, reached by every write path (upload, draft confirmation, import, admin)."""
        errors = {}
        today = timezone.localdate()
        if self.signed_on and self.signed_on > today:
            errors["signed_on"] = _("Tanggal SK tidak boleh di masa depan.")
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            errors["term_end"] = _("Masa bakti selesai harus sesudah masa bakti mulai.")
        if self.signed_on and self.term_start:
            if not add_years(self.signed_on, -1) <= self.term_start <= add_years(self.signed_on, 1):
                errors["term_start"] = _("Masa bakti mulai paling jauh satu tahun sebelum atau sesudah tanggal SK.")
        if self.term_start and self.term_end and self.kim_id and "term_end" not in errors:
            rules = RegencyRules.read(self.kim.regency_id)
            if self.term_end > add_years(self.term_start, rules.max_term_years):
                errors["term_end"] = _("Masa bakti paling lama %(n)d tahun menurut aturan kabupaten.") % {
                    "n": rules.max_term_years
                }
        if self.kim_id and self._state.adding and not self.kim.is_counted:
            errors[NON_FIELD_ERRORS] = _(
                "KIM ini sudah digabung ke KIM lain atau ditandai salah input; catat SK pada KIM yang tercatat."
            )
        elif self.kim_id and self._state.adding:
            errors.update(self._one_at_a_time())
        if errors:
            raise ValidationError(errors)

    def _one_at_a_time(self):
        """A KIM has one SK awaiting verification at a time, and never the same SK number twice.

        A rejected or withdrawn SK does not count: the corrected SK may well carry the same number.
        """
        earlier = Decree.objects.filter(kim_id=self.kim_id).exclude(pk=self.pk)
        pending = earlier.pending().first()
        if pending:
            return {
                NON_FIELD_ERRORS: _(
                    "KIM ini sudah memiliki SK yang menunggu verifikasi (nomor %(number)s). Tunggu keputusan "
                    "Diskominfo, atau tarik SK itu dulu bila salah input."
                )
                % {"number": pending.number}
            }
        standing = earlier.exclude(status__in=[self.Status.REJECTED, self.Status.WITHDRAWN])
        if standing.filter(number_normalised=number_key(self.number)).exists():
            return {"number": _("Nomor SK ini sudah tercatat untuk KIM ini.")}
        return {}

    def same_number_elsewhere(self):
        """Other KIMs' SKs of the same issuing office with this number: a warning for the verifier."""
        others = Decree.objects.filter(issuer=self.issuer, number_normalised=number_key(self.number))
        others = others.exclude(kim_id=self.kim_id).exclude(status=self.Status.WITHDRAWN)
        return list(others.select_related("kim").order_by("created_at"))

    @property
    def is_open(self):
        return self.status == self.Status.PENDING

    def verify(self, *, by):
        """Mark this SK verified; an older verified SK of the same KIM becomes superseded."""
        with transaction.atomic():
            locked = self._lock_pending()
            if not locked.scans.exists():
                # An imported SK counts only once its scan is on file and checked.
                raise ValidationError(_("SK ini belum memiliki berkas pindaian; unggah berkasnya dulu."))
            locked.status = self.Status.VERIFIED
            locked.decided_by, locked.decided_at = by, timezone.now()
            locked.save()
            verified = list(
                Decree.objects.select_for_update()
                .filter(kim_id=locked.kim_id, status=self.Status.VERIFIED)
                .order_by("-signed_on", "-created_at")
            )
            for older in verified[1:]:
                older.status = self.Status.SUPERSEDED
                older.save()
        self.refresh_from_db()

    def reject(self, *, by, reason):
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"rejection_reason": _("Alasan penolakan wajib diisi.")})
        with transaction.atomic():
            locked = self._lock_pending()
            locked.status = self.Status.REJECTED
            locked.rejection_reason = reason
            locked.decided_by, locked.decided_at = by, timezone.now()
            locked.save()
        self.refresh_from_db()

    def withdraw(self, *, by, reason):
        """Take back an SK entered by mistake. It stays on file, marked withdrawn."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"withdrawal_reason": _("Alasan penarikan wajib diisi.")})
        with transaction.atomic():
            locked = Decree.objects.select_for_update().get(pk=self.pk)
            if locked.status in (self.Status.WITHDRAWN, self.Status.SUPERSEDED):
                raise DecisionConflict
            locked.status = self.Status.WITHDRAWN
            locked.withdrawal_reason = reason
            locked.withdrawn_by, locked.withdrawn_at = by, timezone.now()
            locked.save()
        self.refresh_from_db()

    def _lock_pending(self):
        """Re-read the row under a lock; only a still-pending SK may be decided."""
        locked = Decree.objects.select_for_update().get(pk=self.pk)
        if locked.status != self.Status.PENDING:
            raise DecisionConflict
        return locked


def scan_upload_to(instance, filename):
    # Random name, no trace of the user's file name: that is kept as metadata only.
    return f"scans/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{instance.extension}"


class ScanFile(StoredFile):
    """One file of an SK (a PDF, or one photographed page), in upload order: of an SK, or of a draft."""

    file = models.FileField(_("berkas"), upload_to=scan_upload_to, max_length=200)
    position = models.PositiveSmallIntegerField(_("urutan"), default=1)

    class Meta:
        abstract = True

    def stored(self):
        """What to give another row for the same stored file (a draft's file becoming an SK's)."""
        fields = ("position", "original_name", "content_type", "size", "sha256")
        return {"file": self.file.name} | {name: getattr(self, name) for name in fields}


class ScanQuerySet(ScopedQuerySet):
    area_field = "decree__kim__district__code"


class Scan(ScanFile):
    """One file of an SK (a PDF, or one photographed page)."""

    decree = models.ForeignKey(Decree, models.PROTECT, related_name="scans", verbose_name=_("SK"))

    UPLOADED_BY, UPLOAD_KIM = "decree__uploaded_by", "decree__kim"  # upload quotas (kimtrack/uploads.py)

    objects = ScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("berkas SK")
        verbose_name_plural = _("berkas SK")
        ordering = ["decree", "position"]

    def get_absolute_url(self):
        return reverse("decrees:scan", args=[self.pk])


def sk_template_upload_to(instance, filename):
    return f"sk-templates/{uuid.uuid4().hex}.docx"


class DecreeTemplate(models.Model):
    """A regency's own Word template for draft SKs; without one the built-in draft is used."""

    regency = models.OneToOneField(
        "districts.Regency",
        models.CASCADE,
        primary_key=True,
        related_name="decree_template",
        verbose_name=_("kabupaten/kota"),
    )
    # Private storage like scans: served only through the permission-checked draft view.
    file = models.FileField(_("berkas templat"), upload_to=sk_template_upload_to, max_length=200)
    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("pengunggah")
    )
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("templat draf SK")
        verbose_name_plural = _("templat draf SK")

    def __str__(self):
        return self.original_name
