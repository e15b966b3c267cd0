"""Recording and confirming a yearly assessment: the one path for views and admin."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment, CriterionScore
from assessments.scoring import suggested_classification, weighted_score
from districts.models import AssessmentCriterion


def criteria_of(kim):
    return list(AssessmentCriterion.objects.filter(regency_id=kim.regency_id).order_by("rank", "name"))


def assessment_save(*, kim, year, assessed_on, notes="", scores, assessed_by, assessment=None):
    """Record (or correct) the KIM's assessment of `year`; `scores` maps each criterion to (score, notes, evidence).

    Every criterion of the KIM's regency must be scored. The total and the suggested grade are computed here
    (assessments.scoring), never typed.
    """
    criteria = criteria_of(kim)
    if not criteria:
        raise ValidationError(
            _("Aturan kabupaten/kota ini belum memiliki kriteria penilaian. Isi di halaman Aturan KIM.")
        )
    missing = [c.name for c in criteria if c not in scores]
    foreign = [c.name for c in scores if c.regency_id != kim.regency_id]
    if missing or foreign:
        raise ValidationError(_("Nilai setiap kriteria aturan kabupaten/kota KIM ini wajib diisi."))
    record = assessment or Assessment(kim=kim, assessed_by=assessed_by)
    record.year, record.assessed_on, record.notes = year, assessed_on, (notes or "").strip()
    existing = {s.criterion_id: s for s in record.scores.all()} if record.pk and not record._state.adding else {}
    rows = []
    for criterion in criteria:
        score, row_notes, evidence = scores[criterion]
        row = existing.get(criterion.pk) or CriterionScore(criterion=criterion)
        row.criterion_name, row.weight = criterion.name, criterion.weight
        row.score, row.notes, row.evidence = score, (row_notes or "").strip(), (evidence or "").strip()
        row.full_clean(exclude=["assessment"])
        rows.append(row)
    record.score = weighted_score((row.score, row.weight) for row in rows)
    record.suggested = suggested_classification(kim.regency_id, record.score)
    record.full_clean()  # the date rules and one assessment per KIM and year
    with transaction.atomic():
        record.save()
        for row in rows:
            row.assessment = record
            row.save()
    return record


def assessment_confirm(*, assessment, classification, by):
    """Staff confirm a grade (usually the suggested one): it becomes the KIM's classification, dated the assessment."""
    kim = assessment.kim
    if classification is None or classification.regency_id != kim.regency_id:
        raise ValidationError(_("Pilih klasifikasi dari skala kabupaten/kota KIM ini."))
    with transaction.atomic():
        assessment.confirmed, assessment.confirmed_by, assessment.confirmed_at = classification, by, timezone.now()
        assessment.save()
        kim.classification, kim.classified_on = classification, assessment.assessed_on
        kim.save(update_fields=["classification", "classified_on", "updated_at"])
    return assessment
