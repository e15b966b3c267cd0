"""Backups restore: a populated SQLite instance into PostgreSQL and back, every row and file compared.

Each instance is a real manage.py process with its own DATABASE_URL and MEDIA_ROOT. The PostgreSQL
leg runs when the suite itself runs on PostgreSQL (the second pass of .ci/run); a SQLite-only run
restores into a second SQLite database instead.
"""

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

pytestmark = pytest.mark.django_db


def run_manage(instance, *args):
    """Run manage.py as a separate process against one instance's database and media folder."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=instance["url"], MEDIA_ROOT=str(instance["media"]), LOG_LEVEL="WARNING")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def manage(instance, *args):
    result = run_manage(instance, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def sqlite_instance(tmp_path, name, like=None):
    """A SQLite instance; `like` is a prepared template file copied in (see `migrated_sqlite`)."""
    if like is not None:
        shutil.copyfile(like, tmp_path / f"{name}.sqlite3")
    return {"url": f"sqlite:///{tmp_path / name}.sqlite3", "media": tmp_path / f"media-{name}"}


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """Migrated SQLite files made once per run and copied per test: a migrate is ~10 s of the suite each time.

    "empty" is what `restore` itself makes of a new database before loading (it migrates first), and "regions"
    adds the bundled Tuban regions (`load_regions`), the starting point of most backup tests.
    """
    folder = tmp_path_factory.mktemp("migrated")
    empty = sqlite_instance(folder, "empty")
    manage(empty, "migrate", "-v", "0")
    regions = sqlite_instance(folder, "regions", like=folder / "empty.sqlite3")
    manage(regions, "load_regions")
    return {"empty": folder / "empty.sqlite3", "regions": folder / "regions.sqlite3"}


def _postgres_admin():
    import psycopg

    params = connection.settings_dict
    admin = psycopg.connect(
        dbname="postgres", user=params["USER"], password=params["PASSWORD"], host=params["HOST"], port=params["PORT"]
    )
    admin.autocommit = True
    return admin


def _postgres_url(name):
    params = connection.settings_dict
    return f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST']}:{params['PORT']}/{name}"


@pytest.fixture(scope="session")
def migrated_postgres(tmp_path_factory, django_db_setup):
    """A migrated PostgreSQL database made once per run, copied by `CREATE DATABASE … TEMPLATE`."""
    if connection.vendor != "postgresql":
        yield None
        return
    name = f"kimtrack_template_{uuid.uuid4().hex[:8]}"
    admin = _postgres_admin()
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    manage({"url": _postgres_url(name), "media": tmp_path_factory.mktemp("template-media")}, "migrate", "-v", "0")
    yield name
    admin.cursor().execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def postgres_instances(tmp_path, migrated_postgres):
    """Make fresh, migrated PostgreSQL databases without rows on the server the suite uses; dropped afterwards.

    Migrated and empty is what `restore` makes of a new database before it loads anything.
    """
    admin = _postgres_admin()
    made = []

    def make():
        name = f"kimtrack_restore_{uuid.uuid4().hex[:8]}"
        admin.cursor().execute(f'CREATE DATABASE "{name}" TEMPLATE "{migrated_postgres}"')
        made.append(name)
        return {"url": _postgres_url(name), "media": tmp_path / f"media-{name}"}

    yield make
    for name in made:
        admin.cursor().execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def postgres_instance(request):
    """A fresh, empty PostgreSQL database when the suite runs on PostgreSQL, else None."""
    if connection.vendor != "postgresql":
        return None
    return request.getfixturevalue("postgres_instances")()


def snapshot(instance):
    """Every row (natural keys, sorted) and the SHA-256 of every media file."""
    rows = json.loads(
        manage(
            instance,
            "dumpdata",
            "--format=pjson",  # microsecond timestamps, as the backup itself
            "--natural-foreign",
            "--natural-primary",
            "-e",
            "contenttypes",
            "-e",
            "auth.permission",
            "-e",
            "sessions",
            "-e",
            "admin.logentry",
            "-e",
            "axes",
        )
    )
    rows = sorted(json.dumps(row, sort_keys=True) for row in rows)
    files = {
        str(p.relative_to(instance["media"])): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in Path(instance["media"]).rglob("*")
        if p.is_file()
    }
    return rows, files


def assert_same(after, before):
    """Compare snapshots, showing only what differs (the full lists run to thousands of rows)."""
    rows_after, files_after = after
    rows_before, files_before = before
    assert sorted(set(rows_after) - set(rows_before))[:5] == sorted(set(rows_before) - set(rows_after))[:5] == []
    assert rows_after == rows_before
    assert files_after == files_before


def test_backup_restores_across_databases_with_every_row_and_file(tmp_path, migrated_sqlite, postgres_instance):
    source = sqlite_instance(tmp_path, "source", like=migrated_sqlite["regions"])
    manage(source, "load_demo")
    # A timestamp below one millisecond is what Django's own JSON would round away.
    manage(
        source,
        "shell",
        "-c",
        "import datetime; from audit.models import AuditEvent; "
        "AuditEvent.objects.create(action='masuk', at=datetime.datetime(2026, 1, 2, 3, 4, 5, 400, datetime.UTC))",
    )
    before = snapshot(source)
    assert any('"2026-01-02T03:04:05.000400Z"' in row for row in before[0]), [r for r in before[0] if "audit" in r][:3]
    assert len(before[0]) > 400 and len(before[1]) >= 20  # regions, KIMs, SKs, history; demo scans

    first = tmp_path / "first.tar.gz"
    assert "berkas media" in manage(source, "backup", "--output", str(first))
    middle = postgres_instance or sqlite_instance(tmp_path, "middle", like=migrated_sqlite["empty"])
    out = manage(middle, "restore", str(first))
    assert "cocok dengan manifest" in out
    assert_same(snapshot(middle), before)

    second = tmp_path / "second.tar.gz"
    manage(middle, "backup", "--output", str(second))
    back = sqlite_instance(tmp_path, "back", like=migrated_sqlite["empty"])
    manage(back, "restore", str(second))
    assert_same(snapshot(back), before)
    # The restored instance keeps working: new rows get fresh ids after the loaded ones.
    manage(back, "add_account", "baru_setelah_restore", "--role", "staf", "--area", "35.23")


def test_restore_refuses_a_non_empty_database_and_a_damaged_archive(tmp_path, migrated_sqlite):
    import tarfile

    source = sqlite_instance(tmp_path, "source", like=migrated_sqlite["regions"])
    archive = tmp_path / "b.tar.gz"
    manage(source, "backup", "--output", str(archive))
    refused = run_manage(source, "restore", str(archive))
    assert refused.returncode != 0 and "tidak kosong" in refused.stderr

    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "data.pjson":
                data = data.replace(b"Jenu", b"Jenoe")
            member.size = len(data)
            import io

            dst.addfile(member, io.BytesIO(data))
    result = run_manage(sqlite_instance(tmp_path, "target", like=migrated_sqlite["empty"]), "restore", str(damaged))
    assert result.returncode != 0 and "arsip rusak" in result.stderr


def _rewritten(archive, out, change):
    """Copy an archive with `change(objects, manifest)` applied and the dump's checksum made to match again."""
    import io

    with tarfile.open(archive) as src:
        members = {m.name: (m, src.extractfile(m).read()) for m in src.getmembers() if m.isfile()}
    objects = json.loads(members["data.pjson"][1])
    manifest = json.loads(members["manifest.json"][1])
    change(objects, manifest)
    data = json.dumps(objects).encode()
    manifest["data_sha256"] = hashlib.sha256(data).hexdigest()
    members["data.pjson"] = (members["data.pjson"][0], data)
    members["manifest.json"] = (members["manifest.json"][0], json.dumps(manifest).encode())
    with tarfile.open(out, "w:gz") as dst:
        for member, payload in members.values():
            member.size = len(payload)
            dst.addfile(member, io.BytesIO(payload))
    return out


def test_an_archive_whose_dump_is_inconsistent_is_refused(tmp_path, migrated_sqlite):
    """What a backup taken without a snapshot looks like: rows missing, or rows pointing at rows not dumped."""
    source = sqlite_instance(tmp_path, "source", like=migrated_sqlite["regions"])
    archive = tmp_path / "b.tar.gz"
    assert "arsip diperiksa dan cocok" in manage(source, "backup", "--output", str(archive))

    def drop_regency(objects, manifest):
        objects[:] = [o for o in objects if not (o["model"] == "districts.regency" and o["pk"] == "35.23")]

    def drop_regency_and_count(objects, manifest):
        drop_regency(objects, manifest)
        manifest["row_counts"]["districts.Regency"] -= 1

    miscounted = _rewritten(archive, tmp_path / "miscounted.tar.gz", drop_regency)
    result = run_manage(sqlite_instance(tmp_path, "t1", like=migrated_sqlite["empty"]), "restore", str(miscounted))
    assert result.returncode != 0 and "Jumlah baris di dump berbeda" in result.stderr
    dangling = _rewritten(archive, tmp_path / "dangling.tar.gz", drop_regency_and_count)
    result = run_manage(sqlite_instance(tmp_path, "t2", like=migrated_sqlite["empty"]), "restore", str(dangling))
    assert result.returncode != 0 and "menunjuk baris yang tidak ada" in result.stderr
    assert "districts.district 35.23.01 regency" in result.stderr


def _writer(stop, errors, index, admin, villages):
    """Create KIMs and upload their SKs with scans through the services, as fast as they go, until stopped."""
    from decrees.services import decree_submit
    from tests.factories import KimFactory
    from tests.files import sk_photo

    n = 0
    try:
        while not stop.is_set():
            n += 1
            kim = KimFactory(name=f"KIM Beban {index}-{n}", village=villages[n % len(villages)], created_by=admin)
            decree_submit(
                kim=kim,
                number=f"{index}/{n}/2025",
                signed_on=datetime.date(2025, 1, 2),
                signatory="Kepala Desa",
                term_start=datetime.date(2025, 1, 2),
                term_end=datetime.date(2028, 1, 1),
                files=[sk_photo(f"hal-{n}.jpg")],
                uploaded_by=admin,
                notify=False,
            )
    except Exception as exc:  # reported by the test
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent PostgreSQL writers (run by .ci/run)")
def test_backups_taken_while_people_upload_restore_exactly(tmp_path, jenu, jenu_admin, postgres_instances, settings):
    from districts.models import Village
    from ops.backup import create_backup
    from reading.models import Reading

    settings.KIMTRACK_UPLOAD_MAX_FILES_PER_HOUR = 10**6  # one account uploads far more than a person would
    villages = list(Village.objects.filter(district=jenu))
    stop, errors = threading.Event(), []
    writers = [threading.Thread(target=_writer, args=(stop, errors, i, jenu_admin, villages)) for i in range(3)]
    for thread in writers:
        thread.start()
    archives = []
    try:
        for attempt in range(3):
            started = Reading.objects.count()
            while Reading.objects.count() < started + 3 and not errors:  # writers are busy before each backup
                time.sleep(0.05)
            archives.append(tmp_path / f"busy-{attempt}.tar.gz")
            create_backup(archives[-1])
    finally:
        stop.set()
        for thread in writers:
            thread.join(timeout=60)
    assert errors == []
    for archive in archives:
        target = postgres_instances()
        restored = run_manage(target, "restore", str(archive))
        assert restored.returncode == 0, restored.stdout + restored.stderr  # counts match, FKs load
        assert "cocok dengan manifest" in restored.stdout
        manifest = json.loads(tarfile.open(archive).extractfile("manifest.json").read())
        assert manifest["row_counts"]["decrees.Decree"] > 0
        originals = [name for name in manifest["files"] if not name.startswith("previews/")]
        previews = [name for name in manifest["files"] if name.startswith("previews/")]
        assert manifest["row_counts"]["decrees.Scan"] == len(originals)  # one scan per SK, nothing else
        assert len(previews) <= len(originals)  # previews of the scans in this snapshot only
        # Every SK came with its KIM and every scan row with its file.
        assert "0 hilang" in manage(target, "check_media")


WRITER = """
import datetime, io, pathlib
from PIL import Image
from django.core.files.uploadedfile import SimpleUploadedFile
from decrees.services import decree_submit
from districts.models import District, Village
from tests.factories import KimFactory, UserFactory

stop, progress = pathlib.Path({stop!r}), pathlib.Path({progress!r})
jenu = District.objects.get(code="35.23.12")
admin = UserFactory(username="admin_proses", admin_of=jenu)
villages = list(Village.objects.filter(district=jenu))
out = io.BytesIO()
Image.new("RGB", (600, 800), (240, 240, 230)).save(out, "JPEG")
n = 0
while not stop.exists():
    n += 1
    kim = KimFactory(name=f"KIM Proses {{n}}", village=villages[n % len(villages)], created_by=admin)
    decree_submit(
        kim=kim, number=f"P/{{n}}/2025", signed_on=datetime.date(2025, 1, 2), signatory="Kades",
        term_start=datetime.date(2025, 1, 2), term_end=datetime.date(2028, 1, 1),
        files=[SimpleUploadedFile(f"hal-{{n}}.jpg", out.getvalue(), "image/jpeg")], uploaded_by=admin, notify=False,
    )
    progress.write_text(str(n))
"""


def test_sqlite_backups_taken_while_another_process_uploads_restore_exactly(tmp_path, migrated_sqlite):
    """The default database: a writer process keeps creating KIMs and SKs while `backup` runs in another."""
    source = sqlite_instance(tmp_path, "source", like=migrated_sqlite["regions"])
    stop, progress = tmp_path / "stop", tmp_path / "progress"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=source["url"], MEDIA_ROOT=str(source["media"]), LOG_LEVEL="WARNING", OCR_ENABLED="false")
    # One busy account: far more uploads than a person makes in an hour.
    env.update(KIMTRACK_UPLOAD_MAX_FILES_PER_HOUR="1000000", KIMTRACK_UPLOAD_MAX_MB_PER_HOUR="1000000")
    writer = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", WRITER.format(stop=str(stop), progress=str(progress))],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    archives = []
    try:
        for attempt in range(2):
            deadline = time.monotonic() + 120
            while not (progress.exists() and int(progress.read_text() or 0) >= 3 * (attempt + 1)):
                assert writer.poll() is None and time.monotonic() < deadline, writer.stdout.read()
                time.sleep(0.1)
            archives.append(tmp_path / f"busy-{attempt}.tar.gz")
            assert "arsip diperiksa dan cocok" in manage(source, "backup", "--output", str(archives[-1]))
        stop.touch()
        output, _ = writer.communicate(timeout=120)
    finally:
        stop.touch()
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, output  # the writer was never locked out by the backups
    for index, archive in enumerate(archives):
        target = sqlite_instance(tmp_path, f"target-{index}", like=migrated_sqlite["empty"])
        assert "cocok dengan manifest" in manage(target, "restore", str(archive))
        assert "0 hilang" in manage(target, "check_media")
