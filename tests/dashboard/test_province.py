"""The province dashboard: Jawa Timur's regencies side by side, counted like each regency's own dashboard."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import FormationTarget, Province, Village
from reports.services import report_record
from tests.dashboard.conftest import S, sk
from tests.factories import KimFactory, UserFactory, VillageFactory

pytestmark = pytest.mark.usefixtures("frozen")


def rows_by_code(response):
    return {row.regency.code: row for row in response.context["rows"]}


@pytest.fixture
def reported(constructed, tuban, tuban_staff):
    report_record(
        regency=tuban,
        report_date=datetime.date(2025, 5, 2),
        period="Semester I 2025",
        file_format="csv",
        user=tuban_staff,
    )


def test_regencies_are_compared_with_the_same_counts_as_their_own_dashboards(
    client_for, province_viewer, tuban_staff, reported
):
    response = client_for(province_viewer).get(reverse("province_dashboard", args=["35"]))

    rows = rows_by_code(response)
    tuban, lamongan = rows["35.23"], rows["35.24"]
    # Hand count (tests/dashboard/test_dashboard.py): Jenu, Montong and the inactive Bangilan cover their
    # kecamatan; expired, pending, rejected and dissolved do not. Beji, Mondokan and Karangasem (once).
    assert (tuban.district_covered, tuban.district_total) == (3, 20)
    assert (tuban.village_covered, tuban.village_total) == (3, 328)
    assert tuban.pending == 2 and tuban.last_report == datetime.date(2025, 5, 2)
    assert (lamongan.district_covered, lamongan.district_total, lamongan.village_covered) == (0, 1, 1)
    assert lamongan.pending == 0 and lamongan.last_report is None
    totals = response.context["totals"]
    assert (totals["district_covered"], totals["district_total"], totals["village_covered"]) == (3, 21, 4)
    # The regency's own dashboard says the same.
    own = client_for(tuban_staff).get(reverse("home")).context
    assert (own["coverage"].district_covered, own["coverage"].village_totals()) == (3, (3, 328))
    assert b"belum pernah" in response.content  # Lamongan has never reported


def test_the_map_colours_each_regency_by_kecamatan_coverage_and_links_to_its_dashboard(
    client_for, province_viewer, constructed
):
    svg = client_for(province_viewer).get(reverse("province_map_svg", args=["35"])).content.decode()
    assert 'data-code="35.23" data-band="some"' in svg  # 3 of 20
    assert 'data-code="35.24" data-band="none"' in svg
    assert f'href="{reverse("home")}?kabupaten=35.23"' in svg
    assert svg.count("<path") == 2  # only regencies loaded in the database are drawn


def test_rows_sort_by_coverage(client_for, province_viewer, constructed):
    client = client_for(province_viewer)
    by_villages = client.get(reverse("province_dashboard", args=["35"]), {"urut": "-desa"}).context["rows"]
    assert [r.regency.code for r in by_villages] == ["35.24", "35.23"]  # 100% before 1%
    assert client.get(reverse("province_dashboard", args=["35"]), {"urut": "x"}).context["sort"] == "nama"


def test_query_count_does_not_grow_with_the_data(client_for, province_viewer, constructed):
    client = client_for(province_viewer)
    url = reverse("province_dashboard", args=["35"])
    client.get(url)  # session, user
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    # Two more regencies, and thirty more KIMs with SKs.
    VillageFactory(code="35.25.01.2001", name="Lain")
    VillageFactory(code="35.26.01.2001", name="Lain Lagi")
    for village in Village.objects.filter(district__code="35.23.12")[:15]:
        sk(KimFactory(village=village), S.VERIFIED)
        sk(KimFactory(village=village), S.PENDING)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


@pytest.mark.parametrize(
    ("who", "status"),
    [("province_viewer", 200), ("superuser", 200), ("tuban_staff", 403), ("jenu_admin", 403)],
)
def test_only_province_viewers_and_superusers_compare_regencies(request, client_for, tuban, who, status):
    user = request.getfixturevalue(who)
    assert client_for(user).get(reverse("province_dashboard", args=["35"])).status_code == status


def test_another_provinces_viewer_gets_404(client_for, tuban):
    other = Province.objects.create(code="36", name="BANTEN")
    viewer = UserFactory(viewer_of=other)
    assert client_for(viewer).get(reverse("province_dashboard", args=["35"])).status_code == 404
    assert client_for(viewer).get(reverse("province_dashboard", args=["36"])).status_code == 200


def test_an_empty_province_says_so(client_for, superuser, db):
    Province.objects.create(code="36", name="BANTEN")
    response = client_for(superuser).get(reverse("province_dashboard", args=["36"]))
    assert b"Belum ada kabupaten/kota" in response.content and b"Peta belum tersedia" in response.content


def test_targets_are_per_regency_and_tuban_defaults_do_not_leak(tuban, lamongan):
    tuban_district, _ = FormationTarget.for_regency(tuban)
    lamongan_district, lamongan_village = FormationTarget.for_regency(lamongan)
    assert tuban_district.deadline == datetime.date(2022, 12, 31)
    assert lamongan_district.deadline is None and lamongan_village.deadline is None
    assert "55" not in (lamongan_district.legal_basis or "")
