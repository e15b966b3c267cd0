"""The fixed cast every test can call on.

Regions: Kabupaten Tuban from the bundled data, plus Kabupaten Lamongan (35.24)
with one kecamatan and village as "another regency".
People: a kecamatan admin of Jenu, one of Palang, a staff member of Tuban, a
staff member of Lamongan, a province viewer of Jawa Timur, a superuser.
"""

import os

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from districts.models import District, Regency, Village
from districts.regions_import import load_regions
from tests.factories import PASSWORD, KimFactory, UserFactory, VillageFactory, enrolled_device

JENU, PALANG = "35.23.12", "35.23.18"
BEJI = "35.23.12.2009"  # Desa Beji, Kecamatan Jenu


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """Overrides for the whole run, in place before the live server builds its middleware."""
    with override_settings(
        # The manifest storage of production needs collectstatic; tests read the source files.
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        # The test client and live server speak plain HTTP; production redirects to HTTPS.
        SECURE_SSL_REDIRECT=False,
        # Deliberately slow hashing is the point in production and only slows tests down.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ):
        yield


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tuban(db):
    load_regions()
    return Regency.objects.get(code="35.23")


@pytest.fixture
def lamongan(db):
    village = VillageFactory(code="35.24.01.2001", name="Sukorame")
    return village.district.regency


@pytest.fixture
def jenu(tuban):
    return District.objects.get(code=JENU)


@pytest.fixture
def palang(tuban):
    return District.objects.get(code=PALANG)


@pytest.fixture
def beji(tuban):
    return Village.objects.get(code=BEJI)


@pytest.fixture
def lamongan_district(lamongan):
    return District.objects.get(code="35.24.01")


@pytest.fixture
def jenu_admin(jenu):
    return UserFactory(username="admin_jenu", admin_of=jenu)


@pytest.fixture
def palang_admin(palang):
    return UserFactory(username="admin_palang", admin_of=palang)


@pytest.fixture
def tuban_staff(tuban):
    return UserFactory(username="staf_tuban", staff_of=tuban)


@pytest.fixture
def lamongan_staff(lamongan):
    return UserFactory(username="staf_lamongan", staff_of=lamongan)


@pytest.fixture
def province_viewer(tuban, lamongan):
    return UserFactory(username="pemantau_jatim", viewer_of=tuban.province)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def beji_kim(beji, jenu_admin):
    return KimFactory(name="KIM Beji Bersinar", village=beji, created_by=jenu_admin)


@pytest.fixture
def media_files(settings):
    """Every file currently under MEDIA_ROOT (a fresh temporary folder per test)."""

    def list_files():
        root = settings.MEDIA_ROOT
        return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []

    return list_files


def _client_for(user):
    """A client signed in as `user`; accounts that must use two-factor sign-in are enrolled and verified."""
    client = Client()
    client.force_login(user)
    if user.two_factor_required():
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = enrolled_device(user).persistent_id
        session.save()
    return client


@pytest.fixture
def anon_client():
    return Client()


@pytest.fixture
def client_for():
    """Return a logged-in test client for any user."""
    return _client_for


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def tesseract():
    """Real Tesseract with Indonesian data: CI installs it; elsewhere the test says it was skipped."""
    from reading import ocr  # imported here: the SK tests also run without the reading app

    if not ocr.available():
        if os.environ.get("CI"):
            pytest.fail("CI must install tesseract-ocr and tesseract-ocr-ind (see .ci/run)")
        pytest.skip("Tesseract with Indonesian data is not installed here (apt-get install tesseract-ocr-ind)")


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture
def english_compiled():
    """Tests that read English pages need the compiled catalogue, which `make test` builds from the .po."""
    po = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        pytest.fail(f"{mo.relative_to(settings.BASE_DIR)} is missing or older than the .po: run `make test`")
