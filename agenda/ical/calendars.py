"""iCalendar (RFC 5545) for events and their agenda items: pure functions, no HTTP.

Everything here takes events that were loaded with `Event.objects.with_agenda()`
and returns `icalendar` objects; `to_ics()` turns one into bytes. The views in
`agenda/export_views.py` only wrap these in responses, and the registration e-mails can
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
  libical all read the same way: see `timezones.vtimezone()`. A local time that occurs
  twice (the repeated hour when clocks go back) cannot be told apart with a
  TZID, so such a time is written in UTC instead.
* An event with an online meeting link carries it as CONFERENCE (RFC 7986,
  VALUE=URI with FEATURE and LABEL), on the event's and every item's VEVENT.
* The event's public documents (agenda.hooks.documents) are ATTACH URIs, absolute,
  with FMTTYPE for an uploaded file (none for an external link): the event's own
  on the event's VEVENT in its .ics, a talk's slides on its item's VEVENT in the
  detailed agenda. Invitations and the feed carry none (one query per event).
* A PUBLISH never carries ATTENDEE (RFC 5546); the ORGANIZER is the event's
  first contact, with CN.
* Organisers' texts are written as typed, except what RFC 5545 TEXT cannot hold:
  control characters other than TAB are dropped and CR LF or a lone CR is a
  line break (`ical_text()`). No text can add a property or a component.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import icalendar
from django.conf import settings
from django.utils import timezone as django_timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from agenda import hooks, labels, participants, site_urls, timefmt
from agenda.schedule import Slot
from agenda.summary import minutes_label
from agenda.text_languages import language_of, original_language

from . import writer
from .timezones import local_time, utc, vtimezone, zone_spans

if TYPE_CHECKING:
    from agenda.models import AgendaItem, Event


PRODID = "-//eventsite//eventsite calendar exports//EN"
FEED_NAME = gettext_lazy("eventsite: all events")
FEED_DESCRIPTION = gettext_lazy("Every published event, with cancellations, updated in place.")
# How often a subscribed client should look for changes (RFC 7986 and the
# older X-PUBLISHED-TTL that Outlook and Apple Calendar read).
REFRESH_INTERVAL = timedelta(hours=12)

PUBLISH = "PUBLISH"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = (PUBLISH, REQUEST, CANCEL)
CONFERENCE_LABEL = gettext_lazy("Join online")


class Languages:
    """The LANGUAGE parameters (RFC 5545 3.2.10) of one export, decided once.

    Output in the site's default language (English) carries none: every text in
    it is the original, so its files stay byte for byte as they were. French and
    Spanish output label each text with the language it is in: an organiser's
    text is in the export's language only when it was translated (`language_of`),
    else in the original; the site's own words (CATEGORIES, the meeting link's
    LABEL, a feed's name) are in the export's language.
    """

    def __init__(self, language: str | None = None):
        self.language = language or get_language() or settings.LANGUAGE_CODE
        labelled = self.language != settings.LANGUAGE_CODE
        self.labelled = labelled
        self.interface: dict[str, str] = {"LANGUAGE": self.language} if labelled else {}

    def of(self, obj: object, field_name: str) -> dict[str, str]:
        """The parameters of the property that shows `obj.<field_name>`."""
        if not self.labelled:
            return {}
        return {"LANGUAGE": language_of(obj, field_name, self.language)}

    def of_all(self, texts: Iterable[tuple[object, str]]) -> dict[str, str]:
        """A property made of several organisers' texts (`(obj, field_name)`, empty ones
        left out): in the export's language only when every one of them is."""
        if not self.labelled:
            return {}
        translated = all(
            language_of(obj, name, self.language) == self.language
            for obj, name in texts
            if getattr(obj, name)
        )
        return {"LANGUAGE": self.language if translated else original_language()}

    def of_agenda(self, slots: Sequence[Slot]) -> dict[str, str]:
        """The event's DESCRIPTION: the titles of the items it lists."""
        return self.of_all((slot.payload, "title") for slot in slots)

    def of_summary(self, event: Event, item: AgendaItem) -> dict[str, str]:
        """An item's SUMMARY: its title and the event's."""
        return self.of_all([(item, "title"), (event, "title")])

    def of_item(self, event: Event, item: AgendaItem) -> dict[str, str]:
        """An item's DESCRIPTION: its title, its description and the event's title."""
        return self.of_all([(item, "title"), (item, "description"), (event, "title")])


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
    documents = event_documents(event, base_url)
    return build_calendar(
        [event_component(event, base_url=base_url, now=now, documents=documents)],
        method=PUBLISH,
    )


def event_documents(event: Event, base_url: str | None = None) -> list[hooks.Document]:
    """The event's own public documents (not a talk's)."""
    return [d for d in hooks.documents(event, site_urls.base(base_url)) if d.item_pk is None]


def documents_by_item(event: Event, base_url: str | None = None) -> dict[int, list]:
    """The talks' public documents by the pk of their agenda item."""
    return hooks.documents_by_item(event, site_urls.base(base_url))


def add_documents(vevent: icalendar.Event, documents: Iterable[hooks.Document]) -> None:
    for document in documents:
        parameters = {"FMTTYPE": document.content_type} if document.content_type else {}
        vevent.add("attach", icalendar.vUri(document.url), parameters=parameters)


def agenda_calendar(
    event: Event, *, base_url: str | None = None, now: datetime | None = None
) -> icalendar.Calendar:
    """METHOD:PUBLISH with one VEVENT per agenda item (breaks and remarks included)."""
    now = now or django_timezone.now()
    slots = event.build_schedule().slots
    by_item = documents_by_item(event, base_url)
    return build_calendar(
        [
            item_component(
                event,
                slot,
                base_url=base_url,
                now=now,
                documents=by_item.get(slot.payload.pk, ()),
            )
            for slot in slots
        ],
        method=PUBLISH,
    )


def item_calendar(
    event: Event, item_uid, *, base_url: str | None = None, now: datetime | None = None
) -> icalendar.Calendar | None:
    """One agenda item as its own calendar; None if the event has no such item."""
    for slot in event.build_schedule().slots:
        if str(slot.payload.uid) == str(item_uid):
            documents = documents_by_item(event, base_url).get(slot.payload.pk, ())
            return build_calendar(
                [item_component(event, slot, base_url=base_url, now=now, documents=documents)],
                method=PUBLISH,
            )
    return None


def feed_calendar(
    events: Iterable[Event],
    *,
    base_url: str | None = None,
    now: datetime | None = None,
    name: str | Promise = FEED_NAME,
    description: str | Promise = FEED_DESCRIPTION,
    feed_url: str | None = None,
    name_parameters: dict[str, str] | None = None,
    description_parameters: dict[str, str] | None = None,
) -> icalendar.Calendar:
    """The subscription feed: one VEVENT per event (pass published and cancelled ones).
    `name_parameters` and `description_parameters` label the name and the description
    (default: the site's words; the description's default is the name's)."""
    base = site_urls.base(base_url)
    now = now or django_timezone.now()
    languages = Languages()
    components = [
        event_component(event, base_url=base, now=now, languages=languages) for event in events
    ]
    return _subscription(
        components,
        base,
        name=str(name),
        description=str(description),
        feed_url=feed_url,
        name_parameters=languages.interface if name_parameters is None else name_parameters,
        description_parameters=description_parameters,
    )


def items_feed_calendar(
    appearances: Iterable[tuple[Event, Slot]],
    *,
    name: str,
    description: str,
    base_url: str | None = None,
    now: datetime | None = None,
    feed_url: str | None = None,
) -> icalendar.Calendar:
    """A subscription feed of agenda items (one person's), each as in its event's agenda.ics."""
    base = site_urls.base(base_url)
    now = now or django_timezone.now()
    languages = Languages()
    components = [
        item_component(event, slot, base_url=base, now=now, languages=languages)
        for event, slot in appearances
    ]
    return _subscription(
        components,
        base,
        name=name,
        description=description,
        feed_url=feed_url,
        name_parameters=languages.interface,
    )


def _subscription(
    components: list[icalendar.Event],
    base: str,
    *,
    name: str,
    description: str,
    feed_url: str | None,
    name_parameters: dict[str, str],
    description_parameters: dict[str, str] | None = None,
) -> icalendar.Calendar:
    calendar = build_calendar(
        components,
        method=PUBLISH,
        name=name,
        description=description,
        name_parameters=name_parameters,
        description_parameters=description_parameters,
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
    """An iTIP (RFC 5546) invitation to e-mail: METHOD:REQUEST, or CANCEL.

    A CANCEL of a cancelled event carries STATUS:CANCELLED; a CANCEL of an
    event that goes ahead uninvites only its attendees and carries no STATUS
    (RFC 5546 3.2.5). The UID is the public .ics's, so a calendar that already
    holds the event updates it. `sequence` defaults to the event's; an
    attendee's own cancellation may pass a higher one.
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
    """The calendar as UTF-8 bytes: CRLF line ends, lines folded at 75 octets
    (what `calendar.to_ical()` gives, folded faster)."""
    return writer.serialise(calendar)


def build_calendar(
    components: Iterable[icalendar.Event],
    *,
    method: str = PUBLISH,
    name: str | None = None,
    description: str | None = None,
    spans: dict[str, tuple[datetime, datetime]] | None = None,
    name_parameters: dict[str, str] | None = None,
    description_parameters: dict[str, str] | None = None,
) -> icalendar.Calendar:
    """A VCALENDAR around VEVENTs, with a VTIMEZONE for every zone their times use
    (`spans`: the zones of VEVENTs written elsewhere, see `published`).
    `name_parameters` (LANGUAGE) go on NAME and, unless `description_parameters` are
    given, on DESCRIPTION; never on the X-WR- ones."""
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}.")
    components = list(components)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("name", ical_text(name), parameters=name_parameters or {})
        calendar.add("x-wr-calname", ical_text(name))
    if description:
        if description_parameters is None:
            description_parameters = name_parameters
        calendar.add("description", ical_text(description), parameters=description_parameters or {})
        calendar.add("x-wr-caldesc", ical_text(description))
    # VTIMEZONEs first: some readers (vobject) resolve a TZID when they meet it.
    for zone_name, (first, last) in sorted((spans or zone_spans(components)).items()):
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
    documents: Sequence[hooks.Document] = (),
    languages: Languages | None = None,
) -> icalendar.Event:
    """The VEVENT for the whole event; its DESCRIPTION is the agenda as plain text,
    labelled with the language of the items' titles it lists."""
    if method == PUBLISH and attendees:
        raise ValueError("RFC 5546: a PUBLISH carries no ATTENDEE.")
    languages = languages or Languages()
    url = site_urls.event_url(event, base_url)
    schedule = event.build_schedule()
    vevent = icalendar.Event()
    vevent.add("uid", event.calendar_uid)
    vevent.add("dtstamp", utc(now or django_timezone.now()))
    vevent.add("sequence", event.sequence if sequence is None else sequence)
    vevent.add("summary", ical_text(event.title), parameters=languages.of(event, "title"))
    _add_time(vevent, "dtstart", event.start, event.time_zone)
    _add_time(vevent, "dtend", event.end, event.time_zone)
    vevent.add(
        "description",
        ical_text(agenda_text(event, schedule.slots, url=url)),
        parameters=languages.of_agenda(schedule.slots),
    )
    _add_place_and_status(vevent, event, url=url, method=method, languages=languages)
    language = get_language()
    categories = _unique(labels.kind(slot.payload, language=language) for slot in schedule.slots)
    if categories:
        vevent.add("categories", categories, parameters=languages.interface)
    _add_people(vevent, event, organizer=organizer, attendees=attendees, method=method)
    add_documents(vevent, documents)
    vevent.add("created", utc(event.created_at))
    vevent.add("last-modified", utc(event.updated_at))
    return vevent


def item_component(
    event: Event,
    slot: Slot,
    *,
    base_url: str | None = None,
    now: datetime | None = None,
    documents: Sequence[hooks.Document] = (),
    languages: Languages | None = None,
) -> icalendar.Event:
    """A VEVENT for one agenda item at its computed time (always METHOD:PUBLISH)."""
    languages = languages or Languages()
    item: AgendaItem = slot.payload
    url = site_urls.event_url(event, base_url)
    vevent = icalendar.Event()
    vevent.add("uid", item.calendar_uid)
    vevent.add("dtstamp", utc(now or django_timezone.now()))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", item_summary(event, item), parameters=languages.of_summary(event, item))
    _add_time(vevent, "dtstart", slot.start, event.time_zone)
    if slot.end > slot.start:  # no DTEND: the item takes no time (RFC 5545 3.6.1)
        _add_time(vevent, "dtend", slot.end, event.time_zone)
    vevent.add(
        "description",
        ical_text(item_text(event, slot, url=url)),
        parameters=languages.of_item(event, item),
    )
    vevent.add("categories", [labels.kind(item)], parameters=languages.interface)
    add_documents(vevent, documents)
    add_shared_item_properties(vevent, event, url=url, languages=languages)
    return vevent


def item_summary(event: Event, item: AgendaItem, *, event_title: str | None = None) -> _Text:
    """'<item's title> – <event's title>' (`event_title`: the event's, read once by a
    caller that writes many items)."""
    return ical_text(f"{item.title} – {event.title if event_title is None else event_title}")


def add_shared_item_properties(
    vevent: icalendar.Event, event: Event, *, url: str, languages: Languages
) -> None:
    """What every item's VEVENT of one event carries alike (`published` writes it once)."""
    _add_place_and_status(vevent, event, url=url, method=PUBLISH, languages=languages)
    vevent.add("related-to", event.calendar_uid, parameters={"RELTYPE": "PARENT"})
    _add_people(vevent, event, organizer=None, attendees=(), method=PUBLISH)
    vevent.add("created", utc(event.created_at))
    vevent.add("last-modified", utc(event.updated_at))


def _add_place_and_status(
    vevent: icalendar.Event, event: Event, *, url: str, method: str, languages: Languages
) -> None:
    if event.venue:
        vevent.add("location", ical_text(event.venue), parameters=languages.of(event, "venue"))
    if event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))
    vevent.add("url", url)
    if event.online_link:
        # RFC 7986 5.11: how to join; FEATURE and LABEL tell clients what the link is.
        vevent.add(
            "conference",
            icalendar.vUri(event.online_link),
            parameters={
                "VALUE": "URI",
                "FEATURE": ["AUDIO", "VIDEO"],  # type: ignore[dict-item]
                "LABEL": str(CONFERENCE_LABEL),
                **languages.interface,
            },
        )
    status = _status(event, method)
    if status:
        vevent.add("status", status)
    vevent.add("class", "PUBLIC")
    vevent.add("transp", "OPAQUE")


def _status(event: Event, method: str) -> str | None:
    if event.is_cancelled:
        return "CANCELLED"
    if method == CANCEL:
        return None  # uninviting attendees of an event that goes ahead: no STATUS
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
        escaped = writer.escape_text(str(self))
        return escaped.encode(self.encoding)  # type: ignore[attr-defined]  # set by vText.__new__


def ical_text(value: str) -> _Text:
    """A property value as a calendar may carry it: see `_lines_of()`; also without
    U+FEFF at its start (icalendar's writer takes it for a byte-order mark)."""
    return _Text(_lines_of(value).lstrip("\ufeff"))


def agenda_text(event: Event, slots: Sequence[Slot], *, url: str) -> str:
    """The agenda as plain text: when and where, then each item's times, title and
    people with their roles, then the public URL."""
    zone = event.zone
    language = get_language()
    times = _SlotTimes(event, language)
    lines = []
    if event.is_cancelled:
        lines += [_("This event has been cancelled."), ""]
    lines.append(timefmt.time_slot(event.start, event.end, zone, language=language))
    if event.venue:
        lines.append(event.venue)
    if slots:
        lines += ["", _("Agenda")]
        for slot in slots:
            lines.append(f"{slot.number}. {times(slot)} {_title_with_budget(slot, language)}")
            lines += [f"   {line}" for line in participants.lines(slot.payload, language=language)]
    lines += ["", url]
    return _joined(lines)


def item_text(event: Event, slot: Slot, *, url: str) -> str:
    return ItemTexts(event, url=url).of(slot)


class ItemTexts:
    """`item_text()` for the items of one event: what they share is worked out once."""

    def __init__(self, event: Event, *, url: str):
        self.language = language = get_language()
        self.head = [_("This event has been cancelled."), ""] if event.is_cancelled else []
        tail = [
            "",
            _("Part of: %(event)s") % {"event": event.title},
            timefmt.time_slot(event.start, event.end, event.zone, language=language),
        ]
        if event.venue:
            tail.append(event.venue)
        self.tail = _joined([*tail, "", url])
        self.times = _SlotTimes(event, language)

    def of(self, slot: Slot) -> str:
        item = slot.payload
        language = self.language
        lines = [
            *self.head,
            f"{slot.number}. {self.times(slot)} {_title_with_budget(slot, language)}",
        ]
        lines += participants.lines(item, language=language)
        description = item.description  # a translated text: read once
        if description:
            lines += ["", description]
        return _joined(lines) + "\n" + self.tail


class _SlotTimes:
    """'13:15–13:22', with the date when the event spans days and the zone when it
    changes within the event (a night the clocks move)."""

    def __init__(self, event: Event, language: str | None):
        self.zone = zone = event.zone
        self.language = language
        self.spans_days = event.start.astimezone(zone).date() != event.end.astimezone(zone).date()
        self.labels_differ = timefmt.zone_label(event.start, zone) != timefmt.zone_label(
            event.end, zone
        )

    def show(self, moment: datetime) -> str:
        zone, language = self.zone, self.language
        local = moment.astimezone(zone)
        text = (
            timefmt.clock_labelled(local, zone, language=language)
            if self.labels_differ
            else timefmt.clock(local, zone, language=language)
        )
        if self.spans_days:
            text = f"{timefmt.short_date(local, zone, language=language)} {text}"
        return text

    def __call__(self, slot: Slot) -> str:
        if slot.end <= slot.start:
            return self.show(slot.start)
        return f"{self.show(slot.start)}–{self.show(slot.end)}"


def _title_with_budget(slot: Slot, language: str | None) -> str:
    title = slot.payload.title
    if slot.minutes:
        title += f" ({minutes_label(slot.minutes, language=language)})"
    return title


def _add_time(vevent: icalendar.Event, name: str, moment: datetime, zone_name: str) -> None:
    vevent.add(name, local_time(moment, zone_name))


# ---------------------------------------------------------------------------
# Small helpers


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
    "invitation_calendar",
    "item_calendar",
    "items_feed_calendar",
    "to_ics",
]
