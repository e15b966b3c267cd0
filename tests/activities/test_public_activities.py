"""The public page and open data show each formed KIM's latest activities and state, and nothing personal."""

import csv
import io
import json

import pytest
from django.urls import reverse

from activities.models import Activity
from activities.services import activity_record
from districts.models import Village
from reports.rows import PUBLIC_COLUMNS
from tests.activities.conftest import TODAY, activity_type, formed, gps_photo
from tests.factories import KimFactory

SECRET = "RAHASIA"
DAY = TODAY.resolution


@pytest.fixture
def published(beji_kim, jenu_admin):
    formed(beji_kim)
    kind = activity_type(beji_kim.district.regency)
    for i in range(4):  # the oldest of four is not among the latest three
        activity_record(
            kim=beji_kim,
            date=TODAY - (10 + i) * DAY,
            type=kind,
            title=f"Kegiatan ke-{i}",
            description=f"{SECRET}-URAIAN",
            link=f"https://beji.kim.id/berita/{i}",
            photos=[gps_photo(f"{SECRET}-foto.jpg")] if i == 0 else [],
            recorded_by=jenu_admin,
        )
    cancelled = activity_record(kim=beji_kim, date=TODAY, type=kind, title=f"{SECRET} batal", recorded_by=jenu_admin)
    cancelled.cancel(by=jenu_admin, reason=f"{SECRET}-ALASAN")
    unformed = KimFactory(village=Village.objects.get(code="35.23.12.2001"), name=f"KIM {SECRET} tanpa SK")
    activity_record(kim=unformed, date=TODAY, type=kind, title=f"{SECRET} belum terbentuk", recorded_by=jenu_admin)
    return beji_kim


def _text(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_public_page_lists_latest_three_with_links_and_nothing_personal(anon_client, published, jenu_admin):
    page = _text(anon_client.get(reverse("public_page")))
    cell = page.split('data-testid="public-activities"')[1].split("</td>")[0]
    assert "Kegiatan ke-0" in cell and "Kegiatan ke-2" in cell and "Kegiatan ke-3" not in cell
    assert 'href="https://beji.kim.id/berita/0"' in cell and "Diseminasi" in cell and "23 Mei 2025" in cell
    assert 'data-status="aktif"' in cell
    assert SECRET not in page and SECRET.lower() not in page
    assert jenu_admin.first_name not in page and jenu_admin.username not in page
    assert "/kegiatan/" not in page  # no links into the private site


def test_open_data_gains_activity_state_and_last_date_at_the_end(anon_client, published):
    assert PUBLIC_COLUMNS[-2:] == ["status_kegiatan", "kegiatan_terakhir"]
    rows = json.loads(_text(anon_client.get(reverse("reports:open_data_json"))))
    assert [(r["nama_kim"], r["status_kegiatan"], r["kegiatan_terakhir"]) for r in rows] == [
        ("KIM Beji Bersinar", "aktif", "2025-05-23")  # the cancelled one of today does not count
    ]
    text = _text(anon_client.get(reverse("reports:open_data_csv")))
    assert list(csv.reader(io.StringIO(text)))[0] == PUBLIC_COLUMNS
    assert SECRET not in text
    assert Activity.objects.count() == 6


def test_stored_open_data_follows_a_new_or_cancelled_activity(anon_client, published, jenu_admin):
    def beji():
        rows = json.loads(_text(anon_client.get(reverse("reports:open_data_json"), {"wilayah": "35.23"})))
        return next(
            (r["status_kegiatan"], r["kegiatan_terakhir"]) for r in rows if r["nama_kim"] == "KIM Beji Bersinar"
        )

    assert beji() == ("aktif", "2025-05-23")
    newest = activity_record(
        kim=published, date=TODAY, type=activity_type(published.district.regency), title="Baru", recorded_by=jenu_admin
    )
    assert beji() == ("aktif", "2025-06-02")
    newest.cancel(by=jenu_admin, reason="Salah tanggal")
    assert beji() == ("aktif", "2025-05-23")
