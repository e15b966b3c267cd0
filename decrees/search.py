"""'Cari SK': find SKs in the user's area by what was typed (number, signatory, KIM name) and, when
the reading app is installed, by the text read from their scans.

The caller passes a queryset already scoped with `Decree.objects.for_user(user)`; nothing here widens
it. Read text comes from `decrees.signals.text_search`, so decrees never imports the reading app.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q

from decrees.signals import text_searchers

MAX_WORDS = 8  # a query is at most 100 characters; more words would only lengthen the SQL
TYPED_FIELDS = ("number", "signatory", "kim__name")


def query_words(query):
    """The words of a query, at most MAX_WORDS of them."""
    return [word for word in re.split(r"\s+", query.strip()) if word][:MAX_WORDS]


def typed_match(query):
    """SKs whose typed data holds every word of the query, each word in any of the typed fields."""
    condition = Q()
    for word in query_words(query):
        any_field = Q()
        for name in TYPED_FIELDS:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


@dataclass
class Results:
    decrees: object  # a queryset, newest SK first
    reads_text: bool  # the read text of scans was searched too
    reading_on: bool  # new scans are being read (OCR installed and enabled)
    searchers: list = field(default_factory=list)

    def passages(self, page, query):
        """{decree pk: highlighted passage of its read text} for one page of results."""
        found = {}
        for searcher in self.searchers:
            found.update(searcher.passages([decree.pk for decree in page], query))
        return found


def search_decrees(decrees, query, *, searchers=None):
    """The SKs of `decrees` (already scoped) matching `query` by typed data or read text."""
    searchers = text_searchers() if searchers is None else searchers
    condition = typed_match(query)
    for searcher in searchers:
        condition |= Q(pk__in=searcher.matching(query))
    found = (
        decrees.filter(condition)
        .select_related("kim__district", "kim__village")
        .order_by("-signed_on", "-created_at", "pk")
    )
    return Results(
        decrees=found,
        reads_text=bool(searchers),
        reading_on=any(searcher.reading_on for searcher in searchers),
        searchers=searchers,
    )
