"""One-file backups that restore anywhere: a portable data dump, every media file, and a manifest.

The dump is Django's JSON serialisation (natural keys), so an SQLite backup restores into
PostgreSQL and back. The dump, the row counts and the list of files all come from one snapshot of
the database (one read-only REPEATABLE READ transaction on PostgreSQL, one read transaction on
SQLite), so a backup taken while people upload is the database of one instant. The manifest holds
the row counts per model and the SHA-256 of every file; `backup` reads the finished archive back
and checks it (counts, checksums, every foreign key pointing into the dump) before it reports
success, and restore checks it again before it loads anything.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone

from kimtrack import __version__
from ops.media import referenced_files, stored_previews

# Rebuilt by migrate, or transient: not application data.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class RestoreRefused(Exception):
    pass


class BackupInvalid(Exception):
    """The archive just written does not hold what its manifest says: it must not be trusted."""


def _models():
    skipped = {"contenttypes", "sessions", "admin", "axes"}
    return [m for m in apps.get_models() if m._meta.app_label not in skipped and m._meta.label != "auth.Permission"]


def row_counts():
    return {model._meta.label: model._default_manager.using(DEFAULT_DB_ALIAS).count() for model in _models()}


@contextmanager
def snapshot():
    """Run the block on a connection of its own that sees one instant of the database throughout.

    The connection is this thread's `default` for the block, so dumpdata and every count and file
    lookup inside read the same snapshot; other threads and processes keep writing meanwhile.
    """
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    previous = connections[DEFAULT_DB_ALIAS]
    connections[DEFAULT_DB_ALIAS] = own
    try:
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            if own.vendor == "postgresql":
                with own.cursor() as cursor:  # must be the transaction's first statement
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            # SQLite: atomic() opened a read transaction; its first read fixes the snapshot (WAL) or
            # holds the shared lock that keeps writers from committing until the dump is done.
            yield own
    finally:
        connections[DEFAULT_DB_ALIAS] = previous
        own.close()


def _sha256_of(handle):
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _sha256(path):
    with open(path, "rb") as handle:
        return _sha256_of(handle)


class _Hashing:
    """A file read once: into the archive and into its SHA-256 at the same time."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


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
    """Write the archive to `output`, verify it, and return its manifest; raise BackupInvalid if it is wrong."""
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "data.pjson"
        with snapshot() as own, open(dump, "w", encoding="utf-8") as handle:
            call_command(
                "dumpdata",
                *[f"--exclude={e}" for e in EXCLUDED],
                "--natural-foreign",
                "--natural-primary",
                "--format=pjson",  # microsecond timestamps (ops/serializer.py)
                stdout=handle,
            )
            counts = row_counts()
            # The files rows point to in this snapshot, and the previews built for them (never rebuilt
            # on request); open-data exports are regenerated at will and stay out.
            files = sorted(set(referenced_files()) | stored_previews())
            vendor = own.vendor
        digests = {}
        with tarfile.open(output, "w:gz") as archive:
            archive.add(dump, "data.pjson")
            for name in files:
                info = tarfile.TarInfo(f"media/{name}")
                try:
                    info.size = default_storage.size(name)
                    with default_storage.open(name, "rb") as handle:
                        reader = _Hashing(handle)
                        archive.addfile(info, reader)
                except FileNotFoundError:
                    raise BackupInvalid(
                        f"Berkas {name} tercatat di database tetapi tidak ada di penyimpanan "
                        "(terhapus setelah pencadangan dimulai, atau hilang: jalankan check_media)."
                    ) from None
                digests[name] = reader.digest.hexdigest()
            manifest = {
                "application": "kimtrack",
                "version": __version__,
                "created_at": timezone.now().isoformat(),
                "database_vendor": vendor,
                "row_counts": counts,
                "files": digests,
                "data_sha256": _sha256(dump),
            }
            payload = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    verify_archive(output)
    return manifest


def verify_archive(path):
    """Read an archive back and check it whole; return its manifest or raise BackupInvalid saying what is wrong.

    Checked: the manifest is there, the dump and every file match their SHA-256, the dump holds
    exactly the counted rows of every model, and every foreign key in the dump points to a row in
    the dump.
    """
    manifest, data, seen = None, None, {}
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                if not member.isfile():
                    continue
                handle = archive.extractfile(member)
                if member.name == "manifest.json":
                    manifest = json.loads(handle.read())
                elif member.name == "data.pjson":
                    data = handle.read()
                elif member.name.startswith("media/"):
                    seen[member.name.removeprefix("media/")] = _sha256_of(handle)
    except (tarfile.TarError, OSError, EOFError, json.JSONDecodeError) as exc:
        raise BackupInvalid(f"Arsip tidak bisa dibaca: {exc}") from None
    if manifest is None or data is None:
        raise BackupInvalid("Arsip tidak lengkap: manifest.json atau data.pjson tidak ada.")
    if hashlib.sha256(data).hexdigest() != manifest["data_sha256"]:
        raise BackupInvalid("data.pjson tidak cocok dengan manifest: arsip rusak.")
    for name, digest in manifest["files"].items():
        if seen.get(name) != digest:
            raise BackupInvalid(f"Berkas {name} hilang atau tidak cocok dengan manifest: arsip rusak.")
    if set(seen) - set(manifest["files"]):
        raise BackupInvalid(f"Arsip memuat berkas di luar manifest: {sorted(set(seen) - set(manifest['files']))[:5]}")
    objects = json.loads(data)
    _check_counts(objects, manifest["row_counts"])
    _check_references(objects)
    return manifest


def _check_counts(objects, expected):
    dumped = {}
    for obj in objects:
        dumped[obj["model"]] = dumped.get(obj["model"], 0) + 1
    wrong = {}
    for label, count in expected.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            raise BackupInvalid(f"Manifest menyebut model {label} yang tidak dikenal versi ini.") from None
        if model._meta.proxy:  # a proxy's rows are its concrete model's, dumped under that name
            continue
        if dumped.get(label.lower(), 0) != count:
            wrong[label] = (count, dumped.get(label.lower(), 0))
    if wrong:
        raise BackupInvalid(f"Jumlah baris di dump berbeda dengan manifest (manifest, dump): {wrong}")


def _identity(value):
    return json.dumps(value) if isinstance(value, list) else str(value)


def _keys_in_dump(objects):
    """{model label: set of every value a foreign key may hold for a row in the dump} (pks, to_fields, natural keys)."""
    keys, to_fields = {}, _pointed_to_fields()
    for obj in objects:
        model = apps.get_model(obj["model"])
        found = keys.setdefault(model._meta.label_lower, set())
        if "pk" in obj:
            found.add(_identity(obj["pk"]))
        for name in to_fields.get(model._meta.label_lower, ()):
            if name in obj["fields"]:
                found.add(f"{name}={_identity(obj['fields'][name])}")
        if hasattr(model, "natural_key"):
            plain = {
                field.attname: obj["fields"][field.name]
                for field in model._meta.concrete_fields
                if field.name in obj["fields"] and not field.is_relation
            }
            # A natural key needing relations is not built here; loaddata checks those on restore.
            with suppress(Exception):
                found.add(_identity(list(model(**plain).natural_key())))
    return keys


def _pointed_to_fields():
    """{model label: names of its fields, other than the pk, that some foreign key points to (to_field)}."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey):
                target = field.related_model._meta
                if field.remote_field.field_name != target.pk.name:
                    found.setdefault(target.label_lower, set()).add(field.remote_field.field_name)
    return found


def _check_references(objects):
    """Every enforced foreign key (and many-to-many entry) in the dump points to a row of the dump."""
    keys = _keys_in_dump(objects)
    excluded = {label for label in EXCLUDED if "." in label} | {label + "." for label in EXCLUDED if "." not in label}
    dangling = []
    for obj in objects:
        model = apps.get_model(obj["model"])
        for field in model._meta.get_fields():
            if not (field.concrete and field.is_relation) or field.name not in obj["fields"]:
                continue
            if isinstance(field, models.ForeignKey) and not field.db_constraint:
                continue  # history rows keep the ids of rows deleted since
            target = field.related_model._meta
            if target.label_lower in excluded or f"{target.app_label}." in excluded:
                continue  # content types and permissions are rebuilt by migrate
            values = obj["fields"][field.name]
            values = values if field.many_to_many else [values]
            to_field = None if field.many_to_many else field.remote_field.field_name
            pk_name = target.pk.name
            for value in values:
                if value is None:
                    continue
                if isinstance(value, list) or to_field in (None, pk_name):
                    wanted = _identity(value)
                else:
                    wanted = f"{to_field}={_identity(value)}"
                if wanted not in keys.get(target.label_lower, set()):
                    dangling.append(f"{obj['model']} {obj.get('pk', '')} {field.name} → {target.label} {value}")
    if dangling:
        raise BackupInvalid(f"{len(dangling)} rujukan di dump menunjuk baris yang tidak ada di dump: {dangling[:5]}")


def _database_has_data():
    return any(count for label, count in row_counts().items())


def restore_backup(path, *, force=False):
    """Load an archive into this database and the media storage; verify it; return the manifest."""
    if not force and (_database_has_data() or media_names()):
        raise RestoreRefused("Database atau folder media tidak kosong; gunakan --force bila yakin.")
    try:
        manifest = verify_archive(path)
    except BackupInvalid as exc:
        raise RestoreRefused(str(exc)) from None
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path, "r:gz") as archive:
        archive.extractall(tmp, filter="data")
        tmp = Path(tmp)
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
