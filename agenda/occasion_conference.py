"""schedule.xml (frab) and schedule.json (c3voc) for a whole occasion: pure functions.

The same talks as each event's own schedule (agenda/conference.py: every
agenda item, its UUID as guid), laid out with one <day> per date in the
occasion's zone and, in each day, one <room> per room of the occasion (a
room with nothing that day is listed empty, so apps keep their columns).
A talk's room is its event's (`occasion_selectors.room_label`).
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, time, timedelta
from typing import Any

from . import conference
from .models import Event, Occasion
from .schedule import Slot


def acronym(occasion: Occasion) -> str:
    value = re.sub(r"[^a-z0-9_]", "_", occasion.slug.lower())
    return value if len(value) >= 4 else f"{value}_{occasion.starts_on.year}"


def version(occasion: Occasion, events: list[Event]) -> str:
    latest = max([occasion.updated_at, *(e.updated_at for e in events)])
    return f"{sum(e.sequence for e in events)}.{latest.strftime('%Y%m%d%H%M%S')}"


def room_guid(occasion: Occasion, name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"occasion:{occasion.slug}:room:{name}")


def _layout(occasion: Occasion, events: list[Event], room_of):
    """[(date, day start, day end, {room: [(event, slot)]})], rooms in name order."""
    zone = occasion.zone
    talks: list[tuple[Event, Slot, str]] = []
    for event in events:
        talks += [(event, slot, room_of(event)) for slot in event.build_schedule().slots]
    rooms = sorted({room for _e, _s, room in talks} or {"Venue"}, key=str.casefold)
    result = []
    day = occasion.starts_on
    while day <= occasion.ends_on:
        start = datetime.combine(day, time(), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
        by_room: dict[str, list[tuple[Event, Slot]]] = {room: [] for room in rooms}
        for event, slot, room in sorted(talks, key=lambda t: (t[1].start, t[0].pk, t[1].index)):
            if slot.start.astimezone(zone).date() == day:
                by_room[room].append((event, slot))
        result.append((day, start, end, by_room))
        day += timedelta(days=1)
    return rooms, result


def schedule_xml(occasion: Occasion, events: list[Event], *, room_of, base: str, url: str) -> bytes:
    zone = occasion.zone
    rooms, layout = _layout(occasion, events, room_of)
    root = ET.Element("schedule")
    ET.SubElement(
        root, "generator", name=conference.GENERATOR, version=conference.GENERATOR_VERSION
    )
    conference._text(root, "url", url)
    conference._text(root, "version", version(occasion, events))
    head = ET.SubElement(root, "conference")
    conference._text(head, "title", occasion.name)
    conference._text(head, "acronym", acronym(occasion))
    conference._text(head, "start", layout[0][1].isoformat())
    conference._text(head, "end", layout[-1][2].astimezone(zone).isoformat())
    conference._text(head, "days", str(len(layout)))
    conference._text(head, "timeslot_duration", conference.TIMESLOT)
    conference._text(head, "base_url", base + "/")
    conference._text(head, "url", base + occasion.get_absolute_url())
    conference._text(head, "time_zone_name", occasion.time_zone)
    for index, (day, start, end, by_room) in enumerate(layout, start=1):
        day_element = ET.SubElement(
            root,
            "day",
            index=str(index),
            date=day.isoformat(),
            start=start.isoformat(),
            end=end.astimezone(zone).isoformat(),
        )
        for room in rooms:
            room_element = ET.SubElement(
                day_element, "room", name=room, guid=str(room_guid(occasion, room))
            )
            for event, slot in by_room[room]:
                conference._xml_talk(room_element, event, slot, room_name=room, base=base)
    return conference.xml_bytes(root)


def schedule_json(occasion: Occasion, events: list[Event], *, room_of, base: str, url: str) -> dict:
    zone = occasion.zone
    rooms, layout = _layout(occasion, events, room_of)
    days = [
        {
            "index": index,
            "date": day.isoformat(),
            "day_start": start.isoformat(),
            "day_end": end.astimezone(zone).isoformat(),
            "rooms": {
                room: [
                    conference._json_talk(event, slot, room_name=room, base=base)
                    for event, slot in by_room[room]
                ]
                for room in rooms
            },
        }
        for index, (day, start, end, by_room) in enumerate(layout, start=1)
    ]
    head: dict[str, Any] = {
        "acronym": acronym(occasion),
        "title": occasion.name,
        "start": layout[0][1].isoformat(),
        "end": layout[-1][2].astimezone(zone).isoformat(),
        "daysCount": len(days),
        "timeslot_duration": conference.TIMESLOT,
        "url": base + occasion.get_absolute_url(),
        "rooms": [{"name": room, "guid": str(room_guid(occasion, room))} for room in rooms],
        "days": days,
    }
    if conference._JSON_ZONE_NAME.match(occasion.time_zone):
        head["time_zone_name"] = occasion.time_zone
    if occasion.theme:
        head["description"] = occasion.theme
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": conference.GENERATOR, "version": conference.GENERATOR_VERSION},
        "schedule": {
            "version": version(occasion, events),
            "base_url": base + "/",
            "url": url,
            "conference": head,
        },
    }
