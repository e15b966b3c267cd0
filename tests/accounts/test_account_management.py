"""Staff manage the kecamatan admin accounts of their regency from the site."""

import pytest
from django.urls import reverse

from accounts.models import User

LIST = reverse("accounts:list")
CREATE = reverse("accounts:create")


def toggle_url(user):
    return reverse("accounts:toggle_active", args=[user.pk])


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
    confirm = client.get(toggle_url(jenu_admin))
    assert "Nonaktifkan akun admin_jenu?" in confirm.content.decode()
    jenu_admin.refresh_from_db()
    assert jenu_admin.is_active
    response = client.post(toggle_url(jenu_admin), follow=True)
    jenu_admin.refresh_from_db()
    assert not jenu_admin.is_active
    assert "Akun admin_jenu dinonaktifkan." in response.content.decode()
    client.post(toggle_url(jenu_admin))
    jenu_admin.refresh_from_db()
    assert jenu_admin.is_active


def test_reset_password_replaces_the_old_one(client_for, tuban_staff, jenu_admin, password):
    response = client_for(tuban_staff).post(reset_url(jenu_admin))
    jenu_admin.refresh_from_db()
    assert not jenu_admin.check_password(password)
    assert jenu_admin.check_password(response.context["password"])


@pytest.mark.parametrize("who", ["jenu_admin", "province_viewer"])
def test_non_staff_get_403_everywhere(client_for, request, who, palang_admin):
    client = client_for(request.getfixturevalue(who))
    for url in [LIST, CREATE, toggle_url(palang_admin), reset_url(palang_admin)]:
        assert client.get(url).status_code == 403, url
    assert client.post(toggle_url(palang_admin)).status_code == 403
    palang_admin.refresh_from_db()
    assert palang_admin.is_active


def test_staff_of_another_regency_gets_404_and_changes_nothing(client_for, lamongan_staff, jenu_admin, password):
    client = client_for(lamongan_staff)
    assert client.get(toggle_url(jenu_admin)).status_code == 404
    assert client.post(toggle_url(jenu_admin)).status_code == 404
    assert client.post(reset_url(jenu_admin)).status_code == 404
    jenu_admin.refresh_from_db()
    assert jenu_admin.is_active and jenu_admin.check_password(password)


def test_staff_accounts_are_not_managed_here(client_for, tuban_staff):
    from tests.factories import UserFactory

    colleague = UserFactory(username="staf_lain", staff_of=tuban_staff.regency)
    assert client_for(tuban_staff).post(toggle_url(colleague)).status_code == 404


def test_actions_refuse_other_methods(client_for, tuban_staff, jenu_admin):
    client = client_for(tuban_staff)
    assert client.put(toggle_url(jenu_admin)).status_code == 405
    assert client.delete(reset_url(jenu_admin)).status_code == 405


def test_empty_state_invites_to_create_the_first_account(client_for, tuban_staff):
    assert "Belum ada akun admin kecamatan" in client_for(tuban_staff).get(LIST).content.decode()


def test_navbar_shows_name_role_and_area(client_for, jenu_admin):
    page = client_for(jenu_admin).get(reverse("home")).content.decode()
    assert "Admin kecamatan" in page and "Jenu" in page and str(jenu_admin) in page
    assert f'href="{reverse("accounts:list")}"' not in page  # no account menu for kecamatan admins
