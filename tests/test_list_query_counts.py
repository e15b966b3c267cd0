"""Every list page costs the same number of queries with 5 rows as with 120: no query per row.

Counted with the page size exceeded (so pagination is part of what is measured), as regency staff,
who see the most. The response status is asserted inside the counted block.
"""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from decrees.models import Decree
from districts.models import Village
from outreach.models import OutreachEvent
from reading.models import Reading
from tests.factories import DecreeFactory, KimFactory, UserFactory

SERIAL = itertools.count()

LIST_PAGES = {
    "kim_list": lambda: reverse("districts:kim_list"),
    "kim_list_filtered": lambda: reverse("districts:kim_list") + "?level=desa&status=menunggu&q=KIM",
    "verification_queue": lambda: reverse("decrees:queue"),
    "district_list": lambda: reverse("districts:district_list"),
    "district_detail": lambda: reverse("districts:district_detail", args=["35.23.12"]),
    "outreach_list": lambda: reverse("outreach:list"),
    "accounts": lambda: reverse("accounts:list"),
    "audit": lambda: reverse("audit:log"),
    "sk_search": lambda: reverse("decrees:search") + "?q=pembentukan",
}


def grow(jenu, count):
    """`count` more of everything the list pages show, spread over Jenu's villages."""
    villages = list(Village.objects.filter(district=jenu).order_by("code"))
    uploader = UserFactory(admin_of=jenu)
    for _ in range(count):
        n = next(SERIAL)
        kim = KimFactory(name=f"KIM Uji {n}", village=villages[n % len(villages)])
        decree = DecreeFactory(kim=kim, status=Decree.Status.PENDING, uploaded_by=uploader)
        Reading.objects.create(decree=decree, status=Reading.Status.DONE, text=f"keputusan pembentukan KIM {n}")
        OutreachEvent.objects.create(
            held_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=n),
            district=jenu,
            venue=f"Balai {n}",
            participant_count=10,
        )
        UserFactory(username=f"admin{n}", admin_of=jenu)
        AuditEvent.objects.create(action=AuditEvent.Action.DECREE_SUBMITTED, area_code=jenu.code, username="x")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", LIST_PAGES)
def test_list_page_queries_do_not_grow_with_rows(client_for, tuban_staff, jenu, page, django_assert_max_num_queries):
    client = client_for(tuban_staff)
    url = LIST_PAGES[page]()
    grow(jenu, 5)
    small = queries(client, url)
    grow(jenu, 115)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    assert small <= 30, f"{page} needs {small} queries even when small"
