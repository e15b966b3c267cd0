"""Open-data exports generated once per state of the data, then served as files.

Generating the whole country's export reads tens of thousands of rows (about a
second on two cores); the data behind it changes only when an SK is uploaded,
decided or withdrawn, or a KIM is edited. So each export is written once to the
storage (local disk or the object store, shared by every worker and host) under
a name that carries a fingerprint of that state, and later requests stream the
file. Invalidation is by the name: the fingerprint is computed on every request
from two aggregate queries (new, decided or withdrawn SKs; any KIM change) and
today's date (terms end at midnight), so a change gives a new file at once.
Not covered: a region renamed by `load_regions` or a classification renamed
shows in the export the next day (or after `manage.py clear_exports`).

Many workers read and write these files at once, so:
- a file appears whole or not at all: on local disk it is written under a
  temporary name and renamed (an object store writes an object whole);
- a request never asks "does it exist?" and then opens: it opens, and if the
  file is not there (not written yet, or removed meanwhile) it generates the
  export and serves what it generated;
- older files of an export are kept for GRACE_SECONDS after a newer one
  appears, so a request that computed the old name a moment ago still finds it.
"""

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Count, Max, Q
from django.http import FileResponse
from django.utils import timezone

from activities.models import Activity
from decrees.models import Decree
from districts.models import KimGroup, RegencyRules

log = logging.getLogger(__name__)

FOLDER = "exports"
CHUNK = 64 * 1024  # write and send in 64 KB pieces, not one piece per row
GRACE_SECONDS = 300  # an export superseded this long ago is no longer opened by anyone
PARTIAL = ".partial-"  # files being written on local disk; never served


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


def _prefix(kind, area):
    return f"{kind}-{area or 'semua'}-"


def export_name(kind, area):
    """The storage name of this export for the current state of the data."""
    return f"{FOLDER}/{_prefix(kind, area)}{fingerprint()}.{kind.rsplit('-', 1)[-1]}"


def open_export(kind, area, generate):
    """The current export, opened for reading: the stored file, or one generated now (and stored for the next)."""
    name = export_name(kind, area)
    try:
        return default_storage.open(name, "rb")
    except FileNotFoundError:  # not written yet, or removed after a newer one appeared: make it
        pass
    spool = tempfile.TemporaryFile()  # on disk: memory stays flat whatever the export's size
    for piece in buffered(generate()):
        spool.write(piece.encode("utf-8"))
    _store(name, spool)
    _remove_superseded(_prefix(kind, area))
    spool.seek(0)
    return spool


def _store(name, spool):
    """Publish the spooled export under `name` in one step; a failure only costs the next request a rebuild."""
    spool.seek(0)
    temporary = None
    try:
        final = Path(default_storage.path(name))
    except NotImplementedError:  # an object store: an object is written whole, readers never see part of it
        saved = default_storage.save(name, File(spool))
        if saved != name:  # another worker wrote the same export meanwhile: keep theirs
            default_storage.delete(saved)
        return
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        temporary = final.with_name(f"{PARTIAL}{uuid.uuid4().hex}")
        with open(temporary, "wb") as handle:
            shutil.copyfileobj(spool, handle, CHUNK)
        os.chmod(temporary, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
        os.replace(temporary, final)  # atomic: the name shows the whole file or nothing
    except OSError:
        log.warning("export %s could not be stored; it will be generated again", name, exc_info=True)
        if temporary:
            temporary.unlink(missing_ok=True)


def stored_exports():
    """Storage names of every stored export (and of any being written)."""
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:  # nothing exported yet
        return []
    return [f"{FOLDER}/{file_name}" for file_name in files]


def _modified(name):
    try:
        return default_storage.get_modified_time(name).timestamp()
    except (FileNotFoundError, OSError):  # removed meanwhile by another worker
        return None


def _remove_superseded(prefix):
    """Delete the files of one export that stopped being current more than GRACE_SECONDS ago.

    The file that was current GRACE_SECONDS ago and every newer one stay; a partial file left by a
    crashed worker goes once it is that old.
    """
    cutoff = time.time() - GRACE_SECONDS
    ages = {}
    for name in stored_exports():
        base = name.removeprefix(f"{FOLDER}/")
        if base.startswith(prefix) or base.startswith(PARTIAL):
            modified = _modified(name)
            if modified is not None:
                ages[name] = modified
    older = sorted((name for name, modified in ages.items() if modified < cutoff), key=ages.get)
    exports = [name for name in older if not name.removeprefix(f"{FOLDER}/").startswith(PARTIAL)]
    still_read = exports[-1:]  # the one that was current at the cutoff (if none newer, it is current now)
    for name in older:
        if name not in still_read:
            default_storage.delete(name)


def export_response(handle, content_type):
    response = FileResponse(handle, content_type=content_type)
    response.block_size = CHUNK
    return response


def clear_exports():
    names = stored_exports()
    for name in names:
        default_storage.delete(name)
    return len(names)
