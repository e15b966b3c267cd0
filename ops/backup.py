"""One-file backups that restore anywhere: a portable data dump, every media file, and a manifest.

The dump is Django's JSON serialisation (natural keys), so an SQLite backup restores into
PostgreSQL and back. The manifest holds row counts per model and the SHA-256 of every file,
and restore checks both before it reports success.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from kimtrack import __version__

# Rebuilt by migrate, or transient: not application data.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
APP_LABELS = ["accounts", "districts", "decrees", "outreach", "reminders", "reports", "imports", "audit", "auth"]


class RestoreRefused(Exception):
    pass


def _models():
    skipped = {"contenttypes", "sessions", "admin", "axes"}
    return [m for m in apps.get_models() if m._meta.app_label not in skipped and m._meta.label != "auth.Permission"]


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in _models()}


def _sha256_of(handle):
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _sha256(path):
    with open(path, "rb") as handle:
        return _sha256_of(handle)


def _sha256_stored(name):
    with default_storage.open(name, "rb") as handle:
        return _sha256_of(handle)


def media_names(storage=None):
    """Every stored file (quarantine excepted), through the storage API: local disk or object store alike."""
    storage = storage or default_storage
    names = []

    def walk(prefix):
        directories, files = storage.listdir(prefix)
        names.extend(f"{prefix}{name}" for name in files)
        for directory in directories:
            if not (prefix == "" and directory == "quarantine"):
                walk(f"{prefix}{directory}/")

    try:
        walk("")
    except FileNotFoundError:  # a local MEDIA_ROOT not created yet
        return []
    return sorted(names)


def create_backup(output):
    """Write the archive to `output`; return its manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "data.pjson"
        with open(dump, "w", encoding="utf-8") as handle:
            call_command(
                "dumpdata",
                *[f"--exclude={e}" for e in EXCLUDED],
                "--natural-foreign",
                "--natural-primary",
                "--format=pjson",  # microsecond timestamps (ops/serializer.py)
                stdout=handle,
            )
        files = media_names()
        manifest = {
            "application": "kimtrack",
            "version": __version__,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "row_counts": row_counts(),
            "files": {name: _sha256_stored(name) for name in files},
            "data_sha256": _sha256(dump),
        }
        with tarfile.open(output, "w:gz") as archive:
            archive.add(dump, "data.pjson")
            for name in files:
                info = tarfile.TarInfo(f"media/{name}")
                info.size = default_storage.size(name)
                with default_storage.open(name, "rb") as handle:
                    archive.addfile(info, handle)
            payload = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return manifest


def _database_has_data():
    return any(count for label, count in row_counts().items())


def restore_backup(path, *, force=False):
    """Load an archive into this database and the media storage; verify it; return the manifest."""
    if not force and (_database_has_data() or media_names()):
        raise RestoreRefused("Database atau folder media tidak kosong; gunakan --force bila yakin.")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path, "r:gz") as archive:
        archive.extractall(tmp, filter="data")
        tmp = Path(tmp)
        manifest = json.loads((tmp / "manifest.json").read_text())
        if _sha256(tmp / "data.pjson") != manifest["data_sha256"]:
            raise RestoreRefused("data.pjson tidak cocok dengan manifest: arsip rusak.")
        for name, digest in manifest["files"].items():
            if _sha256(tmp / "media" / name) != digest:
                raise RestoreRefused(f"Berkas {name} tidak cocok dengan manifest: arsip rusak.")
        with transaction.atomic():
            call_command("loaddata", str(tmp / "data.pjson"), verbosity=0)
            counts = row_counts()
            wrong = {k: (v, counts.get(k)) for k, v in manifest["row_counts"].items() if counts.get(k) != v}
            if wrong:
                raise RestoreRefused(f"Jumlah baris berbeda setelah dimuat: {wrong}")
        for name in manifest["files"]:
            if default_storage.exists(name):  # --force: the archive's copy wins
                default_storage.delete(name)
            with open(tmp / "media" / name, "rb") as handle:
                saved = default_storage.save(name, File(handle))
            if saved != name:
                raise RestoreRefused(f"Penyimpanan menamai {name} sebagai {saved}; pulihkan ke penyimpanan kosong.")
    _reset_sequences()
    return manifest


def _reset_sequences():
    """After loading explicit ids into PostgreSQL, move every sequence past them."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), _models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
