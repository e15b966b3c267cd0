"""What the reading assistant keeps: scans uploaded before the SK form, and what was read from them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decrees.models import Decree, ScanFile
from districts.models import KimGroup
from kimtrack.scope import ScopedQuerySet


class DraftQuerySet(ScopedQuerySet):
    area_field = "kim__district__code"


class DraftScanQuerySet(ScopedQuerySet):
    area_field = "draft__kim__district__code"


class Draft(models.Model):
    """Scans an admin uploaded first, so the SK form can be prefilled from what they say.

    When the admin confirms the form, the scans become the new SK's scans and the
    draft keeps a link to that SK. Until then nothing about the SK exists.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kim = models.ForeignKey(KimGroup, models.PROTECT, related_name="sk_drafts", verbose_name=_("KIM"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("pengunggah")
    )
    created_at = models.DateTimeField(_("diunggah"), default=timezone.now, editable=False)
    decree = models.OneToOneField(
        Decree, models.PROTECT, null=True, blank=True, related_name="draft", verbose_name=_("menjadi SK")
    )

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draf SK")
        verbose_name_plural = _("draf SK")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Draf SK %(kim)s") % {"kim": self.kim}

    def get_absolute_url(self):
        return reverse("reading:draft", args=[self.pk])


class DraftScan(ScanFile):
    """A file of a draft; it becomes a decrees.Scan (same stored file) when the SK is submitted."""

    draft = models.ForeignKey(Draft, models.CASCADE, related_name="scans", verbose_name=_("draf"))

    UPLOADED_BY, UPLOAD_KIM = "draft__uploaded_by", "draft__kim"  # upload quotas (kimtrack/uploads.py)

    objects = DraftScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("berkas draf SK")
        verbose_name_plural = _("berkas draf SK")
        ordering = ["draft", "position"]

    def get_absolute_url(self):
        return reverse("reading:draft_scan", args=[self.pk])


def keep_decree_readings(collector, field, sub_objs, using):
    """on_delete of Reading.draft: a draft's own reading goes with it, an SK's reading stays.

    A submitted draft hands its reading to the SK (`adopt_draft` sets `decree`); deleting the draft
    afterwards (Django admin, a shell) must not take the SK's reading with it.
    """
    adopted = [reading for reading in sub_objs if reading.decree_id is not None]
    own = [reading for reading in sub_objs if reading.decree_id is None]
    if adopted:
        collector.add_field_update(field, None, adopted)
    if own:
        models.CASCADE(collector, field, own, using)


class ReadingQuerySet(ScopedQuerySet):
    # Scoped through the SK: readings of drafts are reached through their draft, never listed.
    area_field = "decree__kim__district__code"

    def of_decrees(self):
        return self.filter(decree__isnull=False)

    def finished(self):
        return self.filter(status=Reading.Status.DONE)


class Reading(models.Model):
    """One OCR pass over the scans of an SK (or of a draft), run by the background worker."""

    class Status(models.TextChoices):
        QUEUED = "antre", _("menunggu giliran dibaca")
        RUNNING = "dibaca", _("sedang dibaca")
        DONE = "selesai", _("selesai dibaca")
        FAILED = "gagal", _("gagal dibaca")
        UNAVAILABLE = "tidak_tersedia", _("pembacaan otomatis tidak tersedia")

    PENDING = (Status.QUEUED, Status.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    draft = models.OneToOneField(Draft, keep_decree_readings, null=True, blank=True, related_name="reading")
    decree = models.ForeignKey(Decree, models.PROTECT, null=True, blank=True, related_name="readings")
    status = models.CharField(_("status"), max_length=14, choices=Status, default=Status.QUEUED)
    text = models.TextField(_("teks terbaca"), blank=True)
    suggestions = models.JSONField(_("isian terbaca"), default=dict, blank=True)
    page_count = models.PositiveSmallIntegerField(_("halaman"), default=0)
    seconds = models.FloatField(_("lama membaca (detik)"), null=True, blank=True)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReadingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pembacaan SK")
        verbose_name_plural = _("pembacaan SK")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(draft__isnull=False) | Q(decree__isnull=False), name="reading_reading_has_subject"
            )
        ]
        # The PostgreSQL full-text index on `text` is created by migration 0002 (PostgreSQL only).

    def __str__(self):
        return f"{self.get_status_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_pending(self):
        return self.status in self.PENDING

    def files(self):
        """The stored files this reading reads, in page order."""
        if self.decree_id:
            return list(self.decree.scans.order_by("position"))
        return list(self.draft.scans.order_by("position"))

    @property
    def kim(self):
        return self.decree.kim if self.decree_id else self.draft.kim
