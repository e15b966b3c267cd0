"""Date arithmetic the rules need, in one place."""

from django.utils.formats import date_format


def add_years(day, years):
    """The same calendar day `years` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def long_date(day):
    """A date as people read it in a sentence: '1 Desember 2026' (the active language's DATE_FORMAT)."""
    return date_format(day, "DATE_FORMAT")


def short_date(day):
    """A date as tables show it: '1 Des 2026' (the active language's SHORT_DATE_FORMAT)."""
    return date_format(day, "SHORT_DATE_FORMAT")
