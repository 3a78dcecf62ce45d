"""Clash checks against the database: which events and people clash with an event.

The rules are agenda/clashes.py's (pure); this module reads the rows they
need and words the result. Room clashes: another event that is not cancelled
(for publishing: another published event) in the same booked room at an
overlapping time. Person clashes: a person of the event on an item whose
computed time overlaps one of theirs in any event that is not cancelled.
Publishing refuses a room clash (agenda/publishing.py, the admin form);
everything else is a warning. `clashes_among()` marks an occasion's admin
timetable. Each check runs a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from . import timefmt
from .clashes import Appearance, Booking, Clash, person_clashes, room_clashes
from .models import AgendaItem, Event, Participation


def _booking(event: Event) -> Booking:
    return Booking(
        event=event.pk, room=event.room_ref_id, start=event.start, end=event.end, payload=event
    )


def _others_in_room(event: Event, *, published_only: bool) -> QuerySet[Event]:
    others = Event.objects.filter(
        room_ref_id=event.room_ref_id, start__lt=event.end, end__gt=event.start
    ).exclude(status=Event.Status.CANCELLED)
    if event.pk is not None:
        others = others.exclude(pk=event.pk)
    return others.published() if published_only else others


def room_clashes_of(event: Event, *, published_only: bool = False) -> list[Clash[Booking]]:
    """The events booked into `event`'s room at an overlapping time (one query)."""
    if event.room_ref_id is None or event.start is None or event.end is None:
        return []
    others = list(_others_in_room(event, published_only=published_only))
    mine = _booking(event)
    return [c for c in room_clashes([mine, *map(_booking, others)]) if mine in (c.first, c.second)]


def _when(event: Event) -> str:
    return timefmt.time_slot(event.start, event.end, event.zone)


def room_clash_messages(event: Event, *, published_only: bool = False) -> list[str]:
    room = event.room or (event.room_ref.name if event.room_ref else "")
    return [
        _room_clash_message(clash, room)
        for clash in room_clashes_of(event, published_only=published_only)
    ]


def _room_clash_message(clash: Clash[Booking], room: str) -> str:
    first, second = clash.first.payload, clash.second.payload
    return _(
        "Room clash: %(room)s is booked by “%(first)s” (%(first_when)s) and by "
        "“%(second)s” (%(second_when)s)."
    ) % {
        "room": room,
        "first": first.title,
        "first_when": _when(first),
        "second": second.title,
        "second_when": _when(second),
    }


def _with_people(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.prefetch_related(
        Prefetch(
            "items",
            queryset=AgendaItem.objects.prefetch_related(
                Prefetch("participations", queryset=Participation.objects.select_related("person"))
            ),
        )
    )


def appearances(events: Iterable[Event]) -> list[Appearance]:
    """Each person on each item, at the item's computed times (prefetched items)."""
    found = []
    for event in events:
        for slot in event.build_schedule().slots:
            item = slot.payload
            for participation in item.participations.all():
                found.append(
                    Appearance(
                        person=participation.person_id,
                        item=item.pk,
                        start=slot.start,
                        end=slot.end,
                        payload=(event, item, participation.person),
                    )
                )
    return found


def person_clashes_of(event: Event) -> list[Clash[Appearance]]:
    """Clashes of the people on `event`'s items with their other items (six queries)."""
    if event.pk is None:
        return []
    event = _with_people(Event.objects.filter(pk=event.pk)).get()
    mine = appearances([event])
    people: set[Any] = {a.person for a in mine}
    if not people:
        return []
    others = _with_people(
        Event.objects.filter(
            items__participations__person__in=people, start__lt=event.end, end__gt=event.start
        )
        .exclude(status=Event.Status.CANCELLED)
        .exclude(pk=event.pk)
        .distinct()
    )
    everyone = mine + [a for a in appearances(others) if a.person in people]
    return [
        c
        for c in person_clashes(everyone)
        if event.pk in (c.first.payload[0].pk, c.second.payload[0].pk)
    ]


def person_clash_messages(event: Event) -> list[str]:
    return [_person_clash_message(clash) for clash in person_clashes_of(event)]


def _person_clash_message(clash: Clash[Appearance]) -> str:
    (first_event, first_item, person), (second_event, second_item, _p) = (
        clash.first.payload,
        clash.second.payload,
    )
    return _(
        "%(person)s is due in two places at once: “%(first_item)s” in “%(first)s” "
        "(%(first_when)s) and “%(second_item)s” in “%(second)s” (%(second_when)s)."
    ) % {
        "person": person.display_name,
        "first_item": first_item.title,
        "first": first_event.title,
        "first_when": timefmt.time_slot(clash.first.start, clash.first.end, first_event.zone),
        "second_item": second_item.title,
        "second": second_event.title,
        "second_when": timefmt.time_slot(clash.second.start, clash.second.end, second_event.zone),
    }


def occasion_events_with_people(occasion) -> list[Event]:
    """The occasion's events that are not cancelled, drafts too, with their rooms,
    organisations and people (four queries), for its admin timetable."""
    events = (
        _with_people(
            Event.objects.filter(occasion_ref=occasion).exclude(status=Event.Status.CANCELLED)
        )
        .select_related("room_ref__venue")
        .prefetch_related("event_organisations")
        .order_by("start", "title", "pk")
    )
    return list(events)


def clashes_among(events: list[Event]) -> dict[int, list[str]]:
    """{event pk: its clash messages} for `events` (loaded by `occasion_events_with_people`):
    room clashes among them, and their people's clashes with any event that is not
    cancelled (three more queries when they have people, however many events)."""
    found: dict[int, list[str]] = {}

    def note(pks: Iterable[Any], message: str) -> None:
        for pk in dict.fromkeys(pks):
            if pk in mine:
                found.setdefault(pk, []).append(message)

    mine = {event.pk for event in events}
    for room_clash in room_clashes(_booking(event) for event in events):
        event = room_clash.first.payload
        room = event.room or (event.room_ref.name if event.room_ref else "")
        note(
            (room_clash.first.event, room_clash.second.event), _room_clash_message(room_clash, room)
        )
    theirs = appearances(events)
    people: set[Any] = {a.person for a in theirs}
    if people and events:
        others = _with_people(
            Event.objects.filter(
                items__participations__person__in=people,
                start__lt=max(e.end for e in events),
                end__gt=min(e.start for e in events),
            )
            .exclude(status=Event.Status.CANCELLED)
            .exclude(pk__in=mine)
            .distinct()
        )
        theirs += [a for a in appearances(others) if a.person in people]
    for person_clash in person_clashes(theirs):
        note(
            (person_clash.first.payload[0].pk, person_clash.second.payload[0].pk),
            _person_clash_message(person_clash),
        )
    return found


def _overlapping_others(**same) -> QuerySet[Event]:
    """Events (not cancelled) overlapping the outer event and matching it on `same`."""
    return (
        Event.objects.filter(
            **{name: OuterRef(outer) for name, outer in same.items()},
            start__lt=OuterRef("end"),
            end__gt=OuterRef("start"),
        )
        .exclude(pk=OuterRef("pk"))
        .exclude(status=Event.Status.CANCELLED)
    )


def with_room_clash(events: QuerySet[Event]) -> QuerySet[Event]:
    """The events of `events` that share a booked room with another at the same time."""
    return (
        events.filter(room_ref__isnull=False)
        .exclude(status=Event.Status.CANCELLED)
        .filter(Exists(_overlapping_others(room_ref_id="room_ref_id")))
    )


def with_person_clash(events: QuerySet[Event]) -> QuerySet[Event]:
    """The events of `events` with a person due in two places at once.

    Candidates (events sharing a person with another event that overlaps them)
    come from SQL; item times are computed, so the pure check decides.
    """
    shared = _overlapping_others(items__participations__person="items__participations__person")
    candidates = Event.objects.exclude(status=Event.Status.CANCELLED).filter(Exists(shared))
    involved = _with_people(
        Event.objects.filter(pk__in=list(candidates.values_list("pk", flat=True)))
    )
    ids: set[int] = set()
    for clash in person_clashes(appearances(involved)):
        ids.update((clash.first.payload[0].pk, clash.second.payload[0].pk))
    return events.filter(pk__in=ids)
