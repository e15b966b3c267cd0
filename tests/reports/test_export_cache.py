"""Open-data exports are written once per state of the data and served as files; any change makes a new one."""

import datetime
import io
import json
import os
import threading
import time

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decrees.models import Decree
from decrees.services import decree_verify, decree_withdraw
from districts.models import Village
from reports import export_cache
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


def test_verifying_an_sk_gives_a_new_export_at_once_and_old_files_go_after_a_grace_period(
    anon_client, beji, tuban_staff, settings
):
    kim = KimFactory(village=beji, name="KIM Beji Bersinar")
    pending = DecreeFactory(kim=kim, status=Decree.Status.PENDING, **TERM, term_end=datetime.date(2030, 1, 1))
    attach_scan(pending)
    before = body(anon_client, reverse("reports:open_data_csv"))
    assert "KIM Beji Bersinar" not in before
    first = exports()

    decree_verify(decree=pending, by=tuban_staff)
    after = body(anon_client, reverse("reports:open_data_csv"))
    assert "KIM Beji Bersinar" in after
    # The previous file stays a while: a request that computed its name a moment ago still opens it.
    assert len(exports()) == 2 and set(first) < set(exports())
    second = sorted(set(exports()) - set(first))

    long_ago = time.time() - export_cache.GRACE_SECONDS - 60
    for name, written in ((first[0], long_ago - 60), (second[0], long_ago)):
        os.utime(settings.MEDIA_ROOT / "exports" / name, (written, written))
    decree_withdraw(decree=Decree.objects.get(pk=pending.pk), by=tuban_staff, reason="Salah input nomor")
    assert "KIM Beji Bersinar" not in body(anon_client, reverse("reports:open_data_csv"))
    # Superseded long ago: gone. The one current until now stays its grace period.
    assert first[0] not in exports() and second[0] in exports() and len(exports()) == 2


def test_a_file_left_half_written_by_a_crashed_worker_is_never_served_and_is_cleared(anon_client, beji, settings):
    folder = settings.MEDIA_ROOT / "exports"
    folder.mkdir(parents=True)
    crashed = folder / f"{export_cache.PARTIAL}0123abcd"
    crashed.write_bytes(b'[{"nama": "KIM separuh')
    long_ago = time.time() - export_cache.GRACE_SECONDS - 60
    os.utime(crashed, (long_ago, long_ago))
    assert json.loads(body(anon_client, reverse("reports:open_data_json"))) == []
    assert not crashed.exists() and len(exports()) == 1


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


def _formed_kim(village, name):
    return DecreeFactory(
        kim=KimFactory(village=village, name=name),
        status=Decree.Status.VERIFIED,
        **TERM,
        term_end=datetime.date(2030, 1, 1),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent PostgreSQL sessions (run by .ci/run)")
def test_readers_never_fail_while_the_data_keeps_changing(jenu):
    """Many concurrent requests while SKs keep arriving: every answer is a whole, valid export, never a 500."""
    villages = list(Village.objects.filter(district=jenu))
    for n in range(150):  # an export big enough to take a while to write
        _formed_kim(villages[n % len(villages)], f"KIM Awal {n}")
    stop, failures, answers = threading.Event(), [], []

    def writer():
        n = 0
        try:
            while not stop.is_set():
                n += 1
                _formed_kim(villages[n % len(villages)], f"KIM Baru {n}")  # a new fingerprint each time
                time.sleep(0.02)
        finally:
            connections.close_all()

    def reader():
        client = Client()
        try:
            for _ in range(25):
                try:
                    response = client.get(reverse("reports:open_data_json"))
                    content = b"".join(response.streaming_content)
                    response.close()
                    if response.status_code != 200:
                        failures.append(f"HTTP {response.status_code}")
                    else:
                        answers.append(len(json.loads(content)))  # a partial file does not parse
                except Exception as exc:  # noqa: BLE001 - what a user would get as a 500
                    failures.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads[1:]:
        thread.join(timeout=300)
    stop.set()
    threads[0].join(timeout=60)
    assert failures == [], sorted(set(failures))
    assert len(answers) == 150 and min(answers) >= 150
