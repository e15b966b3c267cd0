"""SK decrees that legally form a KIM, and the scans that prove them."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models import KimGroup
from kimtrack.stored_files import StoredFile


class DecisionConflict(Exception):
    """The SK was decided (or withdrawn) by someone else in the meantime."""


class DecreeQuerySet(models.QuerySet):
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
    kim = models.ForeignKey(KimGroup, models.PROTECT, related_name="decrees", verbose_name=_("KIM"))
    number = models.CharField(
        _("Nomor SK"), max_length=120, help_text=_("Tulis persis seperti di SK, mis. 188.45/123/KPTS/414.403/2021.")
    )
    signed_on = models.DateField(_("Tanggal SK"))
    issuer = models.CharField(
        _("penerbit SK"), max_length=160, editable=False, help_text=_("Diturunkan dari tingkat KIM.")
    )
    signatory = models.CharField(
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
        indexes = [models.Index(fields=["kim", "status"], name="decrees_decree_kim_status")]

    def __str__(self):
        return _("SK %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("decrees:detail", args=[self.pk])

    def clean(self):
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": _("Masa bakti selesai harus sesudah masa bakti mulai.")})

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


class Scan(ScanFile):
    """One file of an SK (a PDF, or one photographed page)."""

    decree = models.ForeignKey(Decree, models.PROTECT, related_name="scans", verbose_name=_("SK"))

    UPLOADED_BY, UPLOAD_KIM = "decree__uploaded_by", "decree__kim"  # upload quotas (decrees/uploads.py)

    class Meta:
        verbose_name = _("berkas SK")
        verbose_name_plural = _("berkas SK")
        ordering = ["decree", "position"]

    def get_absolute_url(self):
        return reverse("decrees:scan", args=[self.pk])
