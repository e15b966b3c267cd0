import shutil
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse


def _enough_disk():
    """Whether the media disk has KIMTRACK_HEALTH_MIN_FREE_MB free (an object store has no disk of ours to fill)."""
    try:
        root = default_storage.path("")
    except NotImplementedError:
        return True
    try:
        return shutil.disk_usage(root).free >= settings.KIMTRACK_HEALTH_MIN_FREE_BYTES
    except OSError:  # MEDIA_ROOT missing: the media check reports it
        return False


@login_not_required
def healthz(request):
    """200 when the database answers, migrations are applied, media storage is writable and its disk has room;
    else 503."""
    checks = {}
    try:
        executor = MigrationExecutor(connection)
        checks["database"] = True
        checks["migrations"] = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        checks["database"] = checks["migrations"] = False
    try:
        # Through the storage API, so an object store is checked the same way as local disk.
        name = default_storage.save(f"healthz/{uuid.uuid4().hex}", ContentFile(b"ok"))
        default_storage.delete(name)
        checks["media"] = True
    except Exception:  # noqa: BLE001 - any storage failure means uploads would fail
        checks["media"] = False
    checks["disk"] = _enough_disk()
    ok = all(checks.values())
    response = JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)
    response["Cache-Control"] = "no-store"
    return response
