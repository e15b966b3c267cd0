"""`make run` on SQLite survives parallel writes: a real server process on a file database, real requests.

The server (Django's threaded runserver, as `make run` starts it) runs in its own process on a
temporary SQLite file with the project's settings; four threads post four verifications at once.
Without WAL, a busy timeout and IMMEDIATE transactions most of them answer "database is locked".
"""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="about SQLite as a web server's database (the SQLite pass runs it)"
)

PARALLEL = 4
CSRF = "k" * 32

SETUP = """
import datetime, json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from decrees.services import decree_submit
from districts.models import District
from districts.regions_import import load_regions
from tests.factories import KimFactory, UserFactory, enrolled_device
from tests.files import sk_photo

load_regions()
jenu = District.objects.get(code="35.23.12")
admin = UserFactory(username="admin_jenu", admin_of=jenu)
staff = UserFactory(username="staf_tuban", staff_of=jenu.regency)
device = enrolled_device(staff)
decrees, sessions = [], []
for village in jenu.villages.order_by("code")[:%(n)d]:
    kim = KimFactory(name=f"KIM {village.name}", village=village)
    decrees.append(str(decree_submit(
        kim=kim, number="1/2024", signed_on=datetime.date(2024, 1, 1), signatory="Kades",
        term_start=datetime.date(2024, 1, 1), term_end=datetime.date(2029, 1, 1),
        files=[sk_photo()], uploaded_by=admin, notify=False,
    ).pk))
    session = SessionStore()
    session.update({
        SESSION_KEY: str(staff.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: staff.get_session_auth_hash(),
        DEVICE_ID_SESSION_KEY: device.persistent_id,
    })
    session.create()
    sessions.append(session.session_key)
print("SETUP" + json.dumps({"decrees": decrees, "sessions": sessions}))
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sqlite_server(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "OCR_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    run = {"env": env, "cwd": settings.BASE_DIR, "capture_output": True, "text": True, "timeout": 300}
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], check=True, **run)
    subprocess.run([*manage, "createcachetable"], check=True, **run)
    setup = subprocess.run([*manage, "shell", "-c", SETUP % {"n": PARALLEL}], check=True, **run)
    world = json.loads(setup.stdout.split("SETUP", 1)[1])
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        yield base, world, tmp_path / "db.sqlite3"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _post(url, session_key):
    request = urllib.request.Request(
        url,
        data=b"confirm=1",
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session_key}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
        },
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        return urllib.request.build_opener(NoRedirect).open(request, timeout=60).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_four_parallel_verifications_all_succeed(sqlite_server):
    base, world, database = sqlite_server
    barrier = threading.Barrier(PARALLEL)
    statuses = [None] * PARALLEL

    def verify(index):
        barrier.wait(timeout=30)
        statuses[index] = _post(f"{base}/sk/{world['decrees'][index]}/verifikasi/", world["sessions"][index])

    threads = [threading.Thread(target=verify, args=(i,)) for i in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses == [302] * PARALLEL
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT status, count(*) FROM decrees_decree GROUP BY status").fetchall() == [
            ("terverifikasi", PARALLEL)
        ]
