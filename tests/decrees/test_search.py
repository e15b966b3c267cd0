"""'Cari SK' finds SKs by what was typed (number, signatory, KIM name), in the user's area only.

Runs with and without the reading app (tests.settings_without_reading): typed data is always searched,
and the page says so when the read text of scans is not.
"""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from tests.factories import DecreeFactory, KimFactory


@pytest.fixture
def sks(beji, palang, lamongan_district):
    return {
        "beji": DecreeFactory(
            kim=KimFactory(name="KIM Beji Sejahtera", village=beji),
            number="141/27/414.403.05/2021",
            signatory="Moh. Suyono",
            signed_on=datetime.date(2021, 12, 10),
        ),
        "beji_new": DecreeFactory(
            kim=KimFactory(name="KIM Sumber Rejeki", village=beji),
            number="141/3/414.403.05/2024",
            signatory="Moh. Suyono",
            signed_on=datetime.date(2024, 3, 1),
        ),
        "palang": DecreeFactory(
            kim=KimFactory(name="KIM Palang Maju", district=palang, level="kecamatan"),
            number="188.45/9/414.408/2022",
            signatory="Drs. Suyono Hadi",
        ),
        "lamongan": DecreeFactory(
            kim=KimFactory(name="KIM Sukorame", district=lamongan_district, level="kecamatan"),
            number="141/27/LMG/2021",
            signatory="Suyono",
        ),
    }


def found(client, query, **params):
    response = client.get(reverse("decrees:search"), {"q": query, **params})
    assert response.status_code == 200
    return response, [decree.pk for decree in response.context["page"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("141/27/414.403.05", ["beji"]),  # part of the number, as typed
        ("moh. suyono", ["beji_new", "beji"]),  # signatory, any letter case, newest SK first
        ("Beji Sejahtera", ["beji"]),  # the KIM's name
        ("Sejahtera 2021", ["beji"]),  # words may come from different fields
        ("Sejahtera 2024", []),  # but every word must occur
    ],
)
def test_typed_data_is_found(client_for, jenu_admin, sks, query, expected):
    _response, pks = found(client_for(jenu_admin), query)
    assert pks == [sks[name].pk for name in expected]


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("jenu_admin", {"beji", "beji_new"}),
        ("palang_admin", {"palang"}),
        ("tuban_staff", {"beji", "beji_new", "palang"}),
        ("lamongan_staff", {"lamongan"}),
        ("province_viewer", {"beji", "beji_new", "palang", "lamongan"}),
    ],
)
def test_only_sks_in_the_users_area_are_found(request, client_for, sks, user, expected):
    _response, pks = found(client_for(request.getfixturevalue(user)), "Suyono")
    assert set(pks) == {sks[name].pk for name in expected}


def test_results_show_number_kim_signatory_and_short_date(client_for, jenu_admin, sks):
    response, _pks = found(client_for(jenu_admin), "Beji Sejahtera")
    html = response.content.decode()
    assert "SK 141/27/414.403.05/2021" in html and "KIM Beji Sejahtera" in html and "Moh. Suyono" in html
    assert "10 Des 2021" in html


def test_results_are_paginated(client_for, jenu_admin, beji):
    kim = KimFactory(name="KIM Beji Bersinar", village=beji)
    for n in range(25):
        DecreeFactory(kim=kim, number=f"141/{n}/BEJI/2021")
    client = client_for(jenu_admin)
    response, first = found(client, "BEJI/2021")
    assert response.context["page"].paginator.count == 25 and len(first) == 20
    _response, second = found(client, "BEJI/2021", page=2)
    assert len(second) == 5 and not set(first) & set(second)


def test_nothing_found_is_said_with_the_query(client_for, jenu_admin, sks):
    response, pks = found(client_for(jenu_admin), "Palang Maju")  # exists, but in another kecamatan
    assert pks == []
    assert 'data-testid="no-results"' in response.content.decode() and "Palang Maju" in response.content.decode()


def test_a_too_short_query_is_explained_and_searches_nothing(client_for, jenu_admin, sks):
    response = client_for(jenu_admin).get(reverse("decrees:search"), {"q": "ab"})
    assert response.context["page"] is None and response.context["form"].errors["q"]


@pytest.mark.skipif(apps.is_installed("reading"), reason="the reading app is installed: see tests/reading")
def test_without_the_reading_app_the_page_says_only_typed_data_is_searched(client_for, jenu_admin, sks):
    response = client_for(jenu_admin).get(reverse("decrees:search"))
    notice = response.content.decode()
    assert 'data-testid="ocr-off"' in notice and "hanya memakai data yang diketik" in notice
