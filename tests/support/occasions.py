"""Builders for occasions, venues and rooms."""

import itertools
from datetime import date

from agenda.models import Occasion, Room, Venue

_counter = itertools.count(1)


def make_occasion(**overrides) -> Occasion:
    n = next(_counter)
    fields = {
        "name": f"Session {n}",
        "slug": f"session-{n}",
        "status": Occasion.Status.PUBLISHED,
        "starts_on": date(2030, 5, 6),
        "ends_on": date(2030, 5, 8),
        "time_zone": "Europe/Vienna",
        "city": "Vienna",
        "country": "Austria",
    }
    fields.update(overrides)
    occasion = Occasion(**fields)
    occasion.full_clean()
    occasion.save()
    return occasion


def make_room(
    *,
    name: str | None = None,
    building: str = "",
    venue_name: str = "VIC",
    city: str = "Vienna",
    country: str = "Austria",
) -> Room:
    venue, _ = Venue.objects.get_or_create(name=venue_name, city=city, country=country)
    return Room.objects.create(
        venue=venue, name=name or f"Room {next(_counter)}", building=building
    )
