"""How the reading assistant joins the SK app: receivers of decrees.signals, connected in apps.ready()."""

from django.template.loader import render_to_string

from reading import ocr, services
from reading.compare import compare, officer_matches
from reading.search import ReadTextSearch


def read_new_scans(sender, *, decree, **kwargs):
    """Queue a reading of an SK's newly stored scans, unless they arrived already read (a draft's)."""
    if not decree.readings.exists():
        services.start_reading(decree=decree)


def reading_context(decree):
    """The latest reading of the SK's scans and how it compares with what was typed."""
    reading = decree.readings.order_by("-created_at").first()
    can_reread = ocr.available() and not (reading and reading.is_pending)
    if not reading or reading.status != reading.Status.DONE:
        return {"reading": reading, "can_reread": can_reread}
    rows = compare(decree, reading)
    return {
        "reading": reading,
        "comparison": rows,
        "mismatch_count": sum(row.is_mismatch for row in rows),
        "officers": officer_matches(decree.kim, reading.suggestions),
        "can_reread": can_reread,
    }


def comparison_panel(sender, *, request, decree, perms, **kwargs):
    """The scan-versus-typed panel on the SK page, for verifiers and the uploading office."""
    if not (perms["is_verifier"] or perms["can_upload"]):
        return ""
    context = {"decree": decree, "scans": decree.scans.all(), **perms, **reading_context(decree)}
    return render_to_string("reading/_comparison.html", context, request=request)


def read_first_link(sender, *, request, kim, **kwargs):
    """On the SK upload page: the way to upload the scan first and have the form filled from it."""
    return render_to_string("reading/_read_first.html", {"kim": kim}, request=request)


def read_text_search(sender, **kwargs):
    """For "Cari SK": the read text of SK scans, searchable beside the typed data."""
    return ReadTextSearch()
