"""The yearly assessment's arithmetic: the one place for the weighted score and the suggested grade."""

from decimal import ROUND_HALF_UP, Decimal

from districts.models import Classification

MAX_SCORE = 100


def weighted_score(pairs):
    """The weighted mean of (score, weight) pairs, 0-100 with two decimals; None when nothing is weighted."""
    pairs = list(pairs)
    total_weight = sum(weight for _score, weight in pairs)
    if not total_weight:
        return None
    value = Decimal(sum(score * weight for score, weight in pairs)) / Decimal(total_weight)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def suggested_classification(regency_id, score):
    """The highest grade of the regency's scale whose lowest score the assessment reaches, or None."""
    if score is None:
        return None
    return (
        Classification.objects.filter(regency_id=regency_id, min_score__isnull=False, min_score__lte=score)
        .order_by("-min_score", "-rank")
        .first()
    )
