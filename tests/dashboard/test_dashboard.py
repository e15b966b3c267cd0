"""The formation dashboard: numbers match a hand count, queries stay fixed, maps are complete."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import KimGroup, Village
from outreach.models import OutreachEvent
from tests.dashboard.conftest import ENDED, S, district_kim, sk
from tests.factories import KimFactory

pytestmark = pytest.mark.usefixtures("frozen")


def test_dashboard_numbers_match_a_hand_count(client_for, tuban_staff, constructed):
    response = client_for(tuban_staff).get(reverse("home"))
    ctx = response.context
    page = response.content.decode()
    # Kecamatan covered: Jenu, Montong, Bangilan (inactive still covers) = 3 of 20
    assert (ctx["district_progress"].covered, ctx["district_progress"].total) == (3, 20)
    assert "3 dari 20 kecamatan telah memiliki KIM ber-SK" in page
    # Villages covered: Beji, Karangasem (desa) + Mondokan (kelurahan) = 3 of 328
    assert (ctx["village_progress"].covered, ctx["village_progress"].total) == (3, 328)
    assert (ctx["desa"], ctx["kelurahan"]) == ((2, 311), (1, 17))
    rows = {row.district.code: row for row in ctx["rows"]}
    assert rows["35.23.18"].kim_status == "menunggu" and rows["35.23.18"].pending == 1
    assert rows["35.23.15"].kim_status == "ditolak"
    assert rows["35.23.04"].kim_status is None  # the dissolved KIM is left out
    assert (rows["35.23.12"].village_covered, rows["35.23.12"].village_total, rows["35.23.12"].pending) == (2, 17, 1)
    assert rows["35.23.10"].outreach_dates == [datetime.date(2020, 11, 5)]
    uncovered = [d.code for d in ctx["coverage"].uncovered_districts]
    assert len(uncovered) == 17 and "35.23.12" not in uncovered and "35.23.18" in uncovered
    attention = ctx["attention"]
    assert [d.kim.name for d in attention["pending"]] == ["KIM Palang Baru", "KIM Karangasem B"]
    assert sorted(d.kim.name for d in attention["rejected"]) == ["KIM Remen", "KIM Semanding"]
    assert "KIM Lamongan" not in page


def test_targets_deadline_and_pace(client_for, tuban_staff, constructed):
    ctx = client_for(tuban_staff).get(reverse("home")).context
    assert ctx["district_progress"].target.deadline == datetime.date(2022, 12, 31)
    assert ctx["district_progress"].pace == "overdue"
    assert ctx["village_progress"].pace == "no_deadline"
    assert "Peraturan Bupati Tuban Nomor 55 Tahun 2020" in ctx["district_progress"].target.legal_basis


def test_a_rejected_sk_followed_by_a_new_upload_leaves_the_attention_list(client_for, tuban_staff, constructed):
    sk(KimGroup.objects.get(name="KIM Remen"), S.PENDING)
    attention = client_for(tuban_staff).get(reverse("home")).context["attention"]
    assert [d.kim.name for d in attention["rejected"]] == ["KIM Semanding"]


def test_kecamatan_table_sorts_by_any_column(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    by_pending = client.get(reverse("home"), {"urut": "-menunggu"}).context["rows"]
    assert by_pending[0].district.code in ("35.23.18", "35.23.12") and by_pending[0].pending == 1
    by_status = client.get(reverse("home"), {"urut": "status"}).context["rows"]
    assert by_status[0].kim_status == "terbentuk"
    by_coverage = client.get(reverse("home"), {"urut": "-cakupan"}).context["rows"]
    assert by_coverage[0].district.code == "35.23.12"  # Jenu: Beji and Karangasem, 2 of 17
    assert client.get(reverse("home"), {"urut": "bogus"}).status_code == 200


def _grow(n):
    """Add n village KIMs with SKs and outreach events across Tuban."""
    villages = list(Village.objects.filter(code__startswith="35.23.").order_by("code")[:n])
    for i, village in enumerate(villages):
        kim = KimFactory(village=village, name=f"KIM Massal {i}")
        sk(kim, [S.VERIFIED, S.PENDING, S.REJECTED][i % 3])
        if i % 2:
            sk(kim, S.SUPERSEDED, ENDED)
    for i in range(n // 10):
        OutreachEvent.objects.create(
            held_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=i),
            district_id=villages[i].district_id,
            venue="Balai",
            participant_count=20,
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["home", "village_map", "map_svg"])
def test_dashboard_query_count_does_not_grow_with_data(
    client_for, tuban_staff, constructed, url_name, django_assert_max_num_queries
):
    client = client_for(tuban_staff)
    url = reverse(url_name, args=["desa"]) if url_name == "map_svg" else reverse(url_name)
    small = count_queries(client, url)
    _grow(300)
    with django_assert_max_num_queries(small):
        client.get(url)
    assert small <= 30  # sign-in, two-factor and rules included; the point is it does not grow


def test_kecamatan_admin_home_shows_their_status_villages_without_kim_and_sks_to_fix(
    client_for, jenu_admin, constructed
):
    response = client_for(jenu_admin).get(reverse("home"))
    page = response.content.decode()
    assert response.templates[0].name == "dashboard/district_home.html"
    assert 'data-status="terbentuk"' in page.split('data-testid="district-status"')[1][:300]
    without = [v.code for v in response.context["without_kim"]]
    # Jenu's KIMs: Beji, Remen, Karangasem, Sugihwaras; Temaji's KIM is dissolved, so it counts as without.
    assert len(without) == 13 and "35.23.12.2009" not in without and "35.23.12.2003" in without
    assert [d.kim.name for d in response.context["attention"]["rejected"]] == ["KIM Remen"]
    assert "KIM Palang" not in page


def test_province_viewer_can_switch_regency(client_for, province_viewer, constructed):
    client = client_for(province_viewer)
    assert client.get(reverse("home")).context["regency"].code == "35.23"
    other = client.get(reverse("home"), {"kabupaten": "35.24"}).context
    assert other["regency"].code == "35.24" and other["village_progress"].covered == 1
    assert other["district_progress"].target.deadline is None  # Tuban's defaults do not leak


def svg_entries(svg):
    return re.findall(r'<a href="[^"]+" target="_top" class="map-shape status-(\w+)" data-code="([\d.]+)"', svg)


def map_svg(client, level):
    response = client.get(reverse("map_svg", args=[level]))
    assert response["Content-Type"].startswith("image/svg+xml") and response["ETag"]
    return response.content.decode()


def test_kecamatan_map_has_every_kecamatan_once_with_its_status(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    page = map_svg(client, "kecamatan")
    entries = svg_entries(page)
    codes = [code for _status, code in entries]
    assert sorted(codes) == sorted(set(codes)) and len(codes) == 20
    status = dict((code, s) for s, code in entries)
    assert status["35.23.12"] == "terbentuk" and status["35.23.18"] == "menunggu"
    assert status["35.23.15"] == "ditolak" and status["35.23.04"] == "belum_ada_kim"
    assert "<title>Jenu — terbentuk</title>" in page


def test_village_map_has_all_328_villages_once_with_their_status(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    entries = svg_entries(map_svg(client, "desa"))
    page = client.get(reverse("village_map")).content.decode()
    codes = [code for _status, code in entries]
    assert len(codes) == len(set(codes)) == 328
    assert set(codes) == set(Village.objects.filter(code__startswith="35.23.").values_list("code", flat=True))
    status = dict((code, s) for s, code in entries)
    assert status["35.23.12.2009"] == "terbentuk" and status["35.23.12.2008"] == "ditolak"
    assert status["35.23.12.2001"] == "terbentuk" and status["35.23.12.2017"] == "belum_ada_sk"
    assert status["35.23.12.2010"] == "belum_ada_kim"
    table = page.split('data-testid="village-map-table"')[1].split("</table>")[0]
    assert table.count("<tr><td>35.23.") == 328 and "<td>35.23.12.2009</td><td><a" in table  # the map as text


def test_map_renders_without_shared_folder(settings, client_for, tuban_staff, tuban, tmp_path):
    settings.KIMTRACK_SHARED_DIR = tmp_path / "no-shared-here"
    assert len(svg_entries(map_svg(client_for(tuban_staff), "kecamatan"))) == 20


def test_chart_data_per_year(client_for, tuban_staff, constructed):
    years = {y.year: y for y in client_for(tuban_staff).get(reverse("home")).context["years"]}
    assert (years[2020].events, years[2021].events) == (1, 1)
    assert years[2020].kims_formed == 1  # Montong's first SK (now superseded) was signed in 2020
    assert years[2025].districts_covered == 3


def test_map_is_revalidated_cheaply_and_changes_when_a_status_changes(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    url = reverse("map_svg", args=["kecamatan"])
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    sk(district_kim("35.23.20", "KIM Grabagan"), S.VERIFIED)
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert 'status-terbentuk" data-code="35.23.20"' in changed.content.decode()


def test_dashboard_html_no_longer_carries_the_map(client_for, tuban_staff, constructed):
    page = client_for(tuban_staff).get(reverse("home")).content.decode()
    assert 'src="/peta/kecamatan.svg?kabupaten=35.23"' in page
    assert len(page.encode()) < 60_000
