"""Dashboards and exports read from the replica; pages that write, and writes, use the primary.

Runs when DATABASE_REPLICA_URL is set: `.ci/run` runs this module a second time on PostgreSQL
with the replica pointing at the test server, so the "replica" is a second real connection.
(Replication lag cannot be shown on one server; the routing can.)
"""

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import FormationTarget, KimGroup
from kimtrack.replica import REPLICA, ReplicaRouter, reading_from_replica

needs_replica = pytest.mark.skipif(
    REPLICA not in settings.DATABASES, reason="no DATABASE_REPLICA_URL (.ci/run sets one on PostgreSQL)"
)


def test_without_a_replica_every_read_uses_the_primary():
    router = ReplicaRouter()
    with reading_from_replica():
        expected = REPLICA if REPLICA in settings.DATABASES else None
        assert router.db_for_read(KimGroup) == expected
    assert router.db_for_read(KimGroup) is None  # outside marked code: the primary
    assert router.db_for_write(KimGroup) == "default"
    assert router.allow_migrate(REPLICA, "districts") is False


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_the_dashboard_reads_from_the_replica_and_the_kim_page_from_the_primary(client_for, tuban_staff, beji_kim):
    client = client_for(tuban_staff)
    with (
        CaptureQueriesContext(connections[REPLICA]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert any("districts_kimgroup" in q["sql"] for q in replica.captured_queries)
    assert not any("districts_kimgroup" in q["sql"] for q in primary.captured_queries)
    # Writes made while rendering (sessions, first-use targets) still go to the primary.
    assert FormationTarget.objects.using("default").filter(regency_id="35.23").count() == 2

    with CaptureQueriesContext(connections[REPLICA]) as replica:
        client.get(beji_kim.get_absolute_url())
    assert replica.captured_queries == []


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_streamed_open_data_is_read_from_the_replica_while_it_is_sent(anon_client, beji_kim):
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        response = anon_client.get(reverse("reports:open_data_csv"))
        body = b"".join(response.streaming_content)
    assert b"kim" in body.lower()
    assert any("districts_kimgroup" in q["sql"] for q in replica.captured_queries)
