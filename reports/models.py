"""Reports sent to Diskominfo Provinsi, kept so nothing is sent twice or forgotten."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decrees.models import Decree
from districts.models import KimGroup, Regency


def report_upload_to(instance, filename):
    return f"reports/{instance.regency_id}/{timezone.now():%Y}/{uuid.uuid4().hex}.{instance.file_format}"


class ProvinceReport(models.Model):
    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    regency = models.ForeignKey(Regency, models.PROTECT, related_name="province_reports")
    report_date = models.DateField(_("tanggal laporan"))
    period = models.CharField(_("periode"), max_length=80, help_text=_("Misalnya “Semester II 2025”."))
    file_format = models.CharField(_("format"), max_length=4, choices=Format)
    file = models.FileField(upload_to=report_upload_to, max_length=200)
    row_count = models.PositiveIntegerField(_("jumlah KIM"))
    produced_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("laporan ke provinsi")
        verbose_name_plural = _("laporan ke provinsi")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Laporan %(regency)s %(date)s") % {"regency": self.regency, "date": self.report_date}

    def get_absolute_url(self):
        return reverse("reports:download", args=[self.pk])


class ReportEntry(models.Model):
    """One KIM as it stood in one report."""

    report = models.ForeignKey(ProvinceReport, models.CASCADE, related_name="entries")
    kim = models.ForeignKey(KimGroup, models.PROTECT, related_name="+")
    decree = models.ForeignKey(Decree, models.PROTECT, related_name="+")
    fingerprint = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("isi laporan")
        verbose_name_plural = _("isi laporan")
        constraints = [models.UniqueConstraint(fields=["report", "kim"], name="reports_reportentry_one_per_kim")]

    def __str__(self):
        return f"{self.report} — {self.kim}"
