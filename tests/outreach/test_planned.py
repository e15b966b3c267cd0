"""Planned outreach: plan ahead, record as held with participants, or cancel with a reason; only held events count."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from dashboard.coverage import coverage_of
from districts.models import District
from outreach.models import OutreachAttachment, OutreachEvent
from tests.files import sk_photo

TODAY = datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _fixed_day():
    with time_machine.travel(TODAY, tick=False):
        yield


def plan_data(**overrides):
    return {"held_on": "2026-04-15", "district": "35.23.12", "venue": "Pendopo Kecamatan Jenu", **overrides}


def planned(district="35.23.12", day=datetime.date(2026, 4, 15), **fields):
    fields.setdefault("venue", "Pendopo")
    return OutreachEvent.objects.create(
        status=OutreachEvent.Status.PLANNED, held_on=day, district_id=district, **fields
    )


def test_staff_plan_an_event_ahead_without_participants(client_for, tuban_staff):
    response = client_for(tuban_staff).post(reverse("outreach:create") + "?rencana=1", plan_data())
    event = OutreachEvent.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert (event.status, event.held_on, event.participant_count) == ("rencana", datetime.date(2026, 4, 15), None)
    page = client_for(tuban_staff).get(event.get_absolute_url()).content.decode()
    assert "Catat terlaksana" in page and "Batalkan rencana" in page and "rencana" in page


def test_a_held_event_cannot_be_dated_in_the_future(client_for, tuban_staff):
    data = {**plan_data(held_on="2026-03-11"), "participant_count": 20}
    response = client_for(tuban_staff).post(reverse("outreach:create"), data)
    assert response.status_code == 200
    assert "tidak bisa bertanggal di masa depan" in response.content.decode()
    assert 'value="Pendopo Kecamatan Jenu"' in response.content.decode()  # typed values kept
    assert not OutreachEvent.objects.exists()


def test_the_model_refuses_impossible_events_whatever_the_write_path(tuban):
    jenu = District.objects.get(code="35.23.12")
    future_held = OutreachEvent(held_on=datetime.date(2026, 5, 1), district=jenu, venue="X", participant_count=5)
    with pytest.raises(ValidationError) as error:
        future_held.full_clean()
    assert "held_on" in error.value.message_dict
    no_participants = OutreachEvent(held_on=datetime.date(2026, 3, 1), district=jenu, venue="X")
    with pytest.raises(ValidationError) as error:
        no_participants.full_clean()
    assert "participant_count" in error.value.message_dict
    cancelled = OutreachEvent(status="dibatalkan", held_on=datetime.date(2026, 5, 1), district=jenu, venue="X")
    with pytest.raises(ValidationError) as error:
        cancelled.full_clean()
    assert "cancellation_reason" in error.value.message_dict


def test_planned_then_recorded_as_held_with_participants_and_a_photo(client_for, tuban_staff, tuban, media_files):
    event = planned(day=datetime.date(2026, 3, 9))  # planned for yesterday, not recorded yet
    client = client_for(tuban_staff)
    form = client.get(reverse("outreach:record", args=[event.pk]))
    assert form.status_code == 200 and 'value="2026-03-09"' in form.content.decode()
    response = client.post(
        reverse("outreach:record", args=[event.pk]),
        {**plan_data(held_on="2026-03-09"), "participant_count": 42, "files": [sk_photo("foto.jpg")]},
    )
    assert response["Location"] == event.get_absolute_url()
    event.refresh_from_db()
    assert (event.status, event.participant_count) == ("terlaksana", 42)
    assert OutreachAttachment.objects.filter(event=event).count() == 1 and len(media_files()) == 1
    # Recording twice is refused.
    again = client.get(reverse("outreach:record", args=[event.pk]))
    assert again.status_code == 302


def test_recording_as_held_needs_participants_and_a_past_date(client_for, tuban_staff, tuban):
    event = planned()
    client = client_for(tuban_staff)
    response = client.post(reverse("outreach:record", args=[event.pk]), plan_data(held_on="2026-04-15"))
    page = response.content.decode()
    assert response.status_code == 200 and "masa depan" in page
    event.refresh_from_db()
    assert event.status == "rencana"


def test_cancel_needs_a_reason_and_keeps_the_event(client_for, tuban_staff, tuban):
    event = planned()
    client = client_for(tuban_staff)
    url = reverse("outreach:cancel", args=[event.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    event.refresh_from_db()
    assert event.status == "rencana"
    response = client.post(url, {"reason": "Bertepatan dengan Musrenbang kecamatan"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.cancellation_reason) == ("dibatalkan", "Bertepatan dengan Musrenbang kecamatan")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Bertepatan dengan Musrenbang" in page and "Catat terlaksana" not in page
    # A cancelled event is not edited, recorded or cancelled again.
    for name in ("outreach:edit", "outreach:record", "outreach:cancel"):
        assert client.get(reverse(name, args=[event.pk])).status_code == 302
    event.refresh_from_db()
    assert event.status == "dibatalkan"


def test_a_held_event_entered_by_mistake_is_cancelled_with_a_reason_and_leaves_every_count(
    client_for, tuban_staff, tuban, jenu_admin
):
    first = OutreachEvent.objects.create(
        held_on=datetime.date(2026, 2, 1), district_id="35.23.12", venue="Balai Desa Beji", participant_count=30
    )
    twice = OutreachEvent.objects.create(  # the same event recorded a second time
        held_on=datetime.date(2026, 2, 1), district_id="35.23.12", venue="Balai Desa Beji", participant_count=30
    )
    later = OutreachEvent.objects.create(
        held_on=datetime.date(2026, 3, 1), district_id="35.23.18", venue="Pendopo", participant_count=12
    )
    assert OutreachEvent.objects.with_order_in_year().get(pk=later.pk).order_in_year == 3
    client = client_for(tuban_staff)
    page = client.get(twice.get_absolute_url()).content.decode()
    assert reverse("outreach:cancel", args=[twice.pk]) in page and "Tandai salah input" in page
    # Kecamatan admins do not record outreach: they cannot cancel it either.
    assert client_for(jenu_admin).post(reverse("outreach:cancel", args=[twice.pk]), {"reason": "x"}).status_code in (
        403,
        404,
    )
    refused = client.post(reverse("outreach:cancel", args=[twice.pk]), {"reason": "  "})
    assert refused.status_code == 200 and OutreachEvent.objects.get(pk=twice.pk).status == "terlaksana"
    response = client.post(reverse("outreach:cancel", args=[twice.pk]), {"reason": "Tercatat dua kali"}, follow=True)
    assert "Sosialisasi ditandai salah input; ia tidak lagi dihitung." in response.content.decode()
    twice.refresh_from_db()
    assert twice.status == "dibatalkan" and twice.cancellation_reason == "Tercatat dua kali"
    assert twice.participant_count == 30  # what was entered stays on file
    assert twice.history.first().history_change_reason == "Tercatat dua kali"
    coverage = coverage_of(District.objects.filter(regency=tuban))
    assert {row.district.code: row.outreach_dates for row in coverage.rows}["35.23.12"] == [first.held_on]
    assert OutreachEvent.objects.with_order_in_year().get(pk=later.pk).order_in_year == 2
    # Cancelling again is refused with a message, nothing changes.
    again = client.post(reverse("outreach:cancel", args=[twice.pk]), {"reason": "lagi"}, follow=True)
    assert "Sosialisasi ini sudah dibatalkan." in again.content.decode()
    assert OutreachEvent.objects.get(pk=twice.pk).cancellation_reason == "Tercatat dua kali"


def test_only_held_events_count_as_outreach(tuban):
    planned(district="35.23.12")
    planned(district="35.23.18", day=datetime.date(2026, 2, 1)).cancel(reason="Hujan deras")
    OutreachEvent.objects.create(
        held_on=datetime.date(2026, 3, 1), district_id="35.23.05", venue="Balai", participant_count=10
    )
    coverage = coverage_of(District.objects.filter(regency=tuban))
    dates = {row.district.code: row.outreach_dates for row in coverage.rows}
    assert dates["35.23.12"] == [] and dates["35.23.18"] == []
    assert dates["35.23.05"] == [datetime.date(2026, 3, 1)]


def test_order_in_year_counts_held_events_only(client_for, tuban_staff, tuban):
    planned(day=datetime.date(2026, 1, 5))
    held = OutreachEvent.objects.create(
        held_on=datetime.date(2026, 2, 1), district_id="35.23.12", venue="Balai", participant_count=10
    )
    assert OutreachEvent.objects.with_order_in_year().get(pk=held.pk).order_in_year == 1


def test_dashboard_lists_kecamatan_without_outreach_with_their_plans(client_for, tuban_staff, tuban):
    planned(district="35.23.12", day=datetime.date(2026, 4, 15))
    planned(district="35.23.12", day=datetime.date(2026, 5, 2))
    OutreachEvent.objects.create(
        held_on=datetime.date(2026, 3, 1), district_id="35.23.18", venue="Balai", participant_count=10
    )
    planned(district="35.23.18", day=datetime.date(2026, 6, 1))  # Palang had outreach already: not listed
    response = client_for(tuban_staff).get(reverse("home"))
    items = response.context["without_outreach"]
    assert items[0].district.code == "35.23.12"
    assert [e.held_on for e in items[0].planned] == [datetime.date(2026, 4, 15), datetime.date(2026, 5, 2)]
    assert "35.23.18" not in {item.district.code for item in items}
    assert all(not item.planned for item in items[1:])
    page = response.content.decode()
    assert "rencana 15 Apr 2026" in page and "belum direncanakan" in page


def test_planned_events_export_as_an_escaped_folded_ics(client_for, tuban_staff, palang_admin, tuban):
    event = planned(
        venue="Balai Desa Beji; lantai 2, ruang \\rapat\\",
        village_id="35.23.12.2009",
        notes="Bawa proyektor, " * 20,
    )
    planned(district="35.23.18", day=datetime.date(2026, 5, 2))
    OutreachEvent.objects.create(
        held_on=datetime.date(2026, 3, 1), district_id="35.23.05", venue="Balai", participant_count=10
    )
    response = client_for(tuban_staff).get(reverse("outreach:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    # RFC 5545: CRLF line ends, no line longer than 75 octets.
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\\;" in raw and b"\\," in raw and b"\\\\" in raw
    calendar = Calendar.from_ical(raw)
    items = calendar.walk("VEVENT")
    assert len(items) == 2
    first = next(item for item in items if str(item["uid"]).startswith(str(event.pk)))
    assert first.decoded("dtstart") == datetime.date(2026, 4, 15)
    assert str(first["location"]).startswith("Balai Desa Beji; lantai 2, ruang \\rapat\\, Desa Beji")
    assert str(first["summary"]) == "Sosialisasi KIM Kecamatan Jenu"
    assert "Bawa proyektor" in str(first["description"])
    # Scoped: the Palang admin sees only Palang's plan.
    scoped = Calendar.from_ical(client_for(palang_admin).get(reverse("outreach:calendar")).content)
    assert [str(item["summary"]) for item in scoped.walk("VEVENT")] == ["Sosialisasi KIM Kecamatan Palang"]


def test_wrong_methods_get_405(client_for, tuban_staff, tuban):
    event = planned()
    client = client_for(tuban_staff)
    assert client.post(reverse("outreach:calendar")).status_code == 405
    assert client.put(reverse("outreach:cancel", args=[event.pk])).status_code == 405
    assert client.put(reverse("outreach:record", args=[event.pk])).status_code == 405


@pytest.mark.parametrize(("who", "status"), [("jenu_admin", 403), ("province_viewer", 403), ("lamongan_staff", 404)])
def test_only_the_regency_staff_record_or_cancel(request, client_for, who, status, tuban):
    event = planned()
    client = client_for(request.getfixturevalue(who))
    assert (
        client.post(reverse("outreach:cancel", args=[event.pk]), {"reason": "Tidak jadi sama sekali"}).status_code
        == status
    )
    data = {**plan_data(held_on="2026-03-01"), "participant_count": 9}
    assert client.post(reverse("outreach:record", args=[event.pk]), data).status_code == status
    event.refresh_from_db()
    assert event.status == "rencana"
