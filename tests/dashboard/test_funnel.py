"""The follow-up funnel: outreach → KIM → SK uploaded → SK verified, on fixed dates."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboard.funnel import funnel_of
from decrees.models import Decree
from districts.models import District, KimGroup, RegencyRules, Village
from outreach.models import OutreachEvent
from tests.factories import DecreeFactory, KimFactory

S = Decree.Status
TODAY = datetime.date(2025, 6, 1)


@pytest.fixture(autouse=True)
def _fixed_day():
    with time_machine.travel(datetime.datetime(2025, 6, 1, 3, tzinfo=datetime.UTC), tick=False):
        yield


def noon(day):
    return datetime.datetime.combine(day, datetime.time(5), tzinfo=datetime.UTC)  # 12:00 in Tuban (WIB)


def held(code, day):
    return OutreachEvent.objects.create(held_on=day, district_id=code, venue="Balai", participant_count=20)


def kim(code, registered, village=None):
    if village:
        made = KimFactory(village=Village.objects.get(code=village))
    else:
        made = KimFactory(level=KimGroup.Level.DISTRICT, district=District.objects.get(code=code))
    KimGroup.objects.filter(pk=made.pk).update(created_at=noon(registered))
    return made


def sk(kim, uploaded, status=S.PENDING, verified=None):
    extra = {"withdrawal_reason": "Salah unggah"} if status == S.WITHDRAWN else {}
    return DecreeFactory(
        kim=kim,
        status=status,
        created_at=noon(uploaded),
        decided_at=noon(verified) if verified else None,
        **extra,
    )


@pytest.fixture
def story(tuban):
    d = datetime.date
    # Jenu: 20 days to a KIM, 10 to the SK, 5 to its verification.
    held("35.23.12", d(2025, 1, 10))
    sk(kim("35.23.12", d(2025, 1, 30)), d(2025, 2, 9), S.VERIFIED, d(2025, 2, 14))
    # Palang: 30, 20, 15; a later refresher outreach does not move the start.
    held("35.23.18", d(2025, 2, 1))
    held("35.23.18", d(2025, 5, 20))
    sk(kim("35.23.18", d(2025, 3, 3)), d(2025, 3, 23), S.VERIFIED, d(2025, 4, 7))
    # Montong: outreach 92 days ago, a KIM, no SK: to follow up.
    held("35.23.10", d(2025, 3, 1))
    kim("35.23.10", d(2025, 3, 11))
    # Semanding: outreach 47 days ago, not due yet.
    held("35.23.15", d(2025, 4, 15))
    # Bancar: its only SK was withdrawn, so nothing was uploaded: to follow up.
    held("35.23.04", d(2025, 1, 5))
    sk(kim("35.23.04", d(2025, 1, 20)), d(2025, 2, 1), S.WITHDRAWN)
    # Bangilan: an SK waits for verification: uploaded since the outreach, not followed up.
    held("35.23.03", d(2024, 12, 1))
    sk(kim("35.23.03", d(2025, 1, 1)), d(2025, 1, 15))
    # Kenduruan: only a planned event: no outreach yet.
    OutreachEvent.objects.create(
        status=OutreachEvent.Status.PLANNED, held_on=d(2025, 7, 1), district_id="35.23.01", venue="Pendopo"
    )
    # Desa Beji (Jenu): a village KIM and its SK: not followed up; other Jenu villages are.
    sk(kim("35.23.12", d(2025, 3, 1), village="35.23.12.2009"), d(2025, 3, 5))
    return tuban


def test_days_between_steps_and_regency_medians(story):
    funnel = funnel_of(story, District.objects.filter(regency=story))
    rows = {row.area.code: row for row in funnel.rows}
    jenu, palang = rows["35.23.12"], rows["35.23.18"]
    assert (jenu.outreach, jenu.to_kim, jenu.to_upload, jenu.to_verify, jenu.total) == (
        datetime.date(2025, 1, 10),
        20,
        10,
        5,
        35,
    )
    assert (palang.outreach, palang.to_kim, palang.to_upload, palang.to_verify) == (
        datetime.date(2025, 2, 1),
        30,
        20,
        15,
    )
    assert rows["35.23.04"].uploaded is None  # a withdrawn SK is no step
    assert rows["35.23.01"].outreach is None  # a plan is no outreach
    # to_kim 10, 15, 20, 30, 31; to_upload 10, 14, 20; to_verify 5, 15; total 35, 65.
    assert funnel.medians == {"to_kim": 20, "to_upload": 14, "to_verify": 10, "total": 50}


def test_follow_up_lists_kecamatan_waiting_longer_than_the_rule(story):
    funnel = funnel_of(story, District.objects.filter(regency=story))
    assert [row.area.code for row in funnel.follow_up] == ["35.23.04", "35.23.10"]  # Bancar (Jan 5), Montong
    assert [row.waiting for row in funnel.follow_up] == [147, 92]
    rules = RegencyRules.for_regency(story)
    rules.follow_up_days = 30
    rules.save()
    funnel = funnel_of(story, District.objects.filter(regency=story))
    assert [row.area.code for row in funnel.follow_up] == ["35.23.04", "35.23.10", "35.23.15"]


def test_villages_are_followed_up_once_their_kecamatan_is_done(story):
    funnel = funnel_of(story, District.objects.filter(regency=story))
    villages = {row.area.code for row in funnel.village_follow_up}
    jenu_and_palang = set(
        Village.objects.filter(district_id__in=["35.23.12", "35.23.18"]).values_list("code", flat=True)
    )
    assert villages == jenu_and_palang - {"35.23.12.2009"}
    assert not any(code.startswith("35.23.10.") for code in villages)  # Montong is not done yet
    beji = next(row for row in funnel.village_rows if row.area.code == "35.23.12.2009")
    assert (beji.outreach, beji.to_kim, beji.to_upload) == (datetime.date(2025, 1, 10), 50, 4)


def test_funnel_page_shows_the_follow_up_and_medians(client_for, tuban_staff, story):
    response = client_for(tuban_staff).get(reverse("funnel"))
    assert response.status_code == 200
    page = response.content.decode()
    follow_up = page.split('data-testid="follow-up"')[1].split("</ul>")[0]
    assert "Bancar" in follow_up and "Montong" in follow_up and "Jenu" not in follow_up
    assert "92 hari lalu" in follow_up
    assert "50 hari" in page.split('data-testid="funnel-median-total"')[1][:40]


def test_kecamatan_admin_sees_only_their_kecamatan(client_for, jenu_admin, story):
    funnel = client_for(jenu_admin).get(reverse("funnel")).context["funnel"]
    assert [row.area.code for row in funnel.rows] == ["35.23.12"]


def _grow(n):
    """n more kecamatan-level and village-level KIMs with SKs and outreach across Tuban."""
    districts = list(District.objects.filter(regency_id="35.23").order_by("code"))
    villages = list(Village.objects.filter(code__startswith="35.23.").order_by("code")[:n])
    for i, village in enumerate(villages):
        district = districts[i % len(districts)]
        held(district.code, datetime.date(2024, 1, 1) + datetime.timedelta(days=i))
        sk(
            kim(district.code, datetime.date(2024, 2, 1)),
            datetime.date(2024, 3, 1),
            S.VERIFIED,
            datetime.date(2024, 3, 5),
        )
        sk(kim(village.district_id, datetime.date(2024, 4, 1), village=village.code), datetime.date(2024, 4, 9))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["tuban_staff", "jenu_admin"])
def test_funnel_query_count_does_not_grow_with_data(request, client_for, story, who, django_assert_max_num_queries):
    client = client_for(request.getfixturevalue(who))
    url = reverse("funnel")
    client.get(url)  # the first visit creates the regency's rules; count the ones after
    small = count_queries(client, url)
    assert small <= 20  # session, user, two-factor device, regency, rules and the fixed queries of the funnel
    _grow(120)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200


def test_funnel_page_is_read_only(client_for, tuban_staff, story):
    assert client_for(tuban_staff).post(reverse("funnel")).status_code == 405
