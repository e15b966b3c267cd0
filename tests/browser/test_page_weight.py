"""Page weight on a production-like stack: gunicorn, DEBUG off, whitenoise's compressed and hashed static
files. Budget per main page: under 150 KB transferred on first load (compressed; scans and map documents,
which are cached separately, left out) and under 30 KB of HTML on a repeat visit, with static files
served from the browser cache (far-future, immutable)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings

from tests.browser.conftest import PHONE, login

RECOVERY_CODE = "pemberat2026"
FIRST_LOAD_BUDGET = 150_000
REPEAT_HTML_BUDGET = 30_000
PASSWORD = "Timbangan-Halaman-2026"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("produksi")
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)}
    env.update(
        DEBUG="false",
        SECRET_KEY="page-weight-test-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        LOG_LEVEL="WARNING",
    )

    def manage(*args, stdin=None):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            input=stdin,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )

    manage("migrate", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")
    manage("load_regions")
    manage("load_demo")
    manage("add_account", "pemberat", "--role", "staf", "--area", "35.23", "--password-stdin", stdin=PASSWORD)
    # Staff sign in with a second factor: give the account one recovery code, as enrolment would.
    manage(
        "shell",
        "-c",
        "from django_otp.plugins.otp_static.models import StaticDevice; from accounts.models import User; "
        "d = StaticDevice.objects.create(user=User.objects.get(username='pemberat'), name='pemulihan'); "
        f"d.token_set.create(token='{RECOVERY_CODE}')",
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "kimtrack.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(60):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    yield base
    server.terminate()
    server.wait(timeout=20)


MEASURE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return [{name: nav.name, type: 'document', size: nav.transferSize},
          ...performance.getEntriesByType('resource')
            .map(r => ({name: r.name, type: r.initiatorType, size: r.transferSize}))];
}"""
SEPARATELY_CACHED = ("/peta/", "/publik/peta.svg", "/sk/berkas/")


def weigh(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    entries = page.evaluate(MEASURE)
    counted = [e for e in entries if not any(part in e["name"] for part in SEPARATELY_CACHED)]
    return sum(e["size"] for e in counted), entries


def test_main_pages_stay_within_the_weight_budget(browser, production_server):
    session = browser.new_context(viewport=PHONE, base_url=production_server)
    page = session.new_page()
    first, repeat = {}, {}
    first["login"], _ = weigh(page, "/masuk/")
    login(page, "pemberat", PASSWORD, code=RECOVERY_CODE)
    kim_path = re.search(r'href="(/kim/[0-9a-f-]{36}/)"', page.goto("/kim/").text()).group(1)
    logged_in = session.storage_state()  # cookies only: each page below starts with an empty HTTP cache
    session.close()
    pages = [
        ("dashboard", "/"),
        ("kim-list", "/kim/"),
        ("kim-page", kim_path),
        ("sk-upload", kim_path.replace("/kim/", "/sk/unggah/")),
        ("queue", "/sk/verifikasi/"),
        ("outreach-form", "/sosialisasi/baru/"),
        ("public", "/publik/"),
    ]
    for name, url in pages:
        context = browser.new_context(
            viewport=PHONE, base_url=production_server, storage_state=None if name == "public" else logged_in
        )
        page = context.new_page()
        first[name], _ = weigh(page, url)
        page.reload()
        page.wait_for_load_state("networkidle")
        entries = page.evaluate(MEASURE)
        repeat[name] = {
            "html": next(e["size"] for e in entries if e["type"] == "document"),
            "static": sum(e["size"] for e in entries if "/static/" in e["name"]),
        }
        context.close()
    report = {name: (first[name], repeat.get(name)) for name in first}
    print("\npage weight (bytes): first load, repeat:", report)
    assert all(size < FIRST_LOAD_BUDGET for size in first.values()), report
    assert all(r["html"] < REPEAT_HTML_BUDGET and r["static"] == 0 for r in repeat.values()), report


def test_static_files_are_compressed_hashed_and_cached_for_ever(production_server):
    html = urllib.request.urlopen(production_server + "/masuk/").read().decode()
    css = re.search(r'href="(/static/bootstrap/css/bootstrap\.min\.[0-9a-f]{12}\.css)"', html)
    assert css, "static URLs carry a content hash"
    request = urllib.request.Request(production_server + css.group(1), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert (
            "immutable" in response.headers["Cache-Control"]
            and "max-age=315360000" in response.headers["Cache-Control"]
        )
