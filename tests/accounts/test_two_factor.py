"""Two-factor sign-in (TOTP): who must use it, enrolment, the code step, lockout and a superuser's reset."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from districts.models import RegencyRules
from tests.factories import UserFactory, enrolled_device, recovery_code

LOGIN, VERIFY, SETUP = reverse("login"), reverse("two_factor_verify"), reverse("two_factor_setup")


def sign_in(client, user, password, **extra):
    return client.post(LOGIN, {"username": user.username, "password": password}, **extra)


def code_of(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def test_staff_without_a_device_reach_only_the_enrolment_page(anon_client, tuban_staff, password):
    assert sign_in(anon_client, tuban_staff, password)["Location"] == reverse("home")
    for url in [reverse("home"), reverse("districts:kim_list"), reverse("accounts:list")]:
        response = anon_client.get(url)
        assert response.status_code == 302 and response["Location"] == SETUP, url
    page = anon_client.get(SETUP).content.decode()
    assert "<svg" in page and 'data-testid="secret"' in page and "wajib" in page


def test_enrolment_confirms_the_app_and_shows_recovery_codes_once(anon_client, tuban_staff, password):
    sign_in(anon_client, tuban_staff, password)
    page = anon_client.get(SETUP)
    secret = re.search(r'data-testid="secret">([A-Z2-7=]+)<', page.content.decode()).group(1)
    device = TOTPDevice.objects.get(user=tuban_staff, confirmed=False)
    assert secret.rstrip("=")  # typed by hand when the QR code cannot be scanned
    wrong = anon_client.post(SETUP, {"code": "000000" if code_of(device) != "000000" else "111111"})
    assert "Kode tidak cocok" in wrong.content.decode()
    done = anon_client.post(SETUP, {"code": code_of(device)})
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", done.content.decode())
    assert len(codes) == 10 and "no-store" in done["Cache-Control"]
    assert anon_client.get(reverse("home")).status_code == 200  # this session is verified
    assert "<li>" + codes[0] not in anon_client.get(SETUP).content.decode()  # never shown again
    assert AuditEvent.objects.filter(action=AuditEvent.Action.OTP_ENROLLED, actor=tuban_staff).exists()


def test_password_alone_does_not_sign_in_an_enrolled_account(anon_client, tuban_staff, password):
    device = enrolled_device(tuban_staff)
    response = sign_in(anon_client, tuban_staff, password)
    assert response["Location"] == VERIFY
    assert SESSION_KEY not in anon_client.session  # not logged in until the code is given
    assert anon_client.get(reverse("home"))["Location"].startswith(LOGIN)
    response = anon_client.post(VERIFY, {"code": code_of(device)})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert anon_client.get(reverse("home")).status_code == 200


def test_a_recovery_code_works_once(anon_client, tuban_staff, password):
    code = recovery_code(tuban_staff)
    sign_in(anon_client, tuban_staff, password)
    assert anon_client.post(VERIFY, {"code": code})["Location"] == reverse("home")
    other = Client()
    sign_in(other, tuban_staff, password)
    assert other.post(VERIFY, {"code": code}).status_code == 200  # refused: already used
    assert SESSION_KEY not in other.session


def test_wrong_codes_count_towards_the_lockout(anon_client, tuban_staff, password, settings):
    device = enrolled_device(tuban_staff)
    sign_in(anon_client, tuban_staff, password)
    for _n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert anon_client.post(VERIFY, {"code": "12345678"}).status_code == 200
    locked = anon_client.post(VERIFY, {"code": "12345678"})
    assert locked.status_code == 429
    # Locked: neither the right code nor the password opens the account from this address.
    assert anon_client.post(VERIFY, {"code": code_of(device)}).status_code != 302
    assert sign_in(Client(), tuban_staff, password).status_code == 429
    assert AuditEvent.objects.filter(action=AuditEvent.Action.OTP_FAILED).count() == settings.AXES_FAILURE_LIMIT


def test_a_password_login_between_wrong_codes_does_not_reset_the_count(anon_client, tuban_staff, password, settings):
    enrolled_device(tuban_staff)
    for _n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(anon_client, tuban_staff, password)
        anon_client.post(VERIFY, {"code": "12345678"})
    sign_in(anon_client, tuban_staff, password)
    assert anon_client.post(VERIFY, {"code": "12345678"}).status_code == 429


def test_kecamatan_admins_may_opt_in_and_are_not_forced(client_for, jenu_admin):
    client = client_for(jenu_admin)
    assert client.get(reverse("home")).status_code == 200
    page = client.get(SETUP).content.decode()
    assert "Tidak wajib" in page and "<svg" in page


def test_a_regency_can_require_it_for_everyone(client_for, tuban, tuban_staff, jenu_admin, lamongan_district):
    from tests.pages import rules_post

    staff = client_for(tuban_staff)
    url = reverse("districts:regency_rules", args=[tuban.code])
    response = staff.post(url, rules_post(staff.get(url), require_two_factor="on"))
    assert response.status_code in (200, 302)
    if not RegencyRules.objects.get(regency=tuban).require_two_factor:
        pytest.fail(response.context["form"].errors if response.context else response)
    kecamatan_admin = Client()
    kecamatan_admin.force_login(jenu_admin)  # client_for would enrol the account
    assert kecamatan_admin.get(reverse("home"))["Location"] == SETUP
    other_regency = Client()
    other_regency.force_login(UserFactory(username="admin_sukorame", admin_of=lamongan_district))
    assert other_regency.get(reverse("home")).status_code == 200


def test_a_session_that_skipped_the_code_step_is_ended(tuban_staff):
    """Django admin's own login (or an old session) signs in with the password only."""
    enrolled_device(tuban_staff)
    client = Client()
    client.force_login(tuban_staff)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert SESSION_KEY not in client.session


def test_django_admin_login_sends_anonymous_visitors_to_the_site_login(anon_client):
    response = anon_client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_superuser_resets_a_lost_device(client_for, superuser, tuban_staff, password):
    enrolled_device(tuban_staff)
    recovery_code(tuban_staff)
    response = client_for(superuser).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [tuban_staff.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=tuban_staff).exists()
    assert not StaticDevice.objects.filter(user=tuban_staff).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.OTP_RESET, actor=superuser).exists()
    client = Client()
    assert sign_in(client, tuban_staff, password)["Location"] == reverse("home")
    assert client.get(reverse("home"))["Location"] == SETUP  # enrols again
