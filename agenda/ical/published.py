"""The public .ics files of one event as bytes, written fast.

`agenda_ics()`, `item_ics()` and `event_ics()` give byte for byte what
`to_ics()` of `calendars.agenda_calendar()`, `item_calendar()` and
`event_calendar()` give (those stay the reference, and the tests compare them),
without building one icalendar component per item:

* what every item's VEVENT shares (DTSTAMP, SEQUENCE, the place and status, the
  parent, the ORGANIZER, CREATED, LAST-MODIFIED, the event's URL) is written
  once per request, by icalendar itself, from one template VEVENT;
* each item adds its own UID, SUMMARY, DTSTART, DTEND, DESCRIPTION,
  CATEGORIES and its talks' ATTACH lines, in icalendar's order of properties;
* the VCALENDAR around them and its VTIMEZONE are icalendar's, and every line
  is folded by `writer.fold()`.

Takes events loaded with `Event.objects.with_agenda()`, like `calendars`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import icalendar
from django.utils import timezone as django_timezone
from django.utils.translation import get_language

from agenda import labels, site_urls
from agenda.schedule import Slot

from . import calendars, writer
from .timezones import local_time, utc

if TYPE_CHECKING:
    from agenda.models import Event

_END = b"END:VCALENDAR\r\n"
_OWN = ("UID", "SUMMARY", "DTSTART", "DTEND", "DESCRIPTION", "CATEGORIES", "ATTACH")


def event_ics(event: Event, *, base_url: str | None = None, now: datetime | None = None) -> bytes:
    """METHOD:PUBLISH with one VEVENT for the whole event."""
    return writer.serialise(calendars.event_calendar(event, base_url=base_url, now=now))


def agenda_ics(event: Event, *, base_url: str | None = None, now: datetime | None = None) -> bytes:
    """METHOD:PUBLISH with one VEVENT per agenda item."""
    return _calendar(event, event.build_schedule().slots, base_url=base_url, now=now)


def item_ics(
    event: Event, item_uid, *, base_url: str | None = None, now: datetime | None = None
) -> bytes | None:
    """One agenda item as its own calendar; None if the event has no such item."""
    for slot in event.build_schedule().slots:
        if str(slot.payload.uid) == str(item_uid):
            return _calendar(event, [slot], base_url=base_url, now=now)
    return None


def _calendar(
    event: Event, slots: Sequence[Slot], *, base_url: str | None, now: datetime | None
) -> bytes:
    items = _ItemWriter(event, base_url=base_url, now=now or django_timezone.now())
    vevents = [items.vevent(slot) for slot in slots]
    spans = {}
    if items.written:
        spans[event.time_zone] = (min(items.written), max(items.written))
    head = writer.serialise(calendars.build_calendar([], method=calendars.PUBLISH, spans=spans))
    return head[: -len(_END)] + b"".join(vevents) + _END


class _ItemWriter:
    """An item's VEVENT: the shared lines computed once, its own lines per item."""

    def __init__(self, event: Event, *, base_url: str | None, now: datetime):
        self.event = event
        self.event_title = event.title  # a translated text: read once, not per item
        self.url = site_urls.event_url(event, base_url)
        self.template = icalendar.Event()
        self.template.add("dtstamp", utc(now))
        self.template.add("sequence", event.sequence)
        self.languages = languages = calendars.Languages()
        self.words = get_language()  # the site's words (CATEGORIES) are in it
        calendars.add_shared_item_properties(
            self.template, event, url=self.url, languages=languages
        )
        self.shared: dict[str, list[str]] = {}
        for name, value in self.template.property_items()[1:-1]:  # not BEGIN, END
            self.shared.setdefault(name, []).append(self.template.content_line(name, value))
        self.texts = calendars.ItemTexts(event, url=self.url)
        self.documents = calendars.documents_by_item(event, base_url)
        self.written: list[datetime] = []  # times written with the event's TZID

    def vevent(self, slot: Slot) -> bytes:
        item = slot.payload
        languages = self.languages
        own: dict[str, str | list[str]] = {
            "UID": _uid_line(item.calendar_uid),
            "SUMMARY": _text_line(
                "SUMMARY",
                calendars.item_summary(self.event, item, event_title=self.event_title),
                languages.of_summary(self.event, item),
            ),
            "DTSTART": self._time("DTSTART", slot.start),
            "DESCRIPTION": _text_line(
                "DESCRIPTION",
                calendars.ical_text(self.texts.of(slot)),
                languages.of_item(self.event, item),
            ),
            "CATEGORIES": _categories(labels.kind(item, language=self.words), languages.language),
        }
        if slot.end > slot.start:
            own["DTEND"] = self._time("DTEND", slot.end)
        attach = _attach_lines(self.documents.get(item.pk, ()))
        if attach:
            own["ATTACH"] = attach
        lines = ["BEGIN:VEVENT"]
        for name in _order(tuple(own), tuple(self.shared)):
            value = own.get(name)
            if value is None:
                lines += self.shared[name]
            else:
                lines += value if isinstance(value, list) else [value]
        lines.append("END:VEVENT")
        return writer.lines(lines)

    def _time(self, name: str, moment: datetime) -> str:
        local = local_time(moment, self.event.time_zone)
        key = getattr(local.tzinfo, "key", None)
        if key is not None:
            self.written.append(local)
            if _PLAIN_PARAMETER.fullmatch(key):  # else icalendar quotes it
                return f"{name};TZID={key}:{_stamp(local)}"
        elif local.utcoffset() == timedelta(0):
            return f"{name}:{_stamp(local)}Z"
        return self.template.content_line(name, icalendar.vDDDTypes(local))


# What icalendar writes for these, without its component model (the tests compare).
_PLAIN_PARAMETER = re.compile(r"[A-Za-z0-9_+/-]+")
_ESCAPED_BY_ICALENDAR = re.compile(r"[\\;,\r\n]")


def _stamp(local: datetime) -> str:
    """icalendar's DATE-TIME form: seconds, no fraction."""
    return (
        f"{local.year:04d}{local.month:02d}{local.day:02d}"
        f"T{local.hour:02d}{local.minute:02d}{local.second:02d}"
    )


def _text_line(name: str, value: str, parameters: dict[str, str]) -> str:
    # A language tag (RFC 5646) needs no quoting.
    name += "".join(f";{key}={tag}" for key, tag in parameters.items())
    return f"{name}:{writer.escape_text(str(value))}"


def _uid_line(uid: str) -> str:
    if _ESCAPED_BY_ICALENDAR.search(uid):
        return icalendar.Event().content_line("UID", icalendar.vText(uid))
    return f"UID:{uid}"


def _attach_lines(documents) -> list[str]:
    if not documents:
        return []
    vevent = icalendar.Event()
    calendars.add_documents(vevent, documents)
    return [vevent.content_line(name, value) for name, value in vevent.property_items()[1:-1]]


@functools.lru_cache(maxsize=64)
def _categories(label: str, language: str) -> str:
    category = icalendar.vCategory([label])
    category.params.update(calendars.Languages(language).interface)
    return icalendar.Event().content_line("CATEGORIES", category)


@functools.lru_cache(maxsize=16)
def _order(own: tuple[str, ...], shared: tuple[str, ...]) -> list[str]:
    """The VEVENT's properties in the order icalendar writes them."""
    return icalendar.caselessdict.canonsort_keys(
        [*own, *(n for n in shared if n not in _OWN)], icalendar.Event.canonical_order
    )
