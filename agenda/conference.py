"""Schedules for conference apps (Giggity, ConfClerk, Fosdem-style apps): pure functions.

`schedule_xml()` writes the frab/pentabarf `schedule.xml` and `schedule_json()`
the c3voc `schedule.json`; both are checked in the tests against the schemas
in `tests/schemas/`. Each agenda item is a talk ("event" in frab's words) with
its stored UUID as `guid`, so apps keep favourites across updates. Times are
the event's local times with their UTC offset; an event that runs over several
days (in its own zone) gets one <day> per date.

Under /fr/ and /es/ the words the site adds (tracks, roles) are in that language,
and each talk's `language` is the one its title is in (`agenda.text_languages`):
the original's until the organisers translate it.

A talk's public documents (agenda.hooks.documents, absolute URLs) are its
`attachments` (uploaded files, with their type) and `links` (external links);
each carries its kind ("slides", "paper") as `type`. An occasion's schedule
(occasion_conference) carries none. The keys are left out of
the JSON when a talk has none, so schedules without documents stay as they were.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import get_language

from . import hooks, labels, participants, site_urls
from .schedule import Slot
from .text_languages import language_of

if TYPE_CHECKING:
    from .models import Event

GENERATOR = "eventsite"
GENERATOR_VERSION = "0.1.0"
# frab's grid: the resolution apps lay the day out on.
TIMESLOT = "00:05"
# Characters XML 1.0 does not allow (C0 controls other than tab, LF, CR).
_JSON_ZONE_NAME = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Day:
    index: int  # 1-based
    date: str  # ISO date in the event's zone
    start: datetime  # local, aware
    end: datetime
    slots: list[Slot]


def acronym(event: Event) -> str:
    """A short id both schemas accept: lower case, digits and underscores."""
    value = re.sub(r"[^a-z0-9_]", "_", event.slug.lower())
    if len(value) < 4:
        value = f"{value}_{event.start.year}"
    return value


def days(event: Event, slots: list[Slot]) -> list[Day]:
    """One day per local date the event covers; each item on the date it starts."""
    zone = event.zone
    start, end = event.start.astimezone(zone), event.end.astimezone(zone)
    result = []
    current = start.date()
    index = 1
    while current <= end.date():
        midnight = datetime.combine(current, time(), tzinfo=zone)
        next_midnight = datetime.combine(current + timedelta(days=1), time(), tzinfo=zone)
        day_slots = [s for s in slots if s.start.astimezone(zone).date() == current]
        result.append(
            Day(
                index=index,
                date=current.isoformat(),
                start=max(start, midnight).astimezone(zone),
                end=min(end, next_midnight).astimezone(zone),
                slots=day_slots,
            )
        )
        current += timedelta(days=1)
        index += 1
    if end.time() == time() and len(result) > 1 and not result[-1].slots:
        result.pop()  # an event that ends at midnight has no day after it
    return result


def schedule_xml(event: Event, *, base_url: str | None = None, url: str | None = None) -> bytes:
    """frab's schedule.xml, UTF-8."""
    base = site_urls.base(base_url)
    slots = event.build_schedule().slots
    documents = hooks.documents_by_item(event, base)
    room_name = _room_name(event)
    shared = _Shared(event, base)
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR, version=GENERATOR_VERSION)
    if url:
        _text(root, "url", url)
    _text(root, "version", version(event))
    conference = ET.SubElement(root, "conference")
    _text(conference, "title", event.title)
    _text(conference, "acronym", acronym(event))
    _text(conference, "start", _local(event, event.start).isoformat())
    _text(conference, "end", _local(event, event.end).isoformat())
    event_days = days(event, slots)
    _text(conference, "days", str(len(event_days)))
    _text(conference, "timeslot_duration", TIMESLOT)
    _text(conference, "base_url", base + "/")
    _text(conference, "url", base + event.get_absolute_url())
    _text(conference, "time_zone_name", event.time_zone)
    for day in event_days:
        day_element = ET.SubElement(
            root,
            "day",
            index=str(day.index),
            date=day.date,
            start=day.start.isoformat(),
            end=day.end.isoformat(),
        )
        room = ET.SubElement(day_element, "room", name=room_name, guid=str(room_guid(event)))
        for slot in day.slots:
            _xml_talk(
                room,
                event,
                slot,
                room_name=room_name,
                base=base,
                shared=shared,
                documents=documents.get(slot.payload.pk, []),
            )
    return xml_bytes(root)


def xml_bytes(root: ET.Element) -> bytes:
    """What `ET.indent(root)` then `ET.tostring(root, encoding="utf-8",
    xml_declaration=True)` give, and a newline: the same bytes, written in one pass
    without ElementTree's general serialiser (namespaces, comments, QNames: none here),
    and without changing `root`."""
    parts = ["<?xml version='1.0' encoding='utf-8'?>\n"]
    _xml_element(root, "\n", parts)
    if root.tail:
        parts.append(_xml_escape(root.tail))
    parts.append("\n")
    return "".join(parts).encode("utf-8", "xmlcharrefreplace")


def _xml_escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#09;",
    }
)


def _xml_element(element: ET.Element, newline: str, parts: list[str]) -> None:
    # `newline`: a line break and the indentation of the element's own line, which
    # ET.indent() gives the text before its first child and the tail of its last.
    tag = element.tag
    opening = "<" + tag
    for name, value in element.items():
        opening += f' {name}="{value.translate(_ATTRIBUTE_ESCAPES)}"'
    text = element.text
    children = list(element)
    if children:
        inner = newline + "  "
        if not text or not text.strip():
            text = inner
        parts.append(opening + ">" + _xml_escape(text))
        last = len(children) - 1
        for index, child in enumerate(children):
            _xml_element(child, inner, parts)
            tail = child.tail
            if not tail or not tail.strip():
                tail = newline if index == last else inner
            parts.append(_xml_escape(tail))
        parts.append("</" + tag + ">")
    elif text:
        parts.append(opening + ">" + _xml_escape(text) + "</" + tag + ">")
    else:
        parts.append(opening + " />")


def _xml_talk(
    room: ET.Element,
    event: Event,
    slot: Slot,
    *,
    room_name: str,
    base: str,
    shared: _Shared | None = None,
    documents: Sequence[hooks.Document] = (),
) -> None:
    shared = shared or _Shared(event, base)
    item = slot.payload
    title, description = item.title, item.description  # each translated text read once
    start = _local(event, slot.start)
    talk = ET.SubElement(room, "event", guid=str(item.uid), id=str(item.pk))
    _text(talk, "room", room_name)
    _text(talk, "title", title)
    _text(talk, "subtitle", "")
    _text(talk, "type", item.kind)
    _text(talk, "date", start.isoformat())
    _text(talk, "start", _clock(start))
    _text(talk, "duration", duration(slot))
    _text(talk, "abstract", description)
    _text(talk, "slug", talk_slug(slot, event_acronym=shared.acronym, title=title))
    _text(talk, "track", labels.kind(item, language=shared.words))
    persons = ET.SubElement(talk, "persons")
    for participation in item.participations.all():
        person = participation.person
        _text(
            persons,
            "person",
            person.display_name,
            id=str(person.pk),
            guid=str(person_guid(person, base)),
        )
    _text(talk, "language", language_of(item, "title", shared.language))
    _text(talk, "description", _talk_description(item, description, shared.words))
    links = ET.SubElement(talk, "links")
    files = [d for d in documents if d.content_type]
    for document in documents:
        if not document.content_type:
            _text(links, "link", document.title, href=document.url, type=_reference_type(document))
    if files:
        attachments = ET.SubElement(talk, "attachments")
        for document in files:
            _text(
                attachments,
                "attachment",
                document.title,
                href=document.url,
                type=_reference_type(document),
            )
    _text(talk, "url", shared.url)


def schedule_json(event: Event, *, base_url: str | None = None, url: str | None = None) -> dict:
    """The c3voc schedule.json as a dict (serialise with `json_bytes`)."""
    base = site_urls.base(base_url)
    slots = event.build_schedule().slots
    documents = hooks.documents_by_item(event, base)
    room_name = _room_name(event)
    shared = _Shared(event, base)
    event_days = []
    for day in days(event, slots):
        event_days.append(
            {
                "index": day.index,
                "date": day.date,
                "day_start": day.start.isoformat(),
                "day_end": day.end.isoformat(),
                "rooms": {
                    room_name: [
                        _json_talk(
                            event,
                            slot,
                            room_name=room_name,
                            base=base,
                            shared=shared,
                            documents=documents.get(slot.payload.pk, []),
                        )
                        for slot in day.slots
                    ]
                },
            }
        )
    conference = {
        "acronym": acronym(event),
        "title": event.title,
        "start": _local(event, event.start).isoformat(),
        "end": _local(event, event.end).isoformat(),
        "daysCount": len(event_days),
        "timeslot_duration": TIMESLOT,
        "url": base + event.get_absolute_url(),
        "rooms": [{"name": room_name, "guid": str(room_guid(event))}],
        "days": event_days,
    }
    if _JSON_ZONE_NAME.match(event.time_zone):  # the schema's pattern; the field is optional
        conference["time_zone_name"] = event.time_zone
    if event.occasion:
        conference["description"] = event.occasion
    document: dict[str, Any] = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR, "version": GENERATOR_VERSION},
        "schedule": {"version": version(event), "base_url": base + "/", "conference": conference},
    }
    if url:
        document["schedule"]["url"] = url
    return document


def _json_talk(
    event: Event,
    slot: Slot,
    *,
    room_name: str,
    base: str,
    shared: _Shared | None = None,
    documents: Sequence[hooks.Document] = (),
) -> dict:
    shared = shared or _Shared(event, base)
    item = slot.payload
    title, description = item.title, item.description  # each translated text read once
    start = _local(event, slot.start)
    talk = {
        "guid": str(item.uid),
        "id": item.pk,
        "date": start.isoformat(),
        "start": _clock(start),
        "end": _local(event, slot.end).isoformat(),
        "duration": duration(slot),
        "room": room_name,
        "slug": talk_slug(slot, event_acronym=shared.acronym, title=title),
        "url": shared.url,
        "title": title,
        "subtitle": None,
        "track": labels.kind(item, language=shared.words),
        "type": item.kind,
        "language": language_of(item, "title", shared.language),
        "abstract": description or None,
        "description": _talk_description(item, description, shared.words) or None,
        "persons": [
            {
                "guid": str(person_guid(p.person, base)),
                "name": p.person.display_name,
                "public_name": p.person.display_name,
            }
            for p in item.participations.all()
        ],
        "links": [_reference(d) for d in documents if not d.content_type],
    }
    files = [_reference(d) for d in documents if d.content_type]
    if files:
        talk["attachments"] = files
    return talk


# The schema's kinds of reference; a document of another kind is "related".
_REFERENCE_TYPES = {"slides", "paper"}


def _reference_type(document: hooks.Document) -> str:
    return document.kind if document.kind in _REFERENCE_TYPES else "related"


def _reference(document: hooks.Document) -> dict:
    return {"type": _reference_type(document), "url": document.url, "title": document.title}


def json_bytes(document: Any) -> bytes:
    """`json.dumps(document, ensure_ascii=False, indent=2)` as UTF-8, and a newline.

    The same bytes, written without json's pure-Python indenting encoder (the C one
    does not indent): a 200-item schedule.json spent as long in json.dumps as in
    building its dict. Anything but str keys, strings, ints, None, booleans, lists and
    dicts is left to json.dumps itself (floats, and its errors).
    """
    parts: list[str] = []
    try:
        _json_value(document, "\n", parts)
    except _NotPlain:
        return json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n"
    parts.append("\n")
    return "".join(parts).encode()


class _NotPlain(Exception):
    """A value `json_bytes` leaves to json.dumps."""


_json_string = json.encoder.encode_basestring  # the C encoder's, ensure_ascii=False


def _json_value(value: Any, newline: str, parts: list[str]) -> None:
    # `newline`: a line break and the indentation of the line the value is on.
    kind = type(value)
    if kind is str:
        parts.append(_json_string(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, member in value.items():
            if type(key) is not str:
                raise _NotPlain
            parts.append(separator + _json_string(key) + ": ")
            _json_value(member, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for member in value:
            parts.append(separator)
            _json_value(member, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(int.__repr__(value))
    else:
        raise _NotPlain


# ---------------------------------------------------------------------------
# Values shared by both formats


def version(event: Event) -> str:
    """Changes whenever anything the schedule shows changes (apps compare it)."""
    return f"{event.sequence}.{event.updated_at.strftime('%Y%m%d%H%M%S')}"


def duration(slot: Slot) -> str:
    minutes = max(0, int((slot.end - slot.start).total_seconds() // 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def talk_slug(slot: Slot, *, event_acronym: str, title: str | None = None) -> str:
    """'<acronym>-<nn>-<title>': what the schema's slug patterns accept (`title`: the
    item's, when the caller has read it already)."""
    slug = slugify(slot.payload.title if title is None else title) or "item"
    return f"{event_acronym}-{slot.index + 1:02d}-{slug}"


def room_guid(event: Event) -> uuid.UUID:
    return uuid.uuid5(event.uid, f"room:{_room_name(event)}")


def person_guid(person, base: str) -> uuid.UUID:
    """Stable per person and site (no e-mail: those are private)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, base + person.get_absolute_url())


def _talk_description(item, description: str, language: str | None) -> str:
    lines = participants.lines(item, language=language)
    if description:
        lines += ["", description] if lines else [description]
    return "\n".join(lines)


def _clock(local: datetime) -> str:
    """strftime("%H:%M"), which the schemas ask for in every language."""
    return f"{local.hour:02d}:{local.minute:02d}"


class _Shared:
    """What every talk of one export repeats, worked out once (not once per talk)."""

    def __init__(self, event: Event, base: str):
        self.acronym = acronym(event)
        self.words = get_language()  # the site's words (tracks, roles) are in it
        self.language = self.words or settings.LANGUAGE_CODE  # of this export
        self.url = base + event.get_absolute_url()  # a talk links to its event's page


def _room_name(event: Event) -> str:
    return event.room or event.building or event.city or "Venue"


def _local(event: Event, moment: datetime) -> datetime:
    return moment.astimezone(event.zone)


def _text(parent: ET.Element, tag: str, value: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = _XML_ILLEGAL.sub("", value or "")
    return element
