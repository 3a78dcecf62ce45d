"""The occasion and room of an event in the event file (agenda/interchange.py).

The file carries them as two optional top-level objects, `occasion` and
`room` (with its `venue`), so files written before occasions existed still
import. On import an occasion is found by its web address and a room by venue
(name, city, country), building and name; what exists is reused and never
overwritten, like people and organisations.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from .occasion_models import Occasion, Room, Venue

OCCASION_FIELDS = ("name", "slug", "status", "theme", "description", "time_zone", "city", "country")
VENUE_FIELDS = ("name", "city", "country")
ROOM_FIELDS = ("name", "building", "capacity", "accessibility_note")


class PlaceError(Exception):
    """An error in the file's occasion or room; the message names the place."""


def export_places(event) -> dict[str, Any]:
    occasion, room = event.occasion_ref, event.room_ref
    return {
        "occasion": None
        if occasion is None
        else {
            **{name: getattr(occasion, name) for name in OCCASION_FIELDS},
            "starts_on": occasion.starts_on.isoformat(),
            "ends_on": occasion.ends_on.isoformat(),
            "parent": occasion.parent.slug if occasion.parent_id else None,
        },
        "room": None
        if room is None
        else {
            **{name: getattr(room, name) for name in ROOM_FIELDS},
            "venue": {name: getattr(room.venue, name) for name in VENUE_FIELDS},
        },
    }


def _clean(instance, where: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        details = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
        raise PlaceError(f"{where}: {details}") from error


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise PlaceError(f"{where}: “{value}” is not a date such as 2017-09-04.") from error


def _required(mapping: dict, key: str, where: str) -> Any:
    if key not in mapping:
        raise PlaceError(f"{where}: the field “{key}” is missing.")
    return mapping[key]


def import_occasion(data: Any) -> Occasion | None:
    if not data:
        return None
    if not isinstance(data, dict):
        raise PlaceError("occasion: must be an object.")
    slug = _required(data, "slug", "occasion")
    existing = Occasion.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    occasion = Occasion(
        **{name: data.get(name, "") for name in OCCASION_FIELDS},
        starts_on=_date(_required(data, "starts_on", "occasion"), "occasion.starts_on"),
        ends_on=_date(_required(data, "ends_on", "occasion"), "occasion.ends_on"),
        parent=Occasion.objects.filter(slug=data.get("parent") or "").first(),
    )
    occasion.status = occasion.status or Occasion.Status.DRAFT
    _clean(occasion, "occasion")
    occasion.save()
    return occasion


def import_room(data: Any) -> Room | None:
    if not data:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("venue"), dict):
        raise PlaceError("room: must be an object with a “venue” object.")
    venue_fields = {name: data["venue"].get(name, "") for name in VENUE_FIELDS}
    venue = Venue.objects.filter(**venue_fields).first()
    if venue is None:
        venue = Venue(**venue_fields)
        _clean(venue, "room.venue")
        venue.save()
    keys = {"name": _required(data, "name", "room"), "building": data.get("building", "")}
    room = Room.objects.filter(venue=venue, **keys).first()
    if room is None:
        room = Room(
            venue=venue,
            **keys,
            capacity=data.get("capacity"),
            accessibility_note=data.get("accessibility_note", ""),
        )
        _clean(room, "room")
        room.save()
    return room
