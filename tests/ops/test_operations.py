"""Operations: error pages, health checks and request-level guards a server depends on."""

import pytest
from django.test import Client
from django.urls import reverse


def test_a_csrf_failure_shows_the_sites_own_indonesian_page(jenu_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(jenu_admin)
    response = client.post(reverse("password_change"), {"old_password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formulir tidak bisa dikirim" in page and "muat ulang" in page
    assert "CSRF verification failed" not in page


def test_a_targets_formset_posted_with_an_extra_form_answers_a_form_error(client_for, tuban_staff, tuban):
    from districts.models import FormationTarget

    FormationTarget.for_regency(tuban)
    targets = list(FormationTarget.objects.filter(regency=tuban).order_by("pk"))
    data = {"form-TOTAL_FORMS": len(targets) + 1, "form-INITIAL_FORMS": len(targets), "form-MAX_NUM_FORMS": 1000}
    for i, target in enumerate(targets):
        data |= {f"form-{i}-id": target.pk, f"form-{i}-legal_basis": "Perbup", f"form-{i}-deadline": "2030-12-31"}
    data |= {f"form-{len(targets)}-legal_basis": "Tambahan", f"form-{len(targets)}-deadline": "2031-01-01"}
    response = client_for(tuban_staff).post(reverse("districts:targets", args=[tuban.code]), data)
    assert response.status_code == 200
    assert "Target tidak bisa ditambah" in response.content.decode()
    assert FormationTarget.objects.filter(regency=tuban).count() == len(targets)


@pytest.mark.parametrize("area", ["abc", "35.23 ", "35.23\n", " 35.23", "35.23.12\n", "٣٥", "35..23"])
@pytest.mark.parametrize("url_name", ["reports:open_data_csv", "reports:open_data_json"])
def test_open_data_with_a_malformed_area_is_404_not_the_whole_country(anon_client, beji_kim, url_name, area):
    response = anon_client.get(reverse(url_name), {"wilayah": area})
    assert response.status_code == 404


def test_open_data_of_an_unknown_well_formed_area_is_404(anon_client, tuban):
    assert anon_client.get(reverse("reports:open_data_csv"), {"wilayah": "35.99"}).status_code == 404


@pytest.mark.parametrize("code", ["35.23\n", "٣٥.٢٣"])
def test_region_codes_refuse_trailing_newlines_and_other_digits(code):
    from districts import codes

    assert codes.level_of(code) is None


def test_the_kecamatan_page_is_paginated_and_keeps_the_query(client_for, jenu_admin, beji):
    from districts.models import KimGroup
    from districts.views import KIMS_PER_PAGE

    KimGroup.objects.bulk_create(
        KimGroup(
            name=f"KIM Beji {n:03d}", level=KimGroup.Level.VILLAGE, village=beji, district=beji.district, member_count=5
        )
        for n in range(KIMS_PER_PAGE * 2 + 7)
    )
    client = client_for(jenu_admin)
    url = reverse("districts:district_detail", args=[beji.district.code])
    first = client.get(url, {"urut": "nama"}).content.decode()
    assert first.count("<tr data-kim=") == KIMS_PER_PAGE
    assert "KIM Beji 000" in first and "KIM Beji 050" not in first
    assert "?urut=nama&amp;page=2" in first and "Halaman 1 dari 3" in first
    last = client.get(url, {"page": 3}).content.decode()
    assert last.count("<tr data-kim=") == 7 and "KIM Beji 106" in last
