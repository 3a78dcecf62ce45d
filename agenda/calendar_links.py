"""Google Calendar's and Outlook on the web's "add to calendar" links for an event.

These are not iCalendar: each is a URL with the event's title, times (in UTC),
a short text and the venue in its query, every value URL-encoded; the
calendar service builds the entry itself. The .ics files are `agenda.ical`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from agenda import site_urls, timefmt
from agenda.ical.timezones import utc

if TYPE_CHECKING:
    from agenda.models import Event

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_CALENDAR = "https://outlook.office.com/calendar/0/action/compose"


def google_calendar_url(event: Event, *, base_url: str | None = None) -> str:
    """Google Calendar's add-event link, times in UTC, every value URL-encoded."""
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_utc_basic(event.start)}/{_utc_basic(event.end)}",
        "ctz": event.time_zone,
        "details": _link_details(event, base_url),
        "location": event.venue,
    }
    return f"{GOOGLE_CALENDAR}?{urlencode(params, quote_via=quote)}"


def outlook_calendar_url(event: Event, *, base_url: str | None = None) -> str:
    """Outlook on the web's add-event link, times in UTC, every value URL-encoded."""
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": _utc_iso(event.start),
        "enddt": _utc_iso(event.end),
        "allday": "false",
        "body": _link_details(event, base_url),
        "location": event.venue,
    }
    return f"{OUTLOOK_CALENDAR}?{urlencode(params, quote_via=quote)}"


def _link_details(event: Event, base_url: str | None) -> str:
    lines = []
    if event.is_cancelled:
        lines.append("This event has been cancelled.")
    lines += [
        timefmt.time_slot(event.start, event.end, event.zone),
        site_urls.event_url(event, base_url),
    ]
    return "\n".join(lines)


def _utc_basic(moment: datetime) -> str:
    return utc(moment).strftime("%Y%m%dT%H%M%SZ")


def _utc_iso(moment: datetime) -> str:
    return utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")
