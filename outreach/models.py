"""Outreach events (sosialisasi) that Diskominfo holds in each kecamatan."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models import District, Village
from kimtrack.dates import long_date
from kimtrack.fields import SingleLineCharField
from kimtrack.scope import ScopedQuerySet
from kimtrack.stored_files import StoredFile


class ParticipantGroup(models.TextChoices):
    DISTRICT_GOVERNMENT = "pemerintah_kecamatan", _("Pemerintah kecamatan")
    KARANG_TARUNA = "karang_taruna", _("Karang taruna")
    PKK = "pkk", _("PKK")
    VILLAGE_WEBSITE_ADMINS = "admin_website_desa", _("Admin website desa")
    SOCIAL_MEDIA_ACTIVISTS = "pegiat_media_sosial", _("Pegiat media sosial")
    OTHER = "lainnya", _("Lainnya")


class OutreachQuerySet(ScopedQuerySet):
    area_field = "district__code"

    def held(self):
        """Events that took place: the only ones that count as outreach (coverage, funnel, reports)."""
        return self.filter(status=OutreachEvent.Status.HELD)

    def planned(self):
        return self.filter(status=OutreachEvent.Status.PLANNED)

    def with_order_in_year(self):
        """Annotate `year` and `order_in_year` (1 for the regency's first event that year, ...).

        A correlated count rather than a window function: a window would number
        only the rows left after this queryset's filters (a kecamatan's events
        would start again at 1), while the order belongs to the whole regency.
        """
        earlier = (
            OutreachEvent.objects.held()
            .filter(
                district__code__startswith=Substr(OuterRef("district_id"), 1, 5),
                held_on__year=ExtractYear(OuterRef("held_on")),
            )
            .filter(
                Q(held_on__lt=OuterRef("held_on"))
                | Q(held_on=OuterRef("held_on"), created_at__lt=OuterRef("created_at"))
            )
            .order_by()
            .annotate(group=Value(1))
            .values("group")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            year=ExtractYear("held_on"), order_in_year=Coalesce(Subquery(earlier), Value(0)) + Value(1)
        )


class OutreachEvent(models.Model):
    """A sosialisasi: planned (rencana), then held (terlaksana) with its participants, or cancelled."""

    class Status(models.TextChoices):
        PLANNED = "rencana", _("rencana")
        HELD = "terlaksana", _("terlaksana")
        CANCELLED = "dibatalkan", _("dibatalkan")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.HELD)
    held_on = models.DateField(_("tanggal"), help_text=_("Tanggal pelaksanaan, atau tanggal rencana."))
    district = models.ForeignKey(District, models.PROTECT, related_name="outreach_events", verbose_name=_("kecamatan"))
    village = models.ForeignKey(
        Village,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach_events",
        verbose_name=_("desa/kelurahan tempat"),
    )
    venue = SingleLineCharField(_("tempat"), max_length=150, help_text=_("Misalnya “Balai Desa Beji”."))
    participant_count = models.PositiveIntegerField(
        _("jumlah peserta"), null=True, blank=True, help_text=_("Diisi saat sosialisasi dicatat terlaksana.")
    )
    participant_groups = models.JSONField(_("unsur peserta"), default=list, blank=True)
    speakers = models.TextField(_("narasumber"), blank=True, help_text=_("Satu nama per baris."))
    notes = models.TextField(_("catatan"), blank=True)
    cancellation_reason = models.TextField(_("alasan pembatalan"), blank=True)
    is_demo = models.BooleanField(_("data demo"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = OutreachQuerySet.as_manager()

    class Meta:
        verbose_name = _("sosialisasi")
        verbose_name_plural = _("sosialisasi")
        ordering = ["-held_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participant_count__lte=100000), name="outreach_outreachevent_count_sane"
            ),
            models.CheckConstraint(
                condition=~Q(status="terlaksana") | Q(participant_count__isnull=False),
                name="outreach_outreachevent_held_has_participants",
            ),
            models.CheckConstraint(
                condition=~Q(status="dibatalkan") | ~Q(cancellation_reason=""),
                name="outreach_outreachevent_cancelled_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["district", "status", "held_on"], name="outreach_event_district_status")]

    def __str__(self):
        if self.status == self.Status.PLANNED:
            return _("Rencana sosialisasi KIM Kecamatan %(district)s, %(date)s") % {
                "district": self.district,
                "date": long_date(self.held_on),
            }
        return _("Sosialisasi KIM Kecamatan %(district)s, %(date)s") % {
            "district": self.district,
            "date": long_date(self.held_on),
        }

    def get_absolute_url(self):
        return reverse("outreach:detail", args=[self.pk])

    @property
    def is_planned(self):
        return self.status == self.Status.PLANNED

    @property
    def is_held(self):
        return self.status == self.Status.HELD

    def clean(self):
        errors = {}
        if self.status == self.Status.HELD:
            if self.held_on and self.held_on > timezone.localdate():
                errors["held_on"] = _(
                    "Sosialisasi yang sudah terlaksana tidak bisa bertanggal di masa depan; "
                    "catat sebagai rencana bila belum dilaksanakan."
                )
            if self.participant_count is None:
                errors["participant_count"] = _("Isi jumlah peserta sosialisasi yang terlaksana.")
        if self.status == self.Status.CANCELLED and not self.cancellation_reason.strip():
            errors["cancellation_reason"] = _("Alasan pembatalan wajib diisi.")
        if errors:
            raise ValidationError(errors)

    def cancel(self, *, reason):
        """Cancel a planned event that will not be held, or a held one entered by mistake.

        Nothing is deleted: the event stays on file with the reason (and its history), and from then on it
        is out of every count (only held events count: coverage, the order of the year's events, reports).
        """
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"cancellation_reason": _("Alasan pembatalan wajib diisi.")})
        with transaction.atomic():
            locked = OutreachEvent.objects.select_for_update().get(pk=self.pk)
            if locked.status == self.Status.CANCELLED:
                raise ValidationError(_("Sosialisasi ini sudah dibatalkan."))
            locked.status = self.Status.CANCELLED
            locked.cancellation_reason = reason
            locked._change_reason = reason
            locked.save()
        self.refresh_from_db()

    def participant_group_labels(self):
        labels = dict(ParticipantGroup.choices)
        return [str(labels.get(value, value)) for value in self.participant_groups]


def attachment_upload_to(instance, filename):
    return f"outreach/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{instance.extension}"


class AttachmentQuerySet(ScopedQuerySet):
    area_field = "event__district__code"


class OutreachAttachment(StoredFile):
    """A photo or attendance list of an event; same upload rules as SK scans."""

    event = models.ForeignKey(OutreachEvent, models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to, max_length=200)

    UPLOADED_BY = "event__created_by"  # upload quotas (kimtrack/uploads.py); no KIM of its own

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("lampiran sosialisasi")
        verbose_name_plural = _("lampiran sosialisasi")
        ordering = ["event", "created_at"]

    def get_absolute_url(self):
        return reverse("outreach:attachment", args=[self.pk])
