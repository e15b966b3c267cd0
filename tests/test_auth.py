"""Login, logout, password change, and: every page but the public ones needs a login."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User

# Views that may be reached without logging in. Adding one here is a decision.
PUBLIC_VIEWS = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "public_page",
    "public_map",
    "open_data",
    "open_data_csv",
    "open_data_json",
    "robots",
}


def iter_patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from iter_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def concrete_path(route):
    """Fill converters with plausible values so the URL resolves."""
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    route = re.sub(r"<region:\w+>", "35.23.12", route)
    route = re.sub(r"<uuid:\w+>", "5a0f9d5e-0000-4000-8000-000000000001", route)
    route = re.sub(r"<int:\w+>|<path:\w+>|<str:\w+>|<slug:\w+>|\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + route


def project_views():
    for route, pattern in iter_patterns(get_resolver()):
        if route.startswith("admin/") or pattern.name in PUBLIC_VIEWS:
            continue  # Django admin has its own login and is tested separately
        yield route, pattern


@pytest.mark.parametrize(("route", "pattern"), list(project_views()), ids=lambda v: str(v))
def test_every_non_public_view_sends_anonymous_users_to_login(anon_client, tuban, route, pattern):
    response = anon_client.get(concrete_path(route))
    assert response.status_code == 302, route
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_in_indonesian_and_logs_in_to_home(anon_client, jenu_admin, password):
    page = anon_client.get(reverse("login")).content.decode()
    assert "Masuk ke KIMTrack" in page and 'lang="id"' in page
    response = anon_client.post(reverse("login"), {"username": "admin_jenu", "password": password})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_wrong_password_shows_an_indonesian_error_and_keeps_username(anon_client, jenu_admin):
    response = anon_client.post(reverse("login"), {"username": "admin_jenu", "password": "salah"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "nama pengguna atau sandi salah" in page.lower()
    assert 'value="admin_jenu"' in page


def test_unknown_user_and_wrong_password_look_the_same(anon_client, jenu_admin):
    wrong_password = anon_client.post(reverse("login"), {"username": "admin_jenu", "password": "salah"})
    no_such_user = anon_client.post(reverse("login"), {"username": "tidak_ada", "password": "salah"})
    assert wrong_password.context["form"].errors == no_such_user.context["form"].errors


def test_logout_needs_post_and_ends_the_session(client_for, jenu_admin):
    client = client_for(jenu_admin)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_password_change_works_and_keeps_the_user_logged_in(client_for, jenu_admin, password):
    client = client_for(jenu_admin)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Kopi-Tuban-Pagi-77", "new_password2": "Kopi-Tuban-Pagi-77"},
    )
    assert response["Location"] == reverse("password_change_done")
    assert User.objects.get(pk=jenu_admin.pk).check_password("Kopi-Tuban-Pagi-77")
    assert client.get(reverse("home")).status_code == 200
