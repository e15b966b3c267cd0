"""check_media finds orphan and missing files; --repair quarantines, never deletes. Crash points leave nothing."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from decrees.models import Decree, Scan
from decrees.services import decree_submit
from tests.files import sk_pdf, sk_photo


def run(*args):
    out = StringIO()
    try:
        call_command("check_media", *args, stdout=out)
    except SystemExit as exit_:
        return out.getvalue(), exit_.code
    return out.getvalue(), 0


def submit(kim, user, files):
    return decree_submit(
        kim=kim,
        number="1/2022",
        signed_on=datetime.date(2022, 1, 1),
        signatory="Kades",
        term_start=datetime.date(2022, 1, 1),
        term_end=datetime.date(2025, 1, 1),
        files=files,
        uploaded_by=user,
    )


def test_clean_media_reports_nothing(beji_kim, jenu_admin):
    submit(beji_kim, jenu_admin, [sk_photo()])
    out, code = run()
    assert code == 0 and "1 berkas tercatat, 0 hilang, 0 yatim" in out


def test_orphans_are_reported_and_quarantined_not_deleted(beji_kim, jenu_admin, settings):
    submit(beji_kim, jenu_admin, [sk_photo()])
    stray = Path(settings.MEDIA_ROOT) / "scans" / "2022" / "01" / "stray.jpg"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"left behind by a crash")
    out, _ = run()
    assert "YATIM   scans/2022/01/stray.jpg" in out and stray.exists()
    out, _ = run("--repair")
    assert not stray.exists()
    kept = list((Path(settings.MEDIA_ROOT) / "quarantine").rglob("stray.jpg"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"left behind by a crash"
    assert "0 yatim" in run()[0]


def test_missing_files_are_reported_with_their_row(beji_kim, jenu_admin):
    decree = submit(beji_kim, jenu_admin, [sk_photo()])
    scan = decree.scans.get()
    default_storage.delete(scan.file.name)
    out, code = run()
    assert code == 1 and f"HILANG  {scan.file.name}" in out and str(scan.pk) in out


def test_storage_failure_while_writing_the_second_file_leaves_no_row_and_no_file(
    beji_kim, jenu_admin, monkeypatch, media_files
):
    original = default_storage.__class__._save
    calls = {"n": 0}

    def flaky_save(self, name, content):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("No space left on device")
        return original(self, name, content)

    monkeypatch.setattr(default_storage.__class__, "_save", flaky_save)
    with pytest.raises(OSError):
        submit(beji_kim, jenu_admin, [sk_photo(), sk_pdf()])
    assert Decree.objects.count() == 0 and Scan.objects.count() == 0
    assert media_files() == []


def test_previews_are_neither_orphans_nor_missing(client_for, beji_kim, jenu_admin):
    decree = submit(beji_kim, jenu_admin, [sk_photo()])
    assert "0 hilang, 0 yatim" in run()[0]  # no preview made yet: not missing
    client_for(jenu_admin).get(f"/sk/berkas/{decree.scans.get().pk}/pratinjau.jpg")
    assert "0 hilang, 0 yatim" in run()[0]  # preview made: not an orphan


def test_too_many_files_in_one_request_are_refused_before_reading(client_for, jenu_admin, beji_kim, settings):
    from django.urls import reverse

    files = [sk_photo(f"h{i}.jpg") for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    client = client_for(jenu_admin)
    client.raise_request_exception = False
    response = client.post(reverse("decrees:upload", args=[beji_kim.pk]), {"number": "x", "files": files})
    assert response.status_code == 400
    assert Decree.objects.count() == 0
