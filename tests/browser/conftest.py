"""Playwright in Debian's chromium against pytest-django's live server.

Playwright cannot download its own browser here, so we launch /usr/bin/chromium.
Screenshots go to artifacts/screenshots/ (CI keeps that folder).
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from pytest_django.live_server_helper import LiveServer

CHROMIUM = os.environ.get("KIMTRACK_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 850}

# Playwright's sync API runs an event loop in this thread; the ORM calls our
# fixtures make in the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (make browser)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class SerialWSGIServer(WSGIServer):
    """Django's development WSGI server answering one request at a time (it then closes each connection)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, serving requests one at a time when the database is in-memory SQLite.

    There every request shares the test's single connection; with the usual thread per request, two
    requests of one page (a POST and the favicon, each saving the session in a transaction) interleaved
    their transactions on it and a request failed at random. PostgreSQL keeps a thread per request.
    The test database is set up first so that the server always gets the test's connection.
    """
    addr = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(addr, start=False)
    if server.thread.connections_override:
        server.thread.server_class = SerialWSGIServer
    server.start()
    yield server
    server.stop()


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context with the given viewport; closed after the test."""
    contexts = []

    def make(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="id-ID")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def demo(tuban):
    """The demo data, with every demo account's password set to the test password."""
    from django.core.management import call_command

    from accounts.models import User
    from tests.factories import PASSWORD

    call_command("load_demo", stdout=open(os.devnull, "w"))
    for user in User.objects.filter(username__startswith="demo_"):
        user.set_password(PASSWORD)
        user.save()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def login(page, username, password, code=None):
    """Sign in through the form; accounts that must use two-factor sign-in give a recovery code.

    Against the test database the code is made here; a server with its own database passes `code`.
    """
    if code is None:
        from accounts.models import User
        from tests.factories import recovery_code

        user = User.objects.filter(username=username).first()
        code = recovery_code(user) if user is not None and user.two_factor_required() else None
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    if code is not None and "/masuk/kode/" in page.url:
        page.get_by_label("Kode verifikasi").fill(code)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()


def open_phone_menu(page, label):
    """Open the collapsed navigation on a phone and wait until it has finished opening: a click on
    the user menu while the menu still slides open can be lost (seen once under load in CI)."""
    from playwright.sync_api import expect

    page.get_by_role("button", name=label).click()
    expect(page.locator("#nav-main")).to_have_class(re.compile(r"\bshow\b"))


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches `selector` (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received focus by Tab")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)
