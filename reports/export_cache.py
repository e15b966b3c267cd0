"""Open-data exports generated once per state of the data, then served as files.

Generating the whole country's export reads tens of thousands of rows (about a
second on two cores); the data behind it changes only when an SK is uploaded,
decided or withdrawn, or a KIM is edited. So each export is written once to the
storage (local disk or the object store, shared by every worker and host) under
a name that carries a fingerprint of that state, and later requests stream the
file. Invalidation is by the name: the fingerprint is computed on every request
from two aggregate queries (new, decided or withdrawn SKs; any KIM change) and
today's date (terms end at midnight), so a change gives a new file at once and
the older files of the same export are deleted when the new one is written.
Not covered: a region renamed by `load_regions` or a classification renamed
shows in the export the next day (or after `manage.py clear_exports`).
"""

import hashlib
import json
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Count, Max, Q
from django.http import FileResponse
from django.utils import timezone

from activities.models import Activity
from decrees.models import Decree
from districts.models import KimGroup, RegencyRules

FOLDER = "exports"
CHUNK = 64 * 1024  # write and send in 64 KB pieces, not one piece per row


def fingerprint(today=None):
    today = today or timezone.localdate()
    # Read where the export's rows are read (the replica, on a replica-read view), so both agree.
    decrees = Decree.objects.aggregate(
        n=Count("id"), created=Max("created_at"), decided=Max("decided_at"), withdrawn=Max("withdrawn_at")
    )
    kims = KimGroup.objects.aggregate(n=Count("id"), updated=Max("updated_at"))
    # Activities give the activity state and last activity date; a cancelled one changes both.
    activities = Activity.objects.aggregate(
        n=Count("id"), created=Max("created_at"), cancelled=Count("id", filter=Q(cancelled_at__isnull=False))
    )
    windows = list(RegencyRules.objects.order_by("regency_id").values_list("regency_id", "active_within_days"))
    state = json.dumps([today, decrees, kims, activities, windows], default=str, sort_keys=True)
    return hashlib.sha256(state.encode()).hexdigest()[:20]


def buffered(pieces, size=CHUNK):
    """Join many small strings into pieces of about `size` characters."""
    parts, length = [], 0
    for piece in pieces:
        parts.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(parts)
            parts, length = [], 0
    if parts:
        yield "".join(parts)


def export_file(kind, area, generate):
    """The storage name of this export for the current data, written now if it does not exist yet."""
    prefix = f"{kind}-{area or 'semua'}-"
    name = f"{FOLDER}/{prefix}{fingerprint()}.{kind.rsplit('-', 1)[-1]}"
    if default_storage.exists(name):
        return name
    with tempfile.TemporaryFile() as spool:  # on disk: memory stays flat whatever the export's size
        for piece in buffered(generate()):
            spool.write(piece.encode("utf-8"))
        spool.seek(0)
        saved = default_storage.save(name, File(spool))
    if saved != name:  # another worker wrote the same export meanwhile: keep theirs
        default_storage.delete(saved)
    _remove_older(prefix, keep=name)
    return name


def stored_exports():
    """Storage names of every stored export."""
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:  # nothing exported yet
        return []
    return [f"{FOLDER}/{file_name}" for file_name in files]


def _remove_older(prefix, keep):
    for name in stored_exports():
        if name.startswith(f"{FOLDER}/{prefix}") and name != keep:
            default_storage.delete(name)


def export_response(name, content_type):
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response.block_size = CHUNK
    return response


def clear_exports():
    names = stored_exports()
    for name in names:
        default_storage.delete(name)
    return len(names)
