"""`manage.py add_account`: create or update an account with its scope."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User


def add_account(*args, stdin=None, monkeypatch=None):
    out = StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", StringIO(stdin))
    call_command("add_account", *args, stdout=out)
    return out.getvalue()


def test_creates_kecamatan_admin_and_prints_generated_password_once(tuban):
    output = add_account("admin_jenu", "--role", "kecamatan", "--area", "35.23.12", "--email", "jenu@example.org")
    user = User.objects.get(username="admin_jenu")
    assert (user.role, user.district_id, user.regency_id, user.province_id) == ("kecamatan", "35.23.12", None, None)
    assert user.email == "jenu@example.org"
    password = output.split("Kata sandi (hanya ditampilkan sekali): ")[1].strip()
    assert user.check_password(password)
    assert len(password) >= 14


def test_password_from_stdin_is_used_and_not_printed(tuban, monkeypatch):
    output = add_account(
        "staf",
        "--role",
        "staf",
        "--area",
        "35.23",
        "--password-stdin",
        stdin="Sandi-Kuat-Tuban-2026\n",
        monkeypatch=monkeypatch,
    )
    user = User.objects.get(username="staf")
    assert user.check_password("Sandi-Kuat-Tuban-2026")
    assert "Sandi-Kuat-Tuban-2026" not in output
    assert user.regency_id == "35.23"


def test_rerun_updates_role_and_area_without_duplicating(tuban):
    add_account("budi", "--role", "kecamatan", "--area", "35.23.12")
    output = add_account("budi", "--role", "provinsi", "--area", "35")
    user = User.objects.get(username="budi")
    assert (user.role, user.province_id, user.district_id) == ("provinsi", "35", None)
    assert User.objects.filter(username="budi").count() == 1
    assert "diperbarui" in output


@pytest.mark.parametrize(
    ("role", "area", "message"),
    [
        ("staf", "35.23.12", "membutuhkan kode kabupaten/kota"),
        ("kecamatan", "35.23", "membutuhkan kode kecamatan"),
        ("kecamatan", "35.23.99", "Wilayah 35.23.99 belum dimuat"),
        ("provinsi", "3", "membutuhkan kode provinsi"),
    ],
)
def test_role_and_area_must_fit(tuban, role, area, message):
    with pytest.raises(CommandError, match=message):
        add_account("salah", "--role", role, "--area", area)
    assert not User.objects.filter(username="salah").exists()


def test_weak_password_is_refused(tuban, monkeypatch):
    with pytest.raises(CommandError, match="terlalu pendek|too short"):
        add_account(
            "lemah", "--role", "staf", "--area", "35.23", "--password-stdin", stdin="123\n", monkeypatch=monkeypatch
        )
    assert not User.objects.filter(username="lemah").exists()


def test_database_refuses_a_role_without_its_area(tuban):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create(username="setengah", role="staf")


def test_command_line_creation_and_update_are_audited(tuban):
    from audit.models import AuditEvent

    add_account("budi", "--role", "kecamatan", "--area", "35.23.12")
    add_account("budi", "--role", "staf", "--area", "35.23")
    created, changed = AuditEvent.objects.order_by("at", "pk")
    assert (created.action, changed.action) == (AuditEvent.Action.ACCOUNT_CREATED, AuditEvent.Action.ACCOUNT_CHANGED)
    assert created.actor is None and "baris perintah" in created.summary
    assert changed.area_code == "35.23"
