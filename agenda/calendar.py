"""iCalendar (RFC 5545) for events and their agenda items: pure functions, no HTTP.

Everything here takes events that were loaded with `Event.objects.with_agenda()`
and returns `icalendar` objects; `to_ics()` turns one into bytes. The views in
`export_views.py` only wrap these in responses, and the registration e-mails can
build invitations with `invitation_calendar()` (METHOD:REQUEST or CANCEL).

What every calendar written here guarantees:

* UIDs are the stored UUIDs with the site's domain (`Event.calendar_uid`,
  `AgendaItem.calendar_uid`), so re-exports update entries instead of
  duplicating them. SEQUENCE is the event's stored counter, for the event and
  for each of its items (an item moves whenever the agenda before it changes).
* DTSTAMP is when the object was written; LAST-MODIFIED and CREATED come from
  the data.
* Times carry `TZID=<the event's IANA zone>` and the calendar holds a VTIMEZONE
  for each zone that Outlook, ical.js (Thunderbird), vobject/dateutil and
  libical all read the same way: see `vtimezone()`. A local time that occurs
  twice (the repeated hour when clocks go back) cannot be told apart with a
  TZID, so such a time is written in UTC instead.
* A PUBLISH never carries ATTENDEE (RFC 5546); the ORGANIZER is the event's
  first contact, with CN.
* Organisers' texts are written as typed, except what RFC 5545 TEXT cannot hold:
  control characters other than TAB are dropped and CR LF or a lone CR is a
  line break (`ical_text()`). No text can add a property or a component.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone as django_timezone

from . import timefmt
from .schedule import Slot

if TYPE_CHECKING:
    from .models import AgendaItem, Event

PRODID = "-//eventsite//eventsite calendar exports//EN"
FEED_NAME = "eventsite: all events"
FEED_DESCRIPTION = "Every published event, with cancellations, updated in place."
# How often a subscribed client should look for changes (RFC 7986 and the
# older X-PUBLISHED-TTL that Outlook and Apple Calendar read).
REFRESH_INTERVAL = timedelta(hours=12)

PUBLISH = "PUBLISH"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = (PUBLISH, REQUEST, CANCEL)

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_CALENDAR = "https://outlook.office.com/calendar/0/action/compose"

# Zones written as UTC ("...Z") rather than with a TZID and a VTIMEZONE.
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Zulu", "UCT", "Zulu", "Universal"})
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Attendee:
    """Someone invited by a REQUEST or CANCEL (never part of a PUBLISH)."""

    email: str
    name: str = ""
    partstat: str = "NEEDS-ACTION"
    rsvp: bool = True
    role: str = "REQ-PARTICIPANT"


@dataclass(frozen=True)
class Organizer:
    email: str
    name: str = ""


# ---------------------------------------------------------------------------
# Whole calendars


def event_calendar(
    event: Event, *, base_url: str | None = None, now: datetime | None = None
) -> icalendar.Calendar:
    """METHOD:PUBLISH with one VEVENT for the whole event."""
    return build_calendar([event_component(event, base_url=base_url, now=now)], method=PUBLISH)


def agenda_calendar(
    event: Event, *, base_url: str | None = None, now: datetime | None = None
) -> icalendar.Calendar:
    """METHOD:PUBLISH with one VEVENT per agenda item (breaks and remarks included)."""
    now = now or django_timezone.now()
    slots = event.build_schedule().slots
    return build_calendar(
        [item_component(event, slot, base_url=base_url, now=now) for slot in slots],
        method=PUBLISH,
    )


def item_calendar(
    event: Event, item_uid, *, base_url: str | None = None, now: datetime | None = None
) -> icalendar.Calendar | None:
    """One agenda item as its own calendar; None if the event has no such item."""
    for slot in event.build_schedule().slots:
        if str(slot.payload.uid) == str(item_uid):
            return build_calendar(
                [item_component(event, slot, base_url=base_url, now=now)], method=PUBLISH
            )
    return None


def feed_calendar(
    events: Iterable[Event],
    *,
    base_url: str | None = None,
    now: datetime | None = None,
    name: str = FEED_NAME,
    description: str = FEED_DESCRIPTION,
    feed_url: str | None = None,
) -> icalendar.Calendar:
    """The subscription feed: one VEVENT per event (pass published and cancelled ones)."""
    base = _base(base_url)
    now = now or django_timezone.now()
    calendar = build_calendar(
        [event_component(event, base_url=base, now=now) for event in events],
        method=PUBLISH,
        name=name,
        description=description,
    )
    calendar.add(
        "refresh-interval", icalendar.vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"}
    )
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    calendar.add("url", base + "/")
    if feed_url:
        calendar.add("source", feed_url)
    return calendar


def invitation_calendar(
    event: Event,
    *,
    method: str,
    attendees: Sequence[Attendee],
    organizer: Organizer | None = None,
    sequence: int | None = None,
    base_url: str | None = None,
    now: datetime | None = None,
) -> icalendar.Calendar:
    """An iTIP (RFC 5546) invitation to e-mail: METHOD:REQUEST, or CANCEL with STATUS:CANCELLED.

    The UID is the public .ics's, so a calendar that already holds the event
    updates it. `sequence` defaults to the event's; an attendee's own
    cancellation may pass a higher one.
    """
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"An invitation is a REQUEST or a CANCEL, not {method!r}.")
    if not attendees:
        raise ValueError(f"A {method} needs at least one attendee.")
    component = event_component(
        event,
        base_url=base_url,
        now=now,
        method=method,
        attendees=attendees,
        organizer=organizer,
        sequence=sequence,
    )
    return build_calendar([component], method=method)


def to_ics(calendar: icalendar.Calendar) -> bytes:
    """The calendar as UTF-8 bytes: CRLF line ends, lines folded at 75 octets."""
    return calendar.to_ical()


def build_calendar(
    components: Iterable[icalendar.Event],
    *,
    method: str = PUBLISH,
    name: str | None = None,
    description: str | None = None,
) -> icalendar.Calendar:
    """A VCALENDAR around VEVENTs, with a VTIMEZONE for every zone their times use."""
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}.")
    components = list(components)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("name", ical_text(name))
        calendar.add("x-wr-calname", ical_text(name))
    if description:
        calendar.add("description", ical_text(description))
        calendar.add("x-wr-caldesc", ical_text(description))
    # VTIMEZONEs first: some readers (vobject) resolve a TZID when they meet it.
    for zone_name, (first, last) in sorted(_zone_spans(components).items()):
        calendar.add_component(vtimezone(zone_name, first, last))
    for component in components:
        calendar.add_component(component)
    return calendar


# ---------------------------------------------------------------------------
# Components


def event_component(
    event: Event,
    *,
    base_url: str | None = None,
    now: datetime | None = None,
    method: str = PUBLISH,
    attendees: Sequence[Attendee] = (),
    organizer: Organizer | None = None,
    sequence: int | None = None,
) -> icalendar.Event:
    """The VEVENT for the whole event; its DESCRIPTION is the agenda as plain text."""
    if method == PUBLISH and attendees:
        raise ValueError("RFC 5546: a PUBLISH carries no ATTENDEE.")
    url = _event_url(event, base_url)
    schedule = event.build_schedule()
    vevent = icalendar.Event()
    vevent.add("uid", event.calendar_uid)
    vevent.add("dtstamp", _utc(now or django_timezone.now()))
    vevent.add("sequence", event.sequence if sequence is None else sequence)
    vevent.add("summary", ical_text(event.title))
    _add_time(vevent, "dtstart", event.start, event.time_zone)
    _add_time(vevent, "dtend", event.end, event.time_zone)
    vevent.add("description", ical_text(agenda_text(event, schedule.slots, url=url)))
    _add_place_and_status(vevent, event, url=url, method=method)
    categories = _unique(slot.payload.get_kind_display() for slot in schedule.slots)
    if categories:
        vevent.add("categories", categories)
    _add_people(vevent, event, organizer=organizer, attendees=attendees, method=method)
    vevent.add("created", _utc(event.created_at))
    vevent.add("last-modified", _utc(event.updated_at))
    return vevent


def item_component(
    event: Event,
    slot: Slot,
    *,
    base_url: str | None = None,
    now: datetime | None = None,
) -> icalendar.Event:
    """A VEVENT for one agenda item at its computed time (always METHOD:PUBLISH)."""
    item: AgendaItem = slot.payload
    url = _event_url(event, base_url)
    vevent = icalendar.Event()
    vevent.add("uid", item.calendar_uid)
    vevent.add("dtstamp", _utc(now or django_timezone.now()))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", ical_text(f"{item.title} – {event.title}"))
    _add_time(vevent, "dtstart", slot.start, event.time_zone)
    if slot.end > slot.start:  # no DTEND: the item takes no time (RFC 5545 3.6.1)
        _add_time(vevent, "dtend", slot.end, event.time_zone)
    vevent.add("description", ical_text(item_text(event, slot, url=url)))
    _add_place_and_status(vevent, event, url=url, method=PUBLISH)
    vevent.add("categories", [item.get_kind_display()])
    vevent.add("related-to", event.calendar_uid, parameters={"RELTYPE": "PARENT"})
    _add_people(vevent, event, organizer=None, attendees=(), method=PUBLISH)
    vevent.add("created", _utc(event.created_at))
    vevent.add("last-modified", _utc(event.updated_at))
    return vevent


def _add_place_and_status(vevent: icalendar.Event, event: Event, *, url: str, method: str) -> None:
    if event.venue:
        vevent.add("location", ical_text(event.venue))
    if event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))
    vevent.add("url", url)
    vevent.add("status", _status(event, method))
    vevent.add("class", "PUBLIC")
    vevent.add("transp", "OPAQUE")


def _status(event: Event, method: str) -> str:
    if method == CANCEL or event.is_cancelled:
        return "CANCELLED"
    if event.status == event.Status.DRAFT:
        return "TENTATIVE"  # only staff previews ever show a draft
    return "CONFIRMED"


def _add_people(
    vevent: icalendar.Event,
    event: Event,
    *,
    organizer: Organizer | None,
    attendees: Sequence[Attendee],
    method: str,
) -> None:
    organizer = organizer or first_contact(event)
    if organizer is not None:
        vevent.add("organizer", _address(organizer.email, organizer.name))
    elif method != PUBLISH:
        raise ValueError(f"A {method} needs an ORGANIZER: give the event a contact.")
    for attendee in attendees:
        address = _address(attendee.email, attendee.name)
        address.params["CUTYPE"] = "INDIVIDUAL"
        address.params["ROLE"] = attendee.role
        address.params["PARTSTAT"] = attendee.partstat
        address.params["RSVP"] = "TRUE" if attendee.rsvp else "FALSE"
        vevent.add("attendee", address)


def first_contact(event: Event) -> Organizer | None:
    contact = next(iter(event.contacts.all()), None)
    return Organizer(email=contact.email, name=contact.name) if contact else None


def _address(email: str, name: str) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{email}")
    # A parameter has no escape for a backslash and readers differ on what one
    # means there (icalendar reads `CN=\:` as an escaped colon); unquoted values
    # also lose their outer whitespace when read back (and a leading U+FEFF, see
    # `ical_text()`). Names need none of these.
    name = _NAME_EDGES.sub("", _lines_of(name).replace("\\", ""))
    if name:
        address.params["CN"] = name
    return address


# ---------------------------------------------------------------------------
# Plain text

# RFC 5545 3.3.11: TEXT holds no control character but TAB, and a line break is
# written as "\n". Organisers' texts can hold any (a pasted ESC, a form's CR LF).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_NAME_EDGES = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")


def _lines_of(value: str) -> str:
    """CR LF and lone CRs become LF; other control characters except TAB are dropped."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _joined(lines: list[str]) -> str:
    # Each line on its own: a text that ends in CR must not swallow the LF after it.
    return "\n".join(_lines_of(line) for line in lines)


class _Text(icalendar.vText):
    """TEXT escaped as RFC 5545 3.3.11 says and no more. icalendar's own escaping
    first turns a typed backslash and capital N (`\\Netzwerk`) into a line break."""

    def to_ical(self) -> bytes:
        escaped = (
            str(self)
            .replace("\\", "\\\\")
            .replace(";", "\\;")
            .replace(",", "\\,")
            .replace("\n", "\\n")
        )
        return escaped.encode(self.encoding)


def ical_text(value: str) -> _Text:
    """A property value as a calendar may carry it: see `_lines_of()`; also without
    U+FEFF at its start (icalendar's writer takes it for a byte-order mark)."""
    return _Text(_lines_of(value).lstrip("\ufeff"))


def agenda_text(event: Event, slots: Sequence[Slot], *, url: str) -> str:
    """The agenda as plain text: when and where, then each item's times, title and
    people with their roles, then the public URL."""
    zone = event.zone
    lines = []
    if event.is_cancelled:
        lines += ["This event has been cancelled.", ""]
    lines.append(timefmt.time_slot(event.start, event.end, zone))
    if event.venue:
        lines.append(event.venue)
    if slots:
        lines += ["", "Agenda"]
        for slot in slots:
            lines.append(f"{slot.number}. {_slot_times(event, slot)} {_title_with_budget(slot)}")
            lines += [f"   {line}" for line in _people_lines(slot.payload)]
    lines += ["", url]
    return _joined(lines)


def item_text(event: Event, slot: Slot, *, url: str) -> str:
    item = slot.payload
    lines = []
    if event.is_cancelled:
        lines += ["This event has been cancelled.", ""]
    lines.append(f"{slot.number}. {_slot_times(event, slot)} {_title_with_budget(slot)}")
    lines += _people_lines(item)
    if item.description:
        lines += ["", item.description]
    lines += ["", f"Part of: {event.title}", timefmt.time_slot(event.start, event.end, event.zone)]
    if event.venue:
        lines.append(event.venue)
    lines += ["", url]
    return _joined(lines)


def _slot_times(event: Event, slot: Slot) -> str:
    """'13:15–13:22', with the date when the event spans days and the zone when it
    changes within the event (a night the clocks move)."""
    zone = event.zone
    spans_days = event.start.astimezone(zone).date() != event.end.astimezone(zone).date()
    labels_differ = timefmt.zone_label(event.start, zone) != timefmt.zone_label(event.end, zone)

    def show(moment: datetime) -> str:
        text = (
            timefmt.clock_labelled(moment, zone) if labels_differ else timefmt.clock(moment, zone)
        )
        if spans_days:
            local = moment.astimezone(zone)
            text = f"{local:%a} {local.day} {local:%b} {text}"
        return text

    if slot.end <= slot.start:
        return show(slot.start)
    return f"{show(slot.start)}–{show(slot.end)}"


def _title_with_budget(slot: Slot) -> str:
    title = slot.payload.title
    if slot.minutes:
        title += f" ({slot.minutes} minute{'' if slot.minutes == 1 else 's'})"
    return title


def _people_lines(item: AgendaItem) -> list[str]:
    lines = []
    for participation in item.participations.all():
        person = participation.person
        line = f"{participation.get_role_display()}: {person.display_name}"
        if person.affiliation:
            line += f", {person.affiliation}"
        if participation.presentation_title:
            line += f": “{participation.presentation_title}”"
        lines.append(line)
    return lines


# ---------------------------------------------------------------------------
# Add-event links


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
    lines += [timefmt.time_slot(event.start, event.end, event.zone), _event_url(event, base_url)]
    return "\n".join(lines)


def _utc_basic(moment: datetime) -> str:
    return _utc(moment).strftime("%Y%m%dT%H%M%SZ")


def _utc_iso(moment: datetime) -> str:
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------
# Times and VTIMEZONEs


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("Calendar times must be aware datetimes.")
    return moment.astimezone(UTC)


def is_utc_zone(zone_name: str) -> bool:
    return zone_name in _UTC_NAMES


def local_time(moment: datetime, zone_name: str) -> datetime:
    """How a moment is written: local time in the zone (TZID), or UTC when the zone
    is UTC or the local time happens twice and a TZID could not tell which."""
    if is_utc_zone(zone_name):
        return _utc(moment)
    local = moment.astimezone(ZoneInfo(zone_name))
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return _utc(moment)  # the repeated hour when clocks go back
    return local


def _add_time(vevent: icalendar.Event, name: str, moment: datetime, zone_name: str) -> None:
    vevent.add(name, local_time(moment, zone_name))


def _zone_spans(components: Sequence[icalendar.Event]) -> dict[str, tuple[datetime, datetime]]:
    """Each TZID the components use, with the first and last local time written in it."""
    spans: dict[str, tuple[datetime, datetime]] = {}
    for component in components:
        for name in ("dtstart", "dtend"):
            prop = component.get(name)
            if prop is None:
                continue
            moment = prop.dt
            key = getattr(moment.tzinfo, "key", None)
            if not isinstance(moment, datetime) or key is None or is_utc_zone(key):
                continue
            first, last = spans.get(key, (moment, moment))
            spans[key] = (min(first, moment), max(last, moment))
    return spans


@dataclass(frozen=True)
class _Transition:
    at: datetime  # UTC
    offset_from: timedelta
    offset_to: timedelta
    name: str
    dst: bool

    @property
    def onset(self) -> datetime:
        """Naive local time of the change, on the clock before it (RFC 5545 3.6.5)."""
        return (self.at + self.offset_from).replace(tzinfo=None)


def vtimezone(zone_name: str, first: datetime, last: datetime) -> icalendar.Timezone:
    """A VTIMEZONE for `zone_name` that is right for every time from `first` to `last`.

    Where the zone followed one yearly rule through those years (and the year
    before), it is the form Outlook, Google and Apple write themselves: one
    STANDARD and one DAYLIGHT, each with `RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=…`,
    starting the year before `first`. A zone without changes in those years is
    one STANDARD. Otherwise each change in those years is its own observance
    with a single DTSTART. There are never comma-separated RDATE lists: ical.js
    and vobject read only their first date (the default `add_missing_timezones()`
    output puts a 2017 Vienna event at 12:15Z instead of 11:15Z).
    """
    zone = ZoneInfo(zone_name)
    first_year = first.astimezone(zone).year - 1
    last_year = last.astimezone(zone).year
    window_start = datetime(first_year, 1, 1, tzinfo=zone)
    transitions = [
        t
        for t in _transitions(
            zone, window_start - timedelta(days=2), datetime(last_year + 1, 1, 3, tzinfo=UTC)
        )
        if first_year <= t.onset.year <= last_year
    ]
    component = icalendar.Timezone()
    component.add("tzid", zone_name)
    component.add("x-lic-location", zone_name)

    if not transitions:
        local = window_start
        component.add_component(
            _observance(
                False,
                onset=local.replace(tzinfo=None),
                offset_from=local.utcoffset(),
                offset_to=local.utcoffset(),
                name=local.tzname(),
            )
        )
        return component

    rules = _yearly_rules(transitions, range(first_year, last_year + 1))
    if rules is not None:
        for transition, rrule, is_daylight in rules:
            component.add_component(
                _observance(
                    is_daylight,
                    onset=transition.onset,
                    offset_from=transition.offset_from,
                    offset_to=transition.offset_to,
                    name=transition.name,
                    rrule=rrule,
                )
            )
        return component

    # The rule changed within the years: the offset at the window's start, then
    # every change as its own observance.
    component.add_component(
        _observance(
            bool(window_start.dst()),
            onset=window_start.replace(tzinfo=None),
            offset_from=window_start.utcoffset(),
            offset_to=window_start.utcoffset(),
            name=window_start.tzname(),
        )
    )
    for transition in transitions:
        component.add_component(
            _observance(
                transition.dst,
                onset=transition.onset,
                offset_from=transition.offset_from,
                offset_to=transition.offset_to,
                name=transition.name,
            )
        )
    return component


def _observance(
    is_daylight: bool,
    *,
    onset: datetime,
    offset_from: timedelta,
    offset_to: timedelta,
    name: str | None,
    rrule: dict | None = None,
) -> icalendar.cal.Component:
    observance = icalendar.TimezoneDaylight() if is_daylight else icalendar.TimezoneStandard()
    observance.add("dtstart", onset)
    if rrule:
        observance.add("rrule", rrule)
    observance.add("tzoffsetfrom", offset_from)
    observance.add("tzoffsetto", offset_to)
    if name:
        observance.add("tzname", name)
    return observance


def _state(moment: datetime, zone: tzinfo) -> tuple[timedelta, str, bool]:
    local = moment.astimezone(zone)
    return local.utcoffset(), local.tzname() or "", bool(local.dst())


def _transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[_Transition]:
    """Every change of UTC offset or abbreviation between start and end.

    Scans a day at a time and bisects to the second; no zone changes twice in a day.
    """
    found = []
    cursor = _utc(start).replace(minute=0, second=0, microsecond=0)
    end = _utc(end)
    state = _state(cursor, zone)
    step = timedelta(days=1)
    while cursor < end:
        following = cursor + step
        following_state = _state(following, zone)
        if following_state[:2] != state[:2]:
            low, high = cursor, following  # state(low) = before, state(high) = after
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if _state(middle, zone)[:2] == state[:2]:
                    low = middle
                else:
                    high = middle
            offset, name, dst = _state(high, zone)
            found.append(_Transition(high, state[0], offset, name, dst))
            state = _state(high, zone)
            cursor = high
            continue
        cursor, state = following, following_state
    return found


def _yearly_rules(
    transitions: Sequence[_Transition], years: range
) -> list[tuple[_Transition, dict, bool]] | None:
    """Two yearly rules (one change into daylight time, one out of it) that give
    exactly these transitions in every one of `years`, or None."""
    groups: dict[tuple, list[_Transition]] = {}
    for transition in transitions:
        key = (transition.offset_from, transition.offset_to, transition.name)
        groups.setdefault(key, []).append(transition)
    if len(groups) != 2:
        return None
    rules = []
    for members in groups.values():
        if [t.onset.year for t in members] != list(years):
            return None
        rrule = _yearly_rule([t.onset for t in members])
        if rrule is None:
            return None
        rules.append((members[0], rrule))
    (a, _), (b, _) = rules
    if (a.offset_from, a.offset_to) != (b.offset_to, b.offset_from):
        return None  # not a back-and-forth pair
    daylight = a if a.offset_to > b.offset_to else b
    return [(t, rule, t is daylight) for t, rule in sorted(rules, key=lambda r: r[0].at)]


def _yearly_rule(onsets: Sequence[datetime]) -> dict | None:
    """`FREQ=YEARLY;BYMONTH=m;BYDAY=nXX` (n = 1..4, or -1 for the last) matching
    every onset, all at one local time; the Outlook-compatible form."""
    head = onsets[0]
    if any(
        (o.month, o.weekday(), o.time()) != (head.month, head.weekday(), head.time())
        for o in onsets
    ):
        return None
    nths = {(o.day - 1) // 7 + 1 for o in onsets}
    all_last = all(o.day + 7 > stdlib_calendar.monthrange(o.year, o.month)[1] for o in onsets)
    weekday = _WEEKDAYS[head.weekday()]
    if all_last and (len(nths) > 1 or max(nths) >= 4):
        byday = f"-1{weekday}"
    elif len(nths) == 1 and max(nths) <= 4:
        byday = f"{nths.pop()}{weekday}"
    else:
        return None
    return {"FREQ": "YEARLY", "BYMONTH": head.month, "BYDAY": byday}


# ---------------------------------------------------------------------------
# Small helpers


def _base(base_url: str | None) -> str:
    return (base_url or settings.EVENTSITE_BASE_URL).rstrip("/")


def _event_url(event: Event, base_url: str | None) -> str:
    return _base(base_url) + event.get_absolute_url()


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


__all__ = [
    "CANCEL",
    "PUBLISH",
    "REQUEST",
    "Attendee",
    "Organizer",
    "agenda_calendar",
    "build_calendar",
    "event_calendar",
    "feed_calendar",
    "google_calendar_url",
    "invitation_calendar",
    "item_calendar",
    "local_time",
    "outlook_calendar_url",
    "to_ics",
    "vtimezone",
]
