"""Open-data exports are written once per state of the data and served as files; any change makes a new one."""

import datetime
import io

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decrees.models import Decree
from decrees.services import decree_verify, decree_withdraw
from reports.export_cache import fingerprint
from tests.factories import DecreeFactory, KimFactory, attach_scan

TERM = {"signed_on": datetime.date(2024, 1, 5), "term_start": datetime.date(2024, 1, 5)}


def body(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode()


def exports():
    try:
        return sorted(default_storage.listdir("exports")[1])
    except FileNotFoundError:
        return []


def test_the_second_request_streams_the_stored_file_without_reading_the_rows(anon_client, beji):
    DecreeFactory(
        kim=KimFactory(village=beji, name="KIM Beji Bersinar"),
        status=Decree.Status.VERIFIED,
        **TERM,
        term_end=datetime.date(2030, 1, 1),
    )
    first = body(anon_client, reverse("reports:open_data_json"))
    with CaptureQueriesContext(connection) as second_queries:
        second = body(anon_client, reverse("reports:open_data_json"))
    assert first == second and "KIM Beji Bersinar" in first
    with CaptureQueriesContext(connection) as fingerprint_queries:
        fingerprint()
    # Only the fingerprint's aggregates run: no row of the export is read again.
    assert len(second_queries) == len(fingerprint_queries) <= 4
    assert len(exports()) == 1


def test_verifying_an_sk_gives_a_new_export_at_once_and_the_old_file_goes(anon_client, beji, tuban_staff):
    kim = KimFactory(village=beji, name="KIM Beji Bersinar")
    pending = DecreeFactory(kim=kim, status=Decree.Status.PENDING, **TERM, term_end=datetime.date(2030, 1, 1))
    attach_scan(pending)
    before = body(anon_client, reverse("reports:open_data_csv"))
    assert "KIM Beji Bersinar" not in before

    decree_verify(decree=pending, by=tuban_staff)
    after = body(anon_client, reverse("reports:open_data_csv"))
    assert "KIM Beji Bersinar" in after
    assert len(exports()) == 1  # the stale file was removed

    decree_withdraw(decree=Decree.objects.get(pk=pending.pk), by=tuban_staff, reason="Salah input nomor")
    assert "KIM Beji Bersinar" not in body(anon_client, reverse("reports:open_data_csv"))


def test_each_area_has_its_own_export(anon_client, beji, lamongan):
    body(anon_client, reverse("reports:open_data_json"))
    body(anon_client, reverse("reports:open_data_json") + "?wilayah=35.23")
    assert len(exports()) == 2


def test_stored_exports_are_neither_orphans_nor_lost_and_can_be_cleared(anon_client, tuban):
    body(anon_client, reverse("reports:open_data_json"))
    out = io.StringIO()
    call_command("check_media", stdout=out)
    assert "0 yatim" in out.getvalue()
    call_command("clear_exports", stdout=io.StringIO())
    assert exports() == []


def test_an_unknown_area_is_404_and_village_exports_are_not_stored(anon_client, beji):
    assert anon_client.get(reverse("reports:open_data_json") + "?wilayah=99.99").status_code == 404
    assert body(anon_client, reverse("reports:open_data_json") + "?wilayah=35.23.12.2009").startswith("[")
    assert exports() == []
