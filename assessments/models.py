"""The yearly assessment of a KIM: a score per criterion of its regency's rules, and the grade it suggests."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessments.scoring import MAX_SCORE
from districts.models import AssessmentCriterion, Classification, KimGroup
from kimtrack.scope import ScopedQuerySet

FIRST_YEAR = 2015  # before any KIM regulation KIMTrack knows of


class AssessmentQuerySet(ScopedQuerySet):
    area_field = "kim__district__code"

    def for_list(self):
        return self.select_related("kim__district", "kim__village", "suggested", "confirmed", "assessed_by")


class Assessment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kim = models.ForeignKey(KimGroup, models.PROTECT, related_name="assessments", verbose_name=_("KIM"))
    year = models.PositiveSmallIntegerField(_("Tahun penilaian"))
    assessed_on = models.DateField(_("Tanggal penilaian"), default=timezone.localdate)
    notes = models.TextField(_("Catatan"), blank=True)
    score = models.DecimalField(_("nilai akhir"), max_digits=5, decimal_places=2, null=True, editable=False)
    suggested = models.ForeignKey(
        Classification, models.PROTECT, null=True, blank=True, related_name="+", editable=False,
        verbose_name=_("klasifikasi yang disarankan"),
    )  # fmt: skip
    confirmed = models.ForeignKey(
        Classification, models.PROTECT, null=True, blank=True, related_name="+", editable=False,
        verbose_name=_("klasifikasi yang ditetapkan"),
    )  # fmt: skip
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    confirmed_at = models.DateTimeField(_("ditetapkan"), null=True, blank=True, editable=False)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", editable=False, verbose_name=_("penilai")
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    history = HistoricalRecords()

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian tahunan")
        verbose_name_plural = _("penilaian tahunan")
        ordering = ["-year", "kim__name"]
        constraints = [
            models.UniqueConstraint(fields=["kim", "year"], name="assessments_assessment_one_per_year"),
        ]

    def __str__(self):
        return _("Penilaian %(year)s %(kim)s") % {"year": self.year, "kim": self.kim}

    def get_absolute_url(self):
        return reverse("assessments:detail", args=[self.pk])

    def clean(self):
        this_year = timezone.localdate().year
        if self.year is not None and not FIRST_YEAR <= self.year <= this_year:
            raise ValidationError(
                {
                    "year": _("Tahun penilaian harus antara %(first)d dan %(last)d.")
                    % {"first": FIRST_YEAR, "last": this_year}
                }
            )
        if self.assessed_on and self.assessed_on > timezone.localdate():
            raise ValidationError({"assessed_on": _("Tanggal penilaian tidak boleh di masa depan.")})


def validate_evidence(value):
    """Evidence is links, one per line, each a web address."""
    check = URLValidator(schemes=["http", "https"])
    for line in value.splitlines():
        if line.strip():
            try:
                check(line.strip())
            except ValidationError:
                raise ValidationError(
                    _("“%(line)s” bukan tautan web. Tulis satu tautan (https://…) per baris."),
                    params={"line": line.strip()[:80]},
                ) from None


class CriterionScore(models.Model):
    """The score of one criterion. Its name and weight are copied, so later rule changes keep old assessments."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AssessmentCriterion, models.PROTECT, related_name="+", verbose_name=_("kriteria"))
    criterion_name = models.CharField(_("kriteria"), max_length=60, editable=False)
    weight = models.PositiveSmallIntegerField(_("bobot"), editable=False)
    score = models.PositiveSmallIntegerField(
        _("Nilai"), validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)], help_text=_("0–100.")
    )
    notes = models.TextField(_("Catatan"), blank=True)
    evidence = models.TextField(
        _("Tautan bukti"), blank=True, validators=[validate_evidence], help_text=_("Satu tautan per baris.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nilai kriteria")
        verbose_name_plural = _("nilai kriteria")
        ordering = ["assessment", "criterion__rank"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="assessments_score_one_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__lte=MAX_SCORE), name="assessments_score_at_most_100"),
        ]

    def __str__(self):
        return f"{self.criterion_name}: {self.score}"

    @property
    def evidence_links(self):
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]
