"""Views that belong to no app: the health check."""

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils.crypto import constant_time_compare


def _deep_health_allowed(request):
    """The deeper checks write to storage and read every migration: for monitoring with the token, or staff."""
    token = settings.HEALTHZ_TOKEN
    given = request.headers.get("X-Healthz-Token") or request.GET.get("token", "")
    if token and given and constant_time_compare(given, token):
        return True
    return request.user.is_authenticated and request.user.is_regency_staff


def _media_free_bytes():
    """Free space where uploads land (local storage only; an object store reports no figure)."""
    if settings.STORAGE_BACKEND != "local":
        return None
    root = Path(settings.MEDIA_ROOT)
    while not root.exists() and root != root.parent:
        root = root.parent
    return shutil.disk_usage(root).free


@login_not_required
def healthz(request):
    """200 when the site can answer; else 503.

    Anyone (a load balancer, every few seconds) gets the cheap, read-only answer: the database
    answers one query. With HEALTHZ_TOKEN (header X-Healthz-Token or ?token=) or a staff login it
    also checks that migrations are applied, that media storage takes a write, and free disk space.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = True
    except DatabaseError:
        checks["database"] = False
    if _deep_health_allowed(request):
        try:
            executor = MigrationExecutor(connection)
            checks["migrations"] = not executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError:
            checks["migrations"] = False
        try:
            # Through the storage API, so an object store is checked the same way as local disk.
            name = default_storage.save(f"healthz/{uuid.uuid4().hex}", ContentFile(b"ok"))
            default_storage.delete(name)
            checks["media"] = True
        except Exception:  # noqa: BLE001 - any storage failure means uploads would fail
            checks["media"] = False
        free = _media_free_bytes()
        if free is not None:
            checks["disk"] = free >= settings.HEALTHZ_MIN_FREE_MB * 1024 * 1024
    ok = all(checks.values())
    response = JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)
    response["Cache-Control"] = "no-store"
    return response
