"""Configuration from the environment: typed, refusing bad values, deploy-safe."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation

from kimtrack.env import env_bool, env_int, env_list, env_secret


def test_env_bool_accepts_common_spellings_and_refuses_others(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "Off")
    assert env_bool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")


def test_env_int_refuses_words_and_values_below_minimum(monkeypatch):
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "-1")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1, minimum=0)
    monkeypatch.delenv("X_NUM")
    assert env_int("X_NUM", 7) == 7


def test_env_list_and_secret_file(monkeypatch, tmp_path):
    monkeypatch.setenv("X_HOSTS", " a.example , b.example,")
    assert env_list("X_HOSTS") == ["a.example", "b.example"]
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t\n")
    monkeypatch.setenv("X_KEY_FILE", str(secret))
    assert env_secret("X_KEY") == "s3cr3t"
    monkeypatch.setenv("X_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured):
        env_secret("X_KEY")


def _manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="k" * 20 + "-production-secret-with-enough-entropy-9f8e7d6c5b4a",
        ALLOWED_HOSTS="kim.tubankab.go.id",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_real_host_without_a_secret_key_refuses_to_start(tmp_path):
    result = _manage(
        "check", DEBUG="false", ALLOWED_HOSTS="kim.tubankab.go.id", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_bad_boolean_in_environment_stops_start_up(tmp_path):
    result = _manage("check", DEBUG="kadang", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


def test_defaults_are_indonesian_and_jakarta_time():
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"


@pytest.mark.parametrize("language", ["en", "id"])
def test_pages_render_in_either_locale(client_for, tuban_staff, settings, language):
    settings.LANGUAGE_CODE = language
    client = client_for(tuban_staff)
    with translation.override(language):
        for url in [
            reverse("home"),
            reverse("districts:district_list"),
            reverse("accounts:list"),
            reverse("districts:district_detail", args=["35.23.12"]),
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'lang="{language}"' in response.content.decode()


def test_bootstrap_and_site_css_are_served_locally_not_from_a_cdn(client_for, tuban_staff):
    page = client_for(tuban_staff).get(reverse("home")).content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in page
    assert "cdn" not in page.lower() and "https://" not in page
