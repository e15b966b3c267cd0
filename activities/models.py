"""What a KIM does after it is formed: dated activities with a link and a few photos. Never deleted."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models import ActivityType, KimGroup
from kimtrack.dates import long_date
from kimtrack.scope import ScopedQuerySet
from kimtrack.stored_files import StoredFile

MAX_PHOTOS = 3


class ActivityQuerySet(ScopedQuerySet):
    area_field = "kim__district__code"

    def liveliness_of(self, kims, on=None):
        """`kims` annotated with their activity state on `on` (see activities.liveliness)."""
        from activities.liveliness import with_liveliness  # the rule's module imports this one

        return with_liveliness(kims, on)

    def current(self):
        """Activities that count: not cancelled."""
        return self.filter(cancelled_at__isnull=True)

    def latest_public(self, kims, today, *, per_kim=3):
        """The newest `per_kim` current activities of each of `kims`, with only what the public may see."""
        newest_first = [F("date").desc(), F("created_at").desc()]
        return (
            self.current()
            .filter(kim__in=kims, date__lte=today)
            .annotate(newest=Window(RowNumber(), partition_by=F("kim_id"), order_by=newest_first))
            .filter(newest__lte=per_kim)
            .order_by("kim_id", "newest")
            .values("kim__district_id", "kim__village_id", "kim__name", "title", "date", "type__name", "link")
        )


class Activity(models.Model):
    """One thing a KIM did, on a date: what it was, and where it was posted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kim = models.ForeignKey(KimGroup, models.PROTECT, related_name="activities", verbose_name=_("KIM"))
    date = models.DateField(_("Tanggal"), help_text=_("Tanggal kegiatan berlangsung; tidak boleh di masa depan."))
    type = models.ForeignKey(ActivityType, models.PROTECT, related_name="+", verbose_name=_("Jenis"))
    title = models.CharField(_("Judul"), max_length=200, help_text=_("Misalnya “Sosialisasi cek fakta hoaks”."))
    description = models.TextField(_("Uraian"), blank=True, help_text=_("Apa yang dilakukan, bersama siapa."))
    link = models.URLField(
        _("Tautan"), blank=True, max_length=500, help_text=_("Tautan unggahan kegiatan di situs atau media sosial KIM.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dicatat oleh"), editable=False
    )
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibatalkan oleh"),
        editable=False,
    )
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan KIM")
        verbose_name_plural = _("kegiatan KIM")
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                name="activities_activity_cancel_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["kim", "date"], name="activities_activity_kim_date")]

    def __str__(self):
        return f"{self.date} {self.title}"

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.pk])

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("Tanggal kegiatan %(date)s ada di masa depan. Catat kegiatan setelah berlangsung.") % {
                "date": long_date(self.date)
            }
        if self.type_id and self.kim_id and self.type.regency_id != self.kim.regency_id:
            errors["type"] = _("Jenis kegiatan ini bukan milik aturan kabupaten/kota KIM tersebut.")
        if errors:
            raise ValidationError(errors)

    def cancel(self, *, by, reason):
        """Take back an activity recorded by mistake. It stays on file, marked cancelled, with the reason."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reason": _("Alasan pembatalan wajib diisi.")})
        with transaction.atomic():
            locked = Activity.objects.select_for_update().get(pk=self.pk)
            if locked.is_cancelled:
                raise ValidationError(_("Kegiatan ini sudah dibatalkan."))
            locked.cancelled_at, locked.cancelled_by, locked.cancel_reason = timezone.now(), by, reason
            locked.save()
        self.refresh_from_db()


def photo_upload_to(instance, filename):
    # Random name, no trace of the user's file name: that is kept as metadata only.
    return f"activities/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{instance.extension}"


class ActivityPhotoQuerySet(ScopedQuerySet):
    area_field = "activity__kim__district__code"


class ActivityPhoto(StoredFile):
    """A photo of an activity, stored with its metadata (EXIF: place, phone) already removed."""

    activity = models.ForeignKey(Activity, models.PROTECT, related_name="photos", verbose_name=_("kegiatan"))
    file = models.FileField(_("berkas"), upload_to=photo_upload_to, max_length=200)
    position = models.PositiveSmallIntegerField(_("urutan"), default=1)

    objects = ActivityPhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("foto kegiatan")
        verbose_name_plural = _("foto kegiatan")
        ordering = ["activity", "position"]

    def get_absolute_url(self):
        return reverse("activities:photo", args=[self.pk])
