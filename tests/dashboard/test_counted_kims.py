"""Merged and mistaken KIM records are out of every count: dashboard, province, funnel, report, public page."""

import datetime

import pytest
from django.urls import reverse

from dashboard.coverage import coverage_of
from dashboard.funnel import funnel_of
from dashboard.province import regency_rows
from decrees.models import Decree
from districts.models import District, KimGroup, Village
from districts.services import kim_merge
from reports.rows import province_rows, public_rows
from tests.factories import DecreeFactory, KimFactory

START, END = datetime.date(2024, 1, 5), datetime.date(2099, 1, 1)
TERM = {"signed_on": START, "term_start": START, "term_end": END}


def formed(kim, number):
    DecreeFactory(kim=kim, status=Decree.Status.VERIFIED, number=number, **TERM)
    return kim


@pytest.fixture
def registry(tuban, jenu, palang):
    """A formed village KIM in Beji, a formed kecamatan KIM in Palang, and a formed KIM in Sugihwaras (Jenu)."""
    beji = formed(KimFactory(village=Village.objects.get(code="35.23.12.2009"), name="KIM Beji Bersinar"), "B/1")
    palang_kim = formed(KimFactory(level="kecamatan", district=palang, name="KIM Palang"), "P/1")
    other = formed(KimFactory(village=Village.objects.get(code="35.23.12.2001"), name="KIM Salah Desa"), "S/1")
    return beji, palang_kim, other


def mark_mistaken_on_file(kim):
    """A record marked mistaken while it still holds a verified SK (as an old row or the admin could leave it)."""
    KimGroup.objects.filter(pk=kim.pk).update(record=KimGroup.Record.MISTAKEN, record_reason="Salah desa")


def covered(tuban):
    coverage = coverage_of(District.objects.filter(regency=tuban))
    districts = sum(1 for row in coverage.rows if row.kim_status == "terbentuk")
    villages = sum(sum(row.covered.values()) for row in coverage.rows)
    return districts, villages, sum(coverage.formed_years.values())


def test_a_mistaken_kim_leaves_the_dashboard_coverage_and_the_province_dashboard(registry, tuban):
    _beji, palang_kim, other = registry
    assert covered(tuban) == (1, 2, 3)
    row = regency_rows(tuban.province)[0]
    assert (row.district_covered, row.village_covered) == (1, 2)
    mark_mistaken_on_file(other)
    mark_mistaken_on_file(palang_kim)
    assert covered(tuban) == (0, 1, 1)
    row = regency_rows(tuban.province)[0]
    assert (row.district_covered, row.village_covered) == (0, 1)
    assert not KimGroup.objects.formed().filter(pk__in=[other.pk, palang_kim.pk]).exists()


def test_a_mistaken_kim_leaves_the_province_report_and_open_data(registry, tuban):
    _beji, _palang, other = registry
    today = datetime.date.today()
    names = lambda rows: sorted(r["nama_kim"] for r in rows)  # noqa: E731
    assert names(row for _decree, row in province_rows(today, "35.23")) == [
        "KIM Beji Bersinar",
        "KIM Palang",
        "KIM Salah Desa",
    ]
    mark_mistaken_on_file(other)
    assert names(row for _decree, row in province_rows(today, "35.23")) == ["KIM Beji Bersinar", "KIM Palang"]
    assert names(public_rows(today, "35.23.")) == ["KIM Beji Bersinar", "KIM Palang"]


def test_a_mistaken_kim_leaves_the_public_page(registry, anon_client):
    _beji, _palang, other = registry
    assert "KIM Salah Desa" in anon_client.get(reverse("public_page")).content.decode()
    mark_mistaken_on_file(other)
    page = anon_client.get(reverse("public_page")).content.decode()
    assert "KIM Salah Desa" not in page and "KIM Beji Bersinar" in page


def test_a_merged_kim_is_counted_once_through_the_kept_one(registry, tuban, tuban_staff, anon_client):
    beji, _palang, _other = registry
    twin = formed(KimFactory(village=beji.village, name="KIM Beji Bersinar Baru"), "B/2")
    assert len(list(province_rows(datetime.date.today(), "35.23"))) == 4
    kim_merge(kim=twin, into=beji, by=tuban_staff, reason="Terdaftar dua kali")
    rows = [row for _decree, row in province_rows(datetime.date.today(), "35.23")]
    assert sorted(r["nama_kim"] for r in rows) == ["KIM Beji Bersinar", "KIM Palang", "KIM Salah Desa"]
    assert covered(tuban) == (1, 2, 3)
    assert "KIM Beji Bersinar Baru" not in anon_client.get(reverse("public_page")).content.decode()


def test_the_funnel_ignores_a_mistaken_kecamatan_kim(registry, tuban, palang):
    _beji, palang_kim, _other = registry
    row = {r.area.code: r for r in funnel_of(tuban, District.objects.filter(regency=tuban)).rows}[palang.code]
    assert row.registered and row.uploaded
    mark_mistaken_on_file(palang_kim)
    row = {r.area.code: r for r in funnel_of(tuban, District.objects.filter(regency=tuban)).rows}[palang.code]
    assert (row.registered, row.uploaded, row.verified) == (None, None, None)


def test_the_staff_dashboard_shows_the_lower_count(registry, client_for, tuban_staff):
    _beji, palang_kim, _other = registry
    before = client_for(tuban_staff).get(reverse("home")).content.decode()
    mark_mistaken_on_file(palang_kim)
    after = client_for(tuban_staff).get(reverse("home")).content.decode()
    assert "1 dari 20 kecamatan" in before and "0 dari 20 kecamatan" in after
