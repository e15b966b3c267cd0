"""Kecamatan list and kecamatan/village pages show only what the user may see."""

import pytest
from django.urls import reverse

from tests.conftest import BEJI, JENU, PALANG

LAMONGAN_DISTRICT, LAMONGAN_VILLAGE = "35.24.01", "35.24.01.2001"


def listed_codes(response):
    return [district.code for district in response.context["page"].object_list]


@pytest.fixture
def everyone(jenu_admin, palang_admin, tuban_staff, lamongan_staff, province_viewer, superuser):
    return {
        "jenu_admin": jenu_admin,
        "palang_admin": palang_admin,
        "tuban_staff": tuban_staff,
        "lamongan_staff": lamongan_staff,
        "province_viewer": province_viewer,
        "superuser": superuser,
    }


# user -> (kecamatan listed, pages that answer 200; every other region page answers 404)
VISIBLE = {
    "jenu_admin": ({JENU}, {JENU, BEJI}),
    "palang_admin": ({PALANG}, {PALANG}),
    "tuban_staff": (None, {JENU, PALANG, BEJI}),  # None: all 20 of Tuban
    "lamongan_staff": ({LAMONGAN_DISTRICT}, {LAMONGAN_DISTRICT, LAMONGAN_VILLAGE}),
    "province_viewer": (None, {JENU, PALANG, BEJI, LAMONGAN_DISTRICT, LAMONGAN_VILLAGE}),
    "superuser": (None, {JENU, PALANG, BEJI, LAMONGAN_DISTRICT, LAMONGAN_VILLAGE}),
}


def region_url(code):
    name = "districts:village_detail" if code.count(".") == 3 else "districts:district_detail"
    return reverse(name, args=[code])


@pytest.mark.parametrize("who", list(VISIBLE))
def test_each_role_sees_exactly_its_area(client_for, everyone, who):
    client = client_for(everyone[who])
    listed, reachable = VISIBLE[who]
    codes = listed_codes(client.get(reverse("districts:district_list")))
    if listed is not None:
        assert set(codes) == listed
    for code in [JENU, PALANG, BEJI, LAMONGAN_DISTRICT, LAMONGAN_VILLAGE]:
        expected = 200 if code in reachable else 404
        assert client.get(region_url(code)).status_code == expected, (who, code)


def test_tuban_staff_list_has_all_20_kecamatan_and_no_other_regency(client_for, tuban_staff, lamongan):
    response = client_for(tuban_staff).get(reverse("districts:district_list"))
    codes = listed_codes(response)
    assert len(codes) == 20
    assert all(code.startswith("35.23.") for code in codes)


def test_province_viewer_sees_both_regencies_and_can_filter_by_one(client_for, province_viewer):
    client = client_for(province_viewer)
    codes = listed_codes(client.get(reverse("districts:district_list")))
    assert LAMONGAN_DISTRICT in codes and JENU in codes
    codes = listed_codes(client.get(reverse("districts:district_list"), {"regency": "35.24"}))
    assert codes == [LAMONGAN_DISTRICT]


def test_list_shows_desa_and_kelurahan_counts(client_for, tuban_staff):
    response = client_for(tuban_staff).get(reverse("districts:district_list"), {"q": "tuban"})
    (tuban_district,) = response.context["page"].object_list
    assert tuban_district.code == "35.23.16"
    assert (tuban_district.desa_count, tuban_district.kelurahan_count) == (3, 14)  # official list: 3 desa, 14 kelurahan
    assert b'data-code="35.23.16"' in response.content


def test_search_without_match_shows_empty_state(client_for, tuban_staff):
    response = client_for(tuban_staff).get(reverse("districts:district_list"), {"q": "atlantis"})
    assert "Tidak ada kecamatan yang cocok" in response.content.decode()


def test_kecamatan_page_lists_its_villages(client_for, jenu_admin):
    response = client_for(jenu_admin).get(region_url(JENU))
    page = response.content.decode()
    assert response.context["counts"] == {"desa": 17, "kelurahan": 0}
    assert "Beji" in page and 'data-code="35.23.12.2009"' in page
    assert "Payuran" not in page  # a kelurahan of Palang


@pytest.mark.parametrize("url", [reverse("districts:district_list"), region_url(JENU), region_url(BEJI)])
def test_anonymous_is_sent_to_login(anon_client, tuban, url):
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_user_without_role_sees_nothing(client_for, tuban):
    from tests.factories import UserFactory

    client = client_for(UserFactory(username="tanpa_peran"))
    assert listed_codes(client.get(reverse("districts:district_list"))) == []
    assert client.get(region_url(JENU)).status_code == 404


def test_deactivated_account_cannot_use_its_session(client_for, jenu_admin):
    client = client_for(jenu_admin)
    jenu_admin.is_active = False
    jenu_admin.save()
    response = client.get(region_url(JENU))
    assert response.status_code == 302


def test_village_kind_is_shown_in_words(client_for, tuban_staff):
    page = client_for(tuban_staff).get(region_url("35.23.16")).content.decode()
    assert "<td>Kelurahan</td>" in page and "<td>Desa</td>" in page
