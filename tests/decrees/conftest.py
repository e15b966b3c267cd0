import pytest

from tests.factories import KimFactory


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


SK_FIELDS = {
    "number": "188.45/123/KPTS/414.403/2021",
    "signed_on": "2021-12-10",
    "signatory": "Kepala Desa Beji",
    "term_start": "2021-12-10",
    "term_end": "2026-12-09",
}
