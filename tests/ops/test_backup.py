"""Backups restore: a populated SQLite instance into PostgreSQL and back, every row and file compared.

Each instance is a real manage.py process with its own DATABASE_URL and MEDIA_ROOT. The PostgreSQL
leg runs when the suite itself runs on PostgreSQL (the second pass of .ci/run); a SQLite-only run
restores into a second SQLite database instead.
"""

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

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


def sqlite_instance(tmp_path, name):
    return {"url": f"sqlite:///{tmp_path / name}.sqlite3", "media": tmp_path / f"media-{name}"}


@pytest.fixture
def postgres_instance(tmp_path):
    """A fresh, empty PostgreSQL database on the server the suite uses; dropped afterwards."""
    if connection.vendor != "postgresql":
        yield None
        return
    import psycopg

    params = connection.settings_dict
    name = f"kimtrack_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        dbname="postgres", user=params["USER"], password=params["PASSWORD"], host=params["HOST"], port=params["PORT"]
    )
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST']}:{params['PORT']}/{name}"
    yield {"url": url, "media": tmp_path / "media-pg"}
    admin.cursor().execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


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


def test_backup_restores_across_databases_with_every_row_and_file(tmp_path, postgres_instance):
    source = sqlite_instance(tmp_path, "source")
    manage(source, "migrate", "-v", "0")
    manage(source, "load_regions")
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
    middle = postgres_instance or sqlite_instance(tmp_path, "middle")
    out = manage(middle, "restore", str(first))
    assert "cocok dengan manifest" in out
    assert_same(snapshot(middle), before)

    second = tmp_path / "second.tar.gz"
    manage(middle, "backup", "--output", str(second))
    back = sqlite_instance(tmp_path, "back")
    manage(back, "restore", str(second))
    assert_same(snapshot(back), before)
    # The restored instance keeps working: new rows get fresh ids after the loaded ones.
    manage(back, "add_account", "baru_setelah_restore", "--role", "staf", "--area", "35.23")


def test_restore_refuses_a_non_empty_database_and_a_damaged_archive(tmp_path):
    import tarfile

    source = sqlite_instance(tmp_path, "source")
    manage(source, "migrate", "-v", "0")
    manage(source, "load_regions")
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
    result = run_manage(sqlite_instance(tmp_path, "target"), "restore", str(damaged))
    assert result.returncode != 0 and "arsip rusak" in result.stderr
