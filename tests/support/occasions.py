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


def make_programme(
    events: int = 60, *, days: int = 3, rooms: int = 8, slug: str = "programme"
) -> Occasion:
    """An occasion of `events` published side events over `days` days in `rooms` rooms,
    each with 4–6 items and 3–6 people (the issue's scale: 60 × 3 × 8). Rooms are
    filled day by day, two-hour slots from 09:00, so no room is booked twice."""
    from datetime import timedelta

    from agenda.models import AgendaItem, Event, EventOrganisation, Participation
    from speakers.models import Organisation, Person

    from .builders import local

    occasion = make_occasion(
        name=f"Programme {slug}",
        slug=slug,
        starts_on=date(2030, 5, 6),
        ends_on=date(2030, 5, 6 + days - 1),
    )
    venue = Venue.objects.create(name=f"Centre {slug}", city="Vienna", country="Austria")
    room_rows = Room.objects.bulk_create(
        Room(venue=venue, name=f"Room {n + 1}", building="C") for n in range(rooms)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {slug} {n}", slug=f"organisation-{slug}-{n}")
        for n in range(10)
    )
    rows = []
    for n in range(events):
        day, room, slot = n % days, (n // days) % rooms, n // (days * rooms)
        start = local(2030, 5, 6 + day, 9, 0) + timedelta(hours=2 * slot)
        rows.append(
            Event(
                title=f"Side event {n + 1}",
                slug=f"{slug}-event-{n + 1}",
                status=Event.Status.PUBLISHED,
                start=start,
                end=start + timedelta(minutes=90),
                time_zone="Europe/Vienna",
                occasion_ref=occasion,
                occasion=occasion.name,
                room_ref=room_rows[room],
                room=room_rows[room].name,
                building="C",
                city="Vienna",
                country="Austria",
            )
        )
    created = Event.objects.bulk_create(rows)
    EventOrganisation.objects.bulk_create(
        EventOrganisation(event=e, organisation=organisations[n % 10], role="organiser")
        for n, e in enumerate(created)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(event=e, position=i, title=f"Item {i + 1}", minutes=15)
        for n, e in enumerate(created)
        for i in range(4 + n % 3)
    )
    people = Person.objects.bulk_create(
        Person(full_name=f"Person {slug} {n}-{p}", slug=f"{slug}-person-{n}-{p}")
        for n in range(events)
        for p in range(3 + n % 4)
    )
    by_event: dict[int, list] = {}
    for item in items:
        by_event.setdefault(item.event_id, []).append(item)
    participations, cursor = [], 0
    for n, event in enumerate(created):
        mine = people[cursor : cursor + 3 + n % 4]
        cursor += len(mine)
        event_items = by_event[event.pk]
        participations += [
            Participation(
                agenda_item=event_items[p % len(event_items)], person=person, role="speaker"
            )
            for p, person in enumerate(mine)
        ]
    Participation.objects.bulk_create(participations)
    return occasion
