"""Date arithmetic the rules need, in one place."""


def add_years(day, years):
    """The same calendar day `years` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)
