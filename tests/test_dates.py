"""Dates read the same way on every page: '1 Desember 2026', '1 Des 2026' in tables.

Never an ISO date ('2027-05-02') or Django's dotted abbreviation ('1 Des. 2026') in the text people
read; machine exports (CSV, JSON open data) stay ISO and are not pages.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from decrees.models import Decree
from districts.models import ActivityType, RegencyRules
from kimtrack.dates import long_date, short_date
from outreach.models import OutreachEvent
from tests.factories import DecreeFactory, KimFactory

DAY = datetime.date(2026, 12, 1)
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DOTTED = re.compile(r"\b(Jan|Feb|Mar|Apr|Mei|May|Jun|Jul|Agu|Aug|Sep|Okt|Oct|Nov|Des|Dec)\.")
LONG, SHORT = "1 Desember 2026", "1 Des 2026"


class _Text(HTMLParser):
    """The text a reader sees: tag contents outside <script> and <style>, and title/aria labels."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html):
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(autouse=True)
def _the_day_after():
    with time_machine.travel(datetime.datetime(2026, 12, 2, 2, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def world(tuban, beji, jenu, jenu_admin, tuban_staff):
    kim = KimFactory(name="KIM Beji Sejahtera", village=beji, founded_on=DAY, created_by=jenu_admin)
    verified = DecreeFactory(
        kim=kim,
        status=Decree.Status.VERIFIED,
        number="141/27/414.403.05/2026",
        signed_on=DAY,
        term_start=DAY,
        term_end=datetime.date(2031, 11, 30),
        uploaded_by=jenu_admin,
        created_at=datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC),
    )
    pending = DecreeFactory(
        kim=KimFactory(name="KIM Jenu Mandiri", district=jenu, level="kecamatan"),
        signed_on=DAY,
        term_start=DAY,
        term_end=datetime.date(2031, 11, 30),
        uploaded_by=jenu_admin,
        created_at=datetime.datetime(2026, 12, 1, 4, 0, tzinfo=datetime.UTC),
    )
    RegencyRules.for_regency(tuban)
    activity = Activity.objects.create(
        kim=kim,
        date=DAY,
        type=ActivityType.objects.filter(regency=tuban).first(),
        title="Diseminasi cek fakta",
        recorded_by=jenu_admin,
    )
    held = OutreachEvent.objects.create(held_on=DAY, district=jenu, venue="Balai Desa Beji", participant_count=30)
    planned = OutreachEvent.objects.create(
        status=OutreachEvent.Status.PLANNED, held_on=datetime.date(2027, 5, 2), district=jenu, venue="Pendopo"
    )
    return {
        "kim": kim,
        "verified": verified,
        "pending": pending,
        "activity": activity,
        "held": held,
        "planned": planned,
    }


PAGES = {
    # name: (who, url, the forms that must appear)
    "dashboard": ("tuban_staff", lambda w: reverse("home"), [SHORT]),
    "kecamatan_home": ("jenu_admin", lambda w: reverse("home"), []),
    "kim_list": ("tuban_staff", lambda w: reverse("districts:kim_list"), [SHORT]),
    "kim_detail": ("jenu_admin", lambda w: w["kim"].get_absolute_url(), [LONG, SHORT]),
    "district_detail": ("tuban_staff", lambda w: reverse("districts:district_detail", args=["35.23.12"]), []),
    "sk_detail": ("tuban_staff", lambda w: w["verified"].get_absolute_url(), [LONG]),
    "queue": ("tuban_staff", lambda w: reverse("decrees:queue"), [SHORT]),
    "sk_search": ("tuban_staff", lambda w: reverse("decrees:search") + "?q=KIM", [SHORT]),
    "outreach_list": ("tuban_staff", lambda w: reverse("outreach:list"), ["1 Desember 2026", "2 Mei 2027"]),
    "outreach_detail": ("tuban_staff", lambda w: w["held"].get_absolute_url(), [LONG]),
    "outreach_planned": ("tuban_staff", lambda w: w["planned"].get_absolute_url(), ["2 Mei 2027"]),
    "activity": ("jenu_admin", lambda w: w["activity"].get_absolute_url(), [LONG]),
    "funnel": ("tuban_staff", lambda w: reverse("funnel"), []),
    "public": (None, lambda w: reverse("public_page"), [SHORT]),
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_show_dates_as_people_write_them(request, client_for, anon_client, world, name):
    who, url, expected = PAGES[name]
    client = client_for(request.getfixturevalue(who)) if who else anon_client
    response = client.get(url(world))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert not ISO.findall(text), f"ISO dates on {name}: {ISO.findall(text)}"
    assert not DOTTED.findall(text), f"dotted month on {name}: {DOTTED.findall(text)}"
    for form in expected:
        assert form in text, f"{form!r} not on {name}"


def test_english_pages_put_the_day_first_too(client_for, jenu_admin, world):
    jenu_admin.language = "en"
    jenu_admin.save()
    text = visible_text(client_for(jenu_admin).get(world["kim"].get_absolute_url()).content.decode())
    assert "1 December 2026" in text and "1 Dec 2026" in text
    assert not ISO.findall(text) and not DOTTED.findall(text)


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [("id", "31 Agustus 2022", "31 Agu 2022"), ("en", "31 August 2022", "31 Aug 2022")],
)
def test_python_side_dates_follow_the_same_formats(language, long, short):
    with translation.override(language):
        assert long_date(datetime.date(2022, 8, 31)) == long
        assert short_date(datetime.date(2022, 8, 31)) == short


@pytest.mark.parametrize("typed", ["2026-12-01", "01/12/2026", "1/12/2026", "01-12-2026"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_hand_typed_dates_are_read_day_first(language, typed):
    from django import forms

    with translation.override(language):
        assert forms.DateField().clean(typed) == DAY


def test_messages_built_in_python_name_dates_in_words(world):
    assert "1 Desember 2026" in str(world["held"]) and "2 Mei 2027" in str(world["planned"])
