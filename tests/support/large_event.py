"""A large event built the same way every time: fixed UUIDs, slugs and times.

`make_large_event(items=200)` gives the golden-output tests (and the benchmark
when it wants real-looking text) an agenda of any size whose exports are the
same bytes on every run and on both databases. Its texts exercise what the
writers must get right at scale: commas and semicolons to escape, non-ASCII
text and lines long enough to fold, shared people and organisations (JSON-LD
refers to them), breaks without people. The day stays in one UTC offset.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from agenda.models import AgendaItem, Contact, Event, EventOrganisation, Participation
from speakers.models import Organisation, Person

from .builders import local

LARGE_SLUG = "large-event-golden"
PEOPLE = 40
ORGANISATIONS = 5
KINDS = [
    AgendaItem.Kind.REMARKS,
    AgendaItem.Kind.PANEL,
    AgendaItem.Kind.DISCUSSION,
    AgendaItem.Kind.OTHER,
    AgendaItem.Kind.BREAK,
]
ROLES = [
    Participation.Role.SPEAKER,
    Participation.Role.PANELIST,
    Participation.Role.MODERATOR,
    Participation.Role.CHAIR,
]


def fixed_uuid(kind: int, n: int) -> uuid.UUID:
    """Kind 1: the event, 2: items."""
    return uuid.UUID(int=(kind << 64) + n)


def item_uid(n: int) -> uuid.UUID:
    """The UUID of the large event's item at position n (from 0)."""
    return fixed_uuid(2, n)


def make_large_event(items: int = 200, *, slug: str = LARGE_SLUG) -> Event:
    start = local(2030, 5, 6, 8, 0)
    event = Event(
        uid=fixed_uuid(1, items),
        title=f"Large event: {items} items, commas, semicolons; and “quotes”",
        slug=slug,
        status=Event.Status.PUBLISHED,
        start=start,
        end=start + timedelta(minutes=items * 4 + 30),
        time_zone="Europe/Vienna",
        room="Board Room B; 2nd floor",
        building="Vienna International Centre",
        city="Vienna",
        country="Austria",
        latitude="48.234567",
        longitude="16.416789",
        context="Why the event is held, in *Markdown*.",
        objectives="What the event should produce, with commas, and semicolons; too.",
    )
    event.full_clean()
    event.save()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {n} für Zusammenarbeit, Forschung; und Entwicklung",
            acronym=f"ORG{n}",
            url=f"https://org{n}.example.org/",
            slug=f"org{n}",
        )
        for n in range(ORGANISATIONS)
    )
    EventOrganisation.objects.bulk_create(
        EventOrganisation(
            event=event,
            organisation=organisation,
            role=EventOrganisation.Role.ORGANISER if n == 0 else EventOrganisation.Role.CO_HOST,
            position=n,
        )
        for n, organisation in enumerate(organisations[:2])
    )
    Contact.objects.create(
        event=event, name="Ana Müller-Lüdenscheidt", email="ana@example.org", position=0
    )
    people = Person.objects.bulk_create(
        Person(
            honorific="Dr" if n % 3 == 0 else "",
            full_name=f"Speaker {n:02d} Ñúñez-Østergaard",
            slug=f"large-speaker-{n:02d}",
            position=f"Head of Unit {n}, Department of Long Titles",
            organisation=organisations[n % ORGANISATIONS],
        )
        for n in range(PEOPLE)
    )
    created = AgendaItem.objects.bulk_create(
        AgendaItem(
            uid=item_uid(n),
            event=event,
            position=n,
            title=f"Item {n + 1}: a title long enough to fold, with a comma, a semicolon; ünïcödé",
            kind=KINDS[n % len(KINDS)],
            minutes=4 if n % 7 else 3,
            description=(
                ""
                if n % 4 == 0
                else f"Description of item {n + 1}.\nA second line, with commas; and — dashes."
            ),
        )
        for n in range(items)
    )
    Participation.objects.bulk_create(
        Participation(
            agenda_item=item,
            person=people[(n * 2 + j) % PEOPLE],
            role=ROLES[(n + j) % len(ROLES)],
            presentation_title=f"Talk {n + 1}.{j + 1}" if j == 0 and n % 2 else "",
            position=j,
        )
        for n, item in enumerate(created)
        if item.kind != AgendaItem.Kind.BREAK
        for j in range(2)
    )
    return event
