"""Secure defaults: headers, login lockout, idle sessions, password change, error pages, health check."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent


def test_security_headers_on_a_page(client_for, tuban_staff, settings):
    response = client_for(tuban_staff).get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.content.decode()  # no inline scripts anywhere on the page


def test_production_cookies_and_hsts(settings):
    # Values in force when DEBUG is off (the test run); check --deploy is tested in test_settings.
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE and settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SECURE_HSTS_SECONDS >= 31536000


def failed_login(client, username, ip="203.0.113.7", **headers):
    return client.post(reverse("login"), {"username": username, "password": "salah-sandi"}, REMOTE_ADDR=ip, **headers)


def test_repeated_failures_lock_the_username_and_address_pair(jenu_admin, password, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        failed_login(client, "admin_jenu")
    locked = client.post(reverse("login"), {"username": "admin_jenu", "password": password}, REMOTE_ADDR="203.0.113.7")
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    # The same account from another address, and another account from this address, still work.
    other = Client().post(
        reverse("login"), {"username": "admin_jenu", "password": password}, REMOTE_ADDR="198.51.100.9"
    )
    assert other.status_code == 302
    assert AuditEvent.objects.filter(action="gagal_masuk", username="admin_jenu").count() >= settings.AXES_FAILURE_LIMIT


def test_responses_do_not_tell_whether_a_username_exists(jenu_admin, settings):
    client = Client()
    known = [failed_login(client, "admin_jenu", ip="203.0.113.8") for _ in range(settings.AXES_FAILURE_LIMIT + 1)]
    unknown = [failed_login(client, "tidak_ada", ip="203.0.113.9") for _ in range(settings.AXES_FAILURE_LIMIT + 1)]
    assert known[0].context["form"].errors == unknown[0].context["form"].errors
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert known[-1].status_code == 429 and known[-1].content == unknown[-1].content


def test_client_address_behind_a_proxy_is_the_forwarded_one(jenu_admin, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    client = Client()
    failed_login(client, "admin_jenu", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50, 127.0.0.1")
    attempt = AccessAttempt.objects.get(username="admin_jenu")
    assert attempt.ip_address == "203.0.113.50"


def test_staff_unlock_a_locked_kecamatan_admin(client_for, tuban_staff, jenu_admin, password, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        failed_login(client, "admin_jenu")
    staff = client_for(tuban_staff)
    page = staff.get(reverse("accounts:list")).content.decode()
    assert 'data-testid="locked"' in page
    staff.post(reverse("accounts:unlock", args=[jenu_admin.pk]))
    again = client.post(reverse("login"), {"username": "admin_jenu", "password": password}, REMOTE_ADDR="203.0.113.7")
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action="akun_dibuka", summary="admin_jenu: kunci dibuka").exists()


def test_sessions_expire_when_idle(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 2 * 3600


def test_password_change_ends_the_users_other_sessions(jenu_admin, password):
    laptop, phone = Client(), Client()
    for client in (laptop, phone):
        client.post(reverse("login"), {"username": "admin_jenu", "password": password})
    assert phone.get(reverse("home")).status_code == 200
    laptop.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Kopi-Tuban-Pagi-77", "new_password2": "Kopi-Tuban-Pagi-77"},
    )
    assert laptop.get(reverse("home")).status_code == 200
    assert phone.get(reverse("home")).status_code == 302  # logged out


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/tidak-ada-halaman/", 404, "Halaman tidak ditemukan"),
        ("/kim/5a0f9d5e-0000-4000-8000-000000000001/", 404, "Halaman tidak ditemukan"),
    ],
)
def test_error_pages_are_in_the_sites_layout_and_leak_nothing(client_for, tuban_staff, url, status, text):
    response = client_for(tuban_staff).get(url)
    page = response.content.decode()
    assert response.status_code == status and text in page and "KIMTrack" in page
    assert "Traceback" not in page and "KimGroup" not in page and "DoesNotExist" not in page


def test_403_page(client_for, jenu_admin):
    response = client_for(jenu_admin).get(reverse("accounts:list"))
    assert response.status_code == 403 and "Akses ditolak" in response.content.decode()


def test_500_page_is_plain_and_safe(client_for, tuban_staff, monkeypatch):
    from dashboard import views

    def boom(*args, **kwargs):
        raise RuntimeError("rahasia internal")

    monkeypatch.setattr(views, "coverage_of", boom)
    client = client_for(tuban_staff)
    client.raise_request_exception = False
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 500 and "Terjadi kesalahan di server" in page
    assert "rahasia internal" not in page and "Traceback" not in page


def test_healthz_for_anonymous_callers_is_cheap_and_writes_nothing(anon_client, db, media_files, settings):
    response = anon_client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}
    assert media_files() == [] and not (settings.MEDIA_ROOT / "healthz").exists()


def test_healthz_deep_checks_need_the_token_or_a_staff_login(
    anon_client, client_for, tuban_staff, jenu_admin, settings
):
    settings.HEALTHZ_TOKEN = "rahasia-pemantauan"
    deep = {"status": "ok", "database": True, "migrations": True, "media": True, "disk": True}
    assert anon_client.get(reverse("healthz"), HTTP_X_HEALTHZ_TOKEN="rahasia-pemantauan").json() == deep
    assert anon_client.get(reverse("healthz"), {"token": "rahasia-pemantauan"}).json() == deep
    assert "media" not in anon_client.get(reverse("healthz"), {"token": "salah"}).json()
    assert client_for(tuban_staff).get(reverse("healthz")).json() == deep
    assert "media" not in client_for(jenu_admin).get(reverse("healthz")).json()


def test_healthz_without_a_token_setting_never_accepts_an_empty_one(anon_client, db, settings):
    settings.HEALTHZ_TOKEN = ""
    assert "media" not in anon_client.get(reverse("healthz"), {"token": ""}).json()


def test_healthz_fails_when_the_media_disk_is_nearly_full(anon_client, db, settings):
    import shutil

    settings.HEALTHZ_TOKEN = "rahasia-pemantauan"
    free = shutil.disk_usage(settings.MEDIA_ROOT.parent).free
    settings.HEALTHZ_MIN_FREE_MB = free // (1024 * 1024) + 1024**2  # a threshold above what this disk has free
    response = anon_client.get(reverse("healthz"), HTTP_X_HEALTHZ_TOKEN="rahasia-pemantauan")
    assert response.status_code == 503 and response.json()["disk"] is False and response.json()["media"] is True
    settings.HEALTHZ_MIN_FREE_MB = 0
    assert anon_client.get(reverse("healthz"), HTTP_X_HEALTHZ_TOKEN="rahasia-pemantauan").status_code == 200


def test_healthz_reports_unwritable_media(anon_client, db, settings, tmp_path):
    settings.HEALTHZ_TOKEN = "rahasia-pemantauan"
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker / "media"
    response = anon_client.get(reverse("healthz"), HTTP_X_HEALTHZ_TOKEN="rahasia-pemantauan")
    assert response.status_code == 503 and response.json()["media"] is False


def test_healthz_reports_a_full_disk(anon_client, db, settings):
    settings.HEALTHZ_TOKEN = "rahasia-pemantauan"
    settings.HEALTHZ_MIN_FREE_MB = 10**12  # more than any disk has
    response = anon_client.get(reverse("healthz"), HTTP_X_HEALTHZ_TOKEN="rahasia-pemantauan")
    assert response.status_code == 503 and response.json()["disk"] is False


def test_verified_sk_is_read_only_in_admin(client_for, superuser, beji):
    from decrees.models import Decree
    from tests.factories import DecreeFactory, KimFactory

    decree = DecreeFactory(kim=KimFactory(village=beji), status=Decree.Status.VERIFIED)
    url = reverse("admin:decrees_decree_change", args=[decree.pk])
    client = client_for(superuser)
    client.post(
        url,
        {
            "number": "DIUBAH",
            "signatory": "x",
            "signed_on": "2021-01-01",
            "term_start": "2021-01-01",
            "term_end": "2030-01-01",
            "status": "menunggu",
        },
    )
    decree.refresh_from_db()
    assert decree.number != "DIUBAH" and decree.status == Decree.Status.VERIFIED


def test_audit_log_lists_decisions_for_staff_of_the_regency(client_for, tuban_staff, lamongan_staff, jenu_admin, beji):
    from decrees.services import decree_reject
    from tests.factories import DecreeFactory, KimFactory

    decree = DecreeFactory(kim=KimFactory(village=beji, name="KIM Beji"))
    decree_reject(decree=decree, by=tuban_staff, reason="Tanda tangan tidak ada")
    page = client_for(tuban_staff).get(reverse("audit:log"), {"action": "sk_ditolak"}).content.decode()
    assert "KIM Beji" in page and "Tanda tangan tidak ada" in page
    other = client_for(lamongan_staff).get(reverse("audit:log")).content.decode()
    assert "KIM Beji" not in other


def test_request_log_has_no_query_string(client_for, tuban_staff, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="kimtrack.request"):
        client_for(tuban_staff).get(reverse("districts:kim_list"), {"q": "nama-rahasia"})
    records = [r for r in caplog.records if r.name == "kimtrack.request"]
    assert records and records[-1].path == "/kim/" and records[-1].status == 200
    assert "nama-rahasia" not in caplog.text
