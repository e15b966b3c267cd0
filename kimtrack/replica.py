"""Reads of dashboards and exports from a PostgreSQL read replica, when one is configured.

With DATABASE_REPLICA_URL set, settings add a "replica" database. Only code that
runs inside `reading_from_replica()` (the `replica_reads` view decorator) reads
from it: dashboards, maps and open-data exports, which tolerate data a moment
old. Everything else, and every write, uses the primary, so a user always sees
what they have just saved. Without a replica the decorator changes nothing.
"""

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import FileResponse

REPLICA = "replica"
_use_replica = ContextVar("use_replica", default=False)


@contextmanager
def reading_from_replica():
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


def replica_reads(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with reading_from_replica():
            response = view(request, *args, **kwargs)
            if getattr(response, "streaming", False) and not isinstance(response, FileResponse):
                # A streamed export reads while it is sent: keep the flag for the whole stream.
                response.streaming_content = _on_replica(response.streaming_content)
            return response

    return wrapped


def _on_replica(chunks):
    with reading_from_replica():
        yield from chunks


class ReplicaRouter:
    """Route marked reads to the replica; writes, migrations and everything else to the primary."""

    def db_for_read(self, model, **hints):
        if _use_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same data as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
