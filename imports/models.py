import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.models import Regency
from kimtrack.scope import ScopedQuerySet


def import_upload_to(instance, filename):
    return f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class ImportBatchQuerySet(ScopedQuerySet):
    area_field = "regency__code"


class ImportBatch(models.Model):
    """An uploaded KIM list: previewed first, applied at most once, kept for the record."""

    class Status(models.TextChoices):
        PREVIEW = "pratinjau", _("pratinjau")
        APPLIED = "diterapkan", _("diterapkan")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    regency = models.ForeignKey(Regency, models.PROTECT, related_name="+")
    file = models.FileField(upload_to=import_upload_to, max_length=200)
    original_name = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status, default=Status.PREVIEW)
    summary = models.JSONField(default=dict, blank=True)
    # The file read once at upload, as [[line, {column: text}], ...]: preview and saving plan from these,
    # never from the file again. None for batches uploaded before rows were kept (read once on first use).
    rows = models.JSONField(_("baris terbaca"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    applied_at = models.DateTimeField(null=True, blank=True)

    UPLOADED_BY = "created_by"  # upload quotas (kimtrack/uploads.py)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor daftar KIM")
        verbose_name_plural = _("impor daftar KIM")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("imports:preview", args=[self.pk])
