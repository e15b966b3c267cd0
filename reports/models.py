"""Reports sent to Diskominfo Provinsi, kept so nothing is sent twice or forgotten."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decrees.models import Decree
from districts.models import KimGroup, Regency
from kimtrack.dates import long_date


def report_upload_to(instance, filename):
    return f"reports/{instance.regency_id}/{timezone.now():%Y}/{uuid.uuid4().hex}.{instance.extension}"


class ProvinceReport(models.Model):
    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        CSV = "csv", _("CSV (koma)")
        CSV_SEMICOLON = "csv-tk", _("CSV (titik koma, untuk Excel berbahasa Indonesia)")

    class SentVia(models.TextChoices):
        EMAIL = "email", _("email")
        LETTER = "surat", _("surat")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    regency = models.ForeignKey(Regency, models.PROTECT, related_name="province_reports")
    report_date = models.DateField(_("tanggal laporan"))
    period = models.CharField(_("periode"), max_length=80, help_text=_("Misalnya “Semester II 2025”."))
    file_format = models.CharField(_("format"), max_length=6, choices=Format)
    file = models.FileField(upload_to=report_upload_to, max_length=200)
    row_count = models.PositiveIntegerField(_("jumlah KIM"))
    # What the file holds (rows, changes, totals, signer) as it was recorded: the printable page shows this.
    document = models.JSONField(_("isi laporan"), default=dict, editable=False)
    # The token of the form that recorded it: sending the same form again finds this report.
    submission = models.UUIDField(null=True, blank=True, editable=False)
    produced_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    sent_on = models.DateField(_("tanggal kirim"), null=True, blank=True)
    sent_via = models.CharField(_("dikirim lewat"), max_length=5, choices=SentVia, blank=True)
    sent_reference = models.CharField(
        _("nomor surat/referensi"),
        max_length=120,
        blank=True,
        help_text=_("Nomor surat pengantar atau subjek email, agar mudah dicari."),
    )
    sent_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    sent_marked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("laporan ke provinsi")
        verbose_name_plural = _("laporan ke provinsi")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["submission"], name="reports_provincereport_one_per_submission"),
            models.CheckConstraint(
                condition=models.Q(sent_on__isnull=True, sent_via="")
                | models.Q(sent_on__isnull=False, sent_marked_at__isnull=False) & ~models.Q(sent_via=""),
                name="reports_provincereport_sent_complete",
            ),
        ]

    def __str__(self):
        return _("Laporan %(regency)s %(date)s") % {"regency": self.regency, "date": long_date(self.report_date)}

    def get_absolute_url(self):
        return reverse("reports:download", args=[self.pk])

    @property
    def extension(self):
        return "xlsx" if self.file_format == self.Format.XLSX else "csv"

    @property
    def download_name(self):
        return f"kim-{self.regency_id}-{self.report_date.isoformat()}.{self.extension}"

    @property
    def is_sent(self):
        return self.sent_on is not None

    def clean(self):
        if self.sent_on is None:
            return
        if not self.sent_via:
            raise ValidationError({"sent_via": _("Pilih cara pengiriman: email atau surat.")})
        created = timezone.localdate(self.created_at)
        if self.sent_on < created:
            raise ValidationError(
                {"sent_on": _("Tanggal kirim tidak bisa sebelum laporan dicatat (%(date)s).") % {"date": created}}
            )
        if self.sent_on > timezone.localdate():
            raise ValidationError({"sent_on": _("Tanggal kirim tidak bisa di masa depan.")})

    def mark_sent(self, *, by, on, via, reference=""):
        """Record that this report went to the province: when, how, under which reference, noted by whom."""
        self.sent_on, self.sent_via, self.sent_reference = on, via, reference
        self.sent_marked_by, self.sent_marked_at = by, timezone.now()
        self.full_clean()
        self.save(update_fields=["sent_on", "sent_via", "sent_reference", "sent_marked_by", "sent_marked_at"])


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
