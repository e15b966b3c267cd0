"""prune removes abandoned drafts and never-applied imports after N days, rows and files; never an SK's scans."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from decrees.models import Scan
from decrees.services import decree_submit
from imports.models import ImportBatch
from imports.services import import_start
from reading.models import Draft, DraftScan, Reading
from reading.services import adopt_draft, create_draft
from tests.factories import KimFactory
from tests.files import sk_pdf, sk_photo, upload

OLD = timezone.now() - datetime.timedelta(days=45)


@pytest.fixture
def prune(django_capture_on_commit_callbacks):
    """Run the command; files are removed once its transaction commits, as in production."""

    def run(*args):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("prune", *args, stdout=out)
        return out.getvalue()

    return run


def submit(kim, user, **kwargs):
    return decree_submit(
        kim=kim,
        number="1/2024",
        signed_on=datetime.date(2024, 1, 1),
        signatory="Kades",
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2027, 1, 1),
        uploaded_by=user,
        **kwargs,
    )


def age(*objects):
    for obj in objects:
        type(obj).objects.filter(pk=obj.pk).update(created_at=OLD)


def test_abandoned_drafts_and_imports_go_with_their_files_recent_ones_stay(prune, jenu_admin, tuban_staff, beji_kim):
    abandoned = create_draft(kim=beji_kim, files=[sk_photo(), sk_pdf()], uploaded_by=jenu_admin)
    recent = create_draft(kim=beji_kim, files=[sk_photo()], uploaded_by=jenu_admin)
    old_import = import_start(
        regency=tuban_staff.regency,
        upload=upload("lama.csv", b"nama_kim,tingkat\nA,kecamatan\n", "text/csv"),
        user=tuban_staff,
    )
    applied = import_start(
        regency=tuban_staff.regency,
        upload=upload("pakai.csv", b"nama_kim,tingkat\nB,kecamatan\n", "text/csv"),
        user=tuban_staff,
    )
    ImportBatch.objects.filter(pk=applied.pk).update(status=ImportBatch.Status.APPLIED)
    age(abandoned, old_import, applied)
    gone = [Path(s.file.path) for s in abandoned.scans.all()] + [Path(old_import.file.path)]
    kept = [Path(s.file.path) for s in recent.scans.all()] + [Path(applied.file.path)]

    out = prune("--dry-run")
    assert "1 draf SK dan 1 impor lebih tua dari 30 hari akan dihapus, 3 berkas akan dihapus" in out
    assert all(p.exists() for p in gone) and Draft.objects.count() == 2 and ImportBatch.objects.count() == 2

    out = prune()
    assert "1 draf SK dan 1 impor lebih tua dari 30 hari dihapus, 3 berkas dihapus" in out
    assert not any(p.exists() for p in gone) and all(p.exists() for p in kept)
    assert list(Draft.objects.all()) == [recent]
    assert not DraftScan.objects.filter(draft_id=abandoned.pk).exists()
    assert not Reading.objects.filter(draft_id=abandoned.pk).exists()
    assert set(ImportBatch.objects.all()) == {applied}  # applied imports are the record of what was written


def test_days_can_be_chosen(prune, jenu_admin, beji_kim):
    draft = create_draft(kim=beji_kim, files=[sk_photo()], uploaded_by=jenu_admin)
    Draft.objects.filter(pk=draft.pk).update(created_at=timezone.now() - datetime.timedelta(days=10))
    assert "0 draf SK" in prune()
    assert "1 draf SK" in prune("--days", "7")
    assert not Draft.objects.exists()


def test_an_sks_scans_survive_however_old_and_a_drafts_file_that_became_a_scan_survives(prune, jenu_admin, beji_kim):
    decree = submit(beji_kim, jenu_admin, files=[sk_photo()])
    other_kim = KimFactory(village=beji_kim.village)  # one SK awaiting verification per KIM
    sent = create_draft(kim=other_kim, files=[sk_pdf()], uploaded_by=jenu_admin)
    from_draft = submit(other_kim, jenu_admin, scans_from=lambda decree: adopt_draft(sent, decree))
    # A draft never sent whose file is nevertheless an SK's scan (same stored file): the row goes, the file stays.
    stray = create_draft(kim=beji_kim, files=[sk_photo()], uploaded_by=jenu_admin)
    shared = stray.scans.get()
    Scan.objects.create(decree=decree, **{**shared.stored(), "position": 2})
    for model in (Draft, DraftScan, Scan):
        model.objects.update(created_at=OLD)
    decree.__class__.objects.update(created_at=OLD)

    out = prune()
    assert "1 draf SK dan 0 impor" in out and "0 berkas dihapus" in out
    assert not Draft.objects.filter(pk=stray.pk).exists() and Draft.objects.filter(pk=sent.pk).exists()
    scans = Scan.objects.filter(decree__in=[decree, from_draft])
    assert scans.count() == 3
    for scan in scans:
        assert Path(scan.file.path).exists(), scan
