"""Small number helpers shared by every page and report."""


def percent(part, whole):
    """`part` as a whole-number percentage of `whole`; 0 when there is nothing to count."""
    return round(100 * part / whole) if whole else 0
