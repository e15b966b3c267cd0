"""Staff manage the kecamatan admin accounts of their regency from the site."""

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent

LIST = reverse("accounts:list")
CREATE = reverse("accounts:create")


def deactivate_url(user):
    return reverse("accounts:deactivate", args=[user.pk])


def activate_url(user):
    return reverse("accounts:activate", args=[user.pk])


def reset_url(user):
    return reverse("accounts:reset_password", args=[user.pk])


def test_staff_lists_only_kecamatan_admins_of_their_regency(
    client_for, tuban_staff, jenu_admin, palang_admin, lamongan
):
    from tests.factories import UserFactory

    other = UserFactory(username="admin_sukorame", admin_of=lamongan.districts.get())
    page = client_for(tuban_staff).get(LIST).content.decode()
    assert 'data-username="admin_jenu"' in page and 'data-username="admin_palang"' in page
    assert other.username not in page


def test_staff_creates_a_kecamatan_admin_and_sees_the_password_once(client_for, tuban_staff, jenu):
    client = client_for(tuban_staff)
    response = client.post(
        CREATE,
        {"username": "operator_jenu", "first_name": "Siti Aminah", "email": "", "phone": "", "district": jenu.code},
    )
    assert response.status_code == 200
    user = User.objects.get(username="operator_jenu")
    assert (user.role, user.district_id) == ("kecamatan", jenu.code)
    assert user.check_password(response.context["password"])
    assert "no-store" in response["Cache-Control"]


def test_staff_cannot_create_an_account_in_another_regency(client_for, tuban_staff, lamongan):
    response = client_for(tuban_staff).post(CREATE, {"username": "penyusup", "first_name": "X", "district": "35.24.01"})
    assert response.status_code == 200
    assert "district" in response.context["form"].errors
    assert not User.objects.filter(username="penyusup").exists()


def test_form_error_keeps_what_was_typed(client_for, tuban_staff, jenu_admin, jenu):
    response = client_for(tuban_staff).post(
        CREATE, {"username": "admin_jenu", "first_name": "Nama Yang Diketik", "district": jenu.code}
    )
    page = response.content.decode()
    assert "username" in response.context["form"].errors
    assert 'value="Nama Yang Diketik"' in page


def test_deactivate_asks_for_confirmation_then_deactivates(client_for, tuban_staff, jenu_admin):
    client = client_for(tuban_staff)
    confirm = client.get(deactivate_url(jenu_admin))
    assert "Nonaktifkan akun admin_jenu?" in confirm.content.decode()
    jenu_admin.refresh_from_db()
    assert jenu_admin.is_active
    response = client.post(deactivate_url(jenu_admin), follow=True)
    jenu_admin.refresh_from_db()
    assert not jenu_admin.is_active
    assert "Akun admin_jenu dinonaktifkan." in response.content.decode()
    assert "Aktifkan kembali akun admin_jenu?" in client.get(activate_url(jenu_admin)).content.decode()
    client.post(activate_url(jenu_admin))
    jenu_admin.refresh_from_db()
    assert jenu_admin.is_active


def test_a_double_submitted_deactivation_does_not_undo_itself(client_for, tuban_staff, jenu_admin):
    client = client_for(tuban_staff)
    client.post(deactivate_url(jenu_admin))
    response = client.post(deactivate_url(jenu_admin), follow=True)
    jenu_admin.refresh_from_db()
    assert not jenu_admin.is_active
    assert "Akun admin_jenu sudah nonaktif." in response.content.decode()
    events = AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_CHANGED, object_id=str(jenu_admin.pk))
    assert [e.summary for e in events] == ["admin_jenu: nonaktif"]


def test_reset_password_replaces_the_old_one(client_for, tuban_staff, jenu_admin, password):
    response = client_for(tuban_staff).post(reset_url(jenu_admin))
    jenu_admin.refresh_from_db()
    assert not jenu_admin.check_password(password)
    assert jenu_admin.check_password(response.context["password"])


@pytest.mark.parametrize("who", ["jenu_admin", "province_viewer"])
def test_non_staff_get_403_everywhere(client_for, request, who, palang_admin):
    client = client_for(request.getfixturevalue(who))
    for url in [LIST, CREATE, deactivate_url(palang_admin), reset_url(palang_admin)]:
        assert client.get(url).status_code == 403, url
    assert client.post(deactivate_url(palang_admin)).status_code == 403
    palang_admin.refresh_from_db()
    assert palang_admin.is_active


def test_staff_of_another_regency_gets_404_and_changes_nothing(client_for, lamongan_staff, jenu_admin, password):
    client = client_for(lamongan_staff)
    assert client.get(deactivate_url(jenu_admin)).status_code == 404
    assert client.post(deactivate_url(jenu_admin)).status_code == 404
    assert client.post(reset_url(jenu_admin)).status_code == 404
    jenu_admin.refresh_from_db()
    assert jenu_admin.is_active and jenu_admin.check_password(password)


def test_staff_accounts_are_not_managed_here(client_for, tuban_staff):
    from tests.factories import UserFactory

    colleague = UserFactory(username="staf_lain", staff_of=tuban_staff.regency)
    assert client_for(tuban_staff).post(deactivate_url(colleague)).status_code == 404


def test_actions_refuse_other_methods(client_for, tuban_staff, jenu_admin):
    client = client_for(tuban_staff)
    assert client.put(deactivate_url(jenu_admin)).status_code == 405
    assert client.delete(reset_url(jenu_admin)).status_code == 405


def test_empty_state_invites_to_create_the_first_account(client_for, tuban_staff):
    assert "Belum ada akun admin kecamatan" in client_for(tuban_staff).get(LIST).content.decode()


def test_navbar_shows_name_role_and_area(client_for, jenu_admin):
    page = client_for(jenu_admin).get(reverse("home")).content.decode()
    assert "Admin kecamatan" in page and "Jenu" in page and str(jenu_admin) in page
    assert f'href="{reverse("accounts:list")}"' not in page  # no account menu for kecamatan admins


@pytest.mark.parametrize("rights", [{"is_superuser": True}, {"is_staff": True}])
def test_accounts_with_admin_rights_are_out_of_staff_reach_whatever_their_role(
    client_for, tuban_staff, jenu, password, rights
):
    from tests.factories import UserFactory

    boss = UserFactory(username="bos_jenu", admin_of=jenu, **rights)
    client = client_for(tuban_staff)
    assert 'data-username="bos_jenu"' not in client.get(LIST).content.decode()
    for url in [deactivate_url(boss), reset_url(boss), reverse("accounts:unlock", args=[boss.pk])]:
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url).status_code == 404, url
    boss.refresh_from_db()
    assert boss.is_active and boss.check_password(password)


def test_account_creation_is_audited_in_its_transaction(client_for, tuban_staff, jenu):
    client_for(tuban_staff).post(
        CREATE,
        {"username": "operator_jenu", "first_name": "Siti Aminah", "email": "", "phone": "", "district": jenu.code},
    )
    user = User.objects.get(username="operator_jenu")
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACCOUNT_CREATED)
    assert (event.actor, event.object_id, event.area_code) == (tuban_staff, str(user.pk), jenu.code)
    assert user.history.count() == 1


def test_usernames_differing_only_in_case_are_refused(client_for, tuban_staff, jenu_admin, jenu):
    response = client_for(tuban_staff).post(
        CREATE, {"username": "Admin_JENU", "first_name": "X", "district": jenu.code}
    )
    assert "huruf besar/kecil tidak dibedakan" in str(response.context["form"].errors["username"])
    assert User.objects.filter(username__iexact="admin_jenu").count() == 1


def test_the_database_refuses_usernames_differing_only_in_case(jenu_admin):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="ADMIN_jenu")


def test_creating_the_same_account_twice_at_once_answers_a_form_error(client_for, tuban_staff, jenu, monkeypatch):
    """The second request passed validation before the first one's row existed; the database decides."""
    validate = User.full_clean

    def validate_then_lose_the_race(self, *args, **kwargs):
        validate(self, *args, **kwargs)
        if kwargs.get("exclude") == ["password"]:  # the service's last check before it saves
            User.objects.create(username="Operator_Jenu", role="kecamatan", district=jenu)

    monkeypatch.setattr(User, "full_clean", validate_then_lose_the_race)
    response = client_for(tuban_staff).post(
        CREATE, {"username": "operator_jenu", "first_name": "Siti", "email": "", "phone": "", "district": jenu.code}
    )
    assert response.status_code == 200
    assert "huruf besar/kecil tidak dibedakan" in str(response.context["form"].errors["username"])
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_CREATED).exists()


def test_login_ignores_the_case_of_the_username(anon_client, jenu_admin, password):
    response = anon_client.post(reverse("login"), {"username": "ADMIN_Jenu", "password": password})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_changing_ones_own_password_is_audited(client_for, jenu_admin, password):
    response = client_for(jenu_admin).post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "kata-sandi-baru-2026", "new_password2": "kata-sandi-baru-2026"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.PASSWORD_CHANGED)
    assert event.actor == jenu_admin and event.area_code == jenu_admin.district_id


def test_account_edits_in_admin_are_audited_and_kept_in_history(client_for, superuser, jenu_admin):
    client = client_for(superuser)
    versions = jenu_admin.history.count()
    response = client.post(
        reverse("admin:auth_user_password_change", args=[jenu_admin.pk]),
        {"password1": "sandi-dari-admin-2026", "password2": "sandi-dari-admin-2026", "set_usable_password": "true"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACCOUNT_CHANGED)
    assert event.actor == superuser and event.object_id == str(jenu_admin.pk)
    assert jenu_admin.history.count() == versions + 1
    assert jenu_admin.history.first().history_user == superuser
    assert client.get(reverse("admin:accounts_user_history", args=[jenu_admin.pk])).status_code == 200
