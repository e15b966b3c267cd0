"""Planned outreach as an iCalendar (RFC 5545) file; the icalendar library escapes user text and folds lines."""

import datetime

from django.utils import timezone, translation
from icalendar import Calendar, Event

PRODID = "-//Diskominfo//KIMTrack//ID"


def planned_ics(events, *, request):
    """One all-day VEVENT per planned event, addressed by its UUID so calendar apps update rather than duplicate."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Rencana sosialisasi KIM")
    stamp = timezone.now()
    with translation.override("id"):
        for event in events:
            item = Event()
            item.add("uid", f"{event.pk}@kimtrack")
            item.add("dtstamp", stamp)
            item.add("dtstart", event.held_on)
            item.add("dtend", event.held_on + datetime.timedelta(days=1))
            item.add("summary", f"Sosialisasi KIM Kecamatan {event.district.display_name}")
            where = event.venue
            if event.village:
                where = f"{where}, {event.village.get_kind_display()} {event.village.display_name}"
            item.add("location", f"{where}, Kecamatan {event.district.display_name}")
            lines = [line for line in (event.speakers.strip(), event.notes.strip()) if line]
            url = request.build_absolute_uri(event.get_absolute_url())
            item.add("description", "\n".join([*lines, url]))
            item.add("url", url)
            item.add("status", "TENTATIVE")
            calendar.add_component(item)
    return calendar.to_ical()
