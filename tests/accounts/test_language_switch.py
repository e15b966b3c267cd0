"""The language switch in the user menu: per account, and for the browser before signing in."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("english_compiled")

SWITCH = reverse("language_switch")


def test_user_menu_offers_both_languages_and_marks_the_current_one(client_for, jenu_admin):
    page = client_for(jenu_admin).get(reverse("home")).content.decode()
    assert 'data-testid="language-id"' in page and 'data-testid="language-en"' in page
    assert 'active" type="submit" lang="id" aria-current="true">Bahasa Indonesia<' in page


def test_choosing_english_is_saved_on_the_account_and_the_page_comes_back_in_english(client_for, jenu_admin, jenu):
    client = client_for(jenu_admin)
    back_to = reverse("districts:district_detail", args=[jenu.code])
    response = client.post(SWITCH, {"language": "en", "next": back_to})
    assert response.status_code == 302 and response["Location"] == back_to
    jenu_admin.refresh_from_db()
    assert jenu_admin.language == "en"
    page = client.get(back_to).content.decode()
    assert 'lang="en"' in page and "Display language: English." in page and ">Sign out<" in page


def test_the_choice_follows_the_account_to_another_browser(client_for, jenu_admin):
    client_for(jenu_admin).post(SWITCH, {"language": "en"})
    fresh = client_for(jenu_admin)  # another device: no cookie, only the account
    assert 'lang="en"' in fresh.get(reverse("home")).content.decode()


def test_site_default_clears_the_choice(client_for, jenu_admin):
    client = client_for(jenu_admin)
    client.post(SWITCH, {"language": "en"})
    response = client.post(SWITCH, {"language": ""})
    jenu_admin.refresh_from_db()
    assert jenu_admin.language == ""
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""  # deleted
    assert 'lang="id"' in client.get(reverse("home")).content.decode()


def test_after_signing_out_the_sign_in_page_stays_in_the_chosen_language(client_for, jenu_admin):
    client = client_for(jenu_admin)
    response = client.post(SWITCH, {"language": "en"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["httponly"] and cookie["samesite"] == "Lax"
    client.post(reverse("logout"))
    assert "Sign in to KIMTrack" in client.get(reverse("login")).content.decode()


def test_a_colleague_signing_in_on_the_same_browser_gets_their_own_language(client_for, jenu_admin, palang_admin):
    client = client_for(jenu_admin)
    client.post(SWITCH, {"language": "en"})
    client.post(reverse("logout"))
    client.force_login(palang_admin)  # no choice of their own: the site's language, not the cookie's
    assert 'lang="id"' in client.get(reverse("home")).content.decode()


def test_anonymous_visitors_cannot_use_the_switch(anon_client):
    response = anon_client.post(SWITCH, {"language": "en"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_browsers_own_language_does_not_override_the_site_language(anon_client, db):
    """An office PC set to English still sees the regency's KIMTRACK_LANGUAGE until someone switches."""
    page = anon_client.get(reverse("login"), headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="id"' in page and "Masuk ke KIMTrack" in page


def test_site_language_comes_from_settings(client_for, jenu_admin, settings):
    settings.LANGUAGE_CODE = "en"
    response = client_for(jenu_admin).get(reverse("home"))
    assert 'lang="en"' in response.content.decode() and response["Content-Language"] == "en"


def test_unknown_language_is_refused_and_changes_nothing(client_for, jenu_admin):
    client = client_for(jenu_admin)
    assert client.post(SWITCH, {"language": "fr"}).status_code == 400
    jenu_admin.refresh_from_db()
    assert jenu_admin.language == ""
    assert 'lang="id"' in client.get(reverse("home")).content.decode()


def test_a_forged_language_cookie_is_ignored(anon_client, db):
    anon_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert 'lang="id"' in anon_client.get(reverse("login")).content.decode()


def test_switch_never_redirects_to_another_site(client_for, jenu_admin):
    response = client_for(jenu_admin).post(SWITCH, {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_switch_needs_post(client_for, jenu_admin):
    assert client_for(jenu_admin).get(SWITCH).status_code == 405


def test_switch_needs_the_csrf_token(jenu_admin):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(jenu_admin)
    assert client.post(SWITCH, {"language": "en"}).status_code == 403
    jenu_admin.refresh_from_db()
    assert jenu_admin.language == ""
