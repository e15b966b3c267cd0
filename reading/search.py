"""Full-text search of SK text, within a queryset already scoped to the user.

PostgreSQL: `simple` full-text search (no stemming: names and numbers are
searched as written), backed by the GIN index of migration 0002, with the
matched words highlighted by ts_headline. SQLite: every word must occur
(case-insensitive contains); the snippet is cut around the first match.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from reading import ocr
from reading.models import Reading

SNIPPET = 90  # characters either side of the first match (SQLite)


def _words(query):
    return [w for w in re.split(r"\s+", query.strip()) if w][:8]


def search(readings, query):
    """The readings matching `query`, newest SK first; on PostgreSQL each with a `snippet`."""
    readings = readings.select_related("decree__kim__district", "decree__kim__village").order_by(
        "-decree__signed_on", "-created_at"
    )
    if connection.vendor == "postgresql":
        terms = SearchQuery(query, config="simple", search_type="websearch")
        return readings.annotate(
            found=SearchVector("text", config="simple"),
            snippet=SearchHeadline(
                "text", terms, config="simple", start_sel="<mark>", stop_sel="</mark>", max_words=30, min_words=12
            ),
        ).filter(found=terms)
    for word in _words(query):
        readings = readings.filter(text__icontains=word)
    return readings


class ReadTextSearch:
    """What "Cari SK" (decrees.search) asks of this app: see decrees.signals.text_search."""

    @property
    def reading_on(self):
        return ocr.available()

    def matching(self, query):
        """Primary keys of the SKs whose finished reading matches `query` (a subquery)."""
        readings = Reading.objects.of_decrees().finished()
        if connection.vendor == "postgresql":
            terms = SearchQuery(query, config="simple", search_type="websearch")
            readings = readings.annotate(found=SearchVector("text", config="simple")).filter(found=terms)
        else:
            for word in _words(query):
                readings = readings.filter(text__icontains=word)
        return readings.values("decree_id")

    def passages(self, decree_pks, query):
        """{decree pk: highlighted passage} from the newest matching reading of each SK."""
        found = {}
        readings = search(Reading.objects.filter(decree_id__in=decree_pks).finished(), query)
        for reading in readings.order_by("-created_at"):
            if reading.decree_id not in found:
                found[reading.decree_id] = snippet(reading, query)
        return found


def snippet(reading, query):
    """The highlighted passage of a result (PostgreSQL computed it already)."""
    if hasattr(reading, "snippet"):
        # ts_headline copies the stored text verbatim: escape it, then restore only our <mark> tags.
        safe = escape(reading.snippet).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
        return mark_safe(safe)  # noqa: S308 - escaped above; only our own tags restored
    text, words = reading.text, _words(query)
    first = min((m.start() for w in words if (m := re.search(re.escape(w), text, re.IGNORECASE))), default=0)
    start = max(0, first - SNIPPET)
    passage = text[start : first + SNIPPET * 2]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    parts, position = [], 0
    for match in pattern.finditer(passage):
        parts += [escape(passage[position : match.start()]), f"<mark>{escape(match.group(0))}</mark>"]
        position = match.end()
    parts.append(escape(passage[position:]))
    return mark_safe(("…" if start else "") + "".join(parts) + "…")  # noqa: S308 - every part escaped
