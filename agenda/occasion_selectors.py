"""Reads for the occasion pages and exports: a fixed number of queries, however many events.

An occasion page reads the occasion (1), its published events with their
rooms (1) and their organisations (2: the links and the organisations): four
queries at 6 or 60 events. The exports read the agenda too (`with_agenda()`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import Http404

from . import timetable
from .models import Event, EventOrganisation, Occasion
from .selectors import is_staff


def visible_occasions(user) -> QuerySet[Occasion]:
    occasions = Occasion.objects.all()
    return occasions if is_staff(user) else occasions.published()


def occasion_for_page(*, slug: str, user) -> Occasion:
    try:
        return visible_occasions(user).select_related("parent").get(slug=slug)
    except Occasion.DoesNotExist as error:
        raise Http404("No such occasion.") from error


def listed_occasions() -> list[Occasion]:
    return list(Occasion.objects.published().select_related("parent"))


def occasion_events(occasion: Occasion, *, agenda: bool = False) -> list[Event]:
    """Its published events in start order, with rooms and organisations."""
    events = Event.objects.published() if not agenda else Event.objects.published().with_agenda()
    events = events.filter(occasion_ref=occasion).select_related("room_ref__venue")
    if not agenda:
        events = events.prefetch_related(
            Prefetch(
                "event_organisations",
                queryset=EventOrganisation.objects.select_related("organisation"),
            )
        )
    return list(events.order_by("start", "title"))


def room_key(event: Event) -> str:
    """A booked room by its id; a one-off place by its text; "" for none."""
    if event.room_ref_id:
        return f"r{event.room_ref_id}"
    return f"t:{event.room}" if event.room else ""


def room_label(event: Event) -> str:
    if event.room_ref_id:
        return str(event.room_ref)
    return ", ".join(p for p in (event.room, event.building) if p)


def entries(events: list[Event]) -> list[timetable.Entry]:
    return [
        timetable.Entry(
            start=event.start,
            end=event.end,
            room=room_key(event),
            room_label=room_label(event),
            organisations=frozenset(eo.organisation_id for eo in event.event_organisations.all()),
            payload=event,
        )
        for event in events
    ]


def occasion_data_version(occasion: Occasion) -> tuple:
    """What an occasion's exports depend on, in one query (for their ETags)."""
    # Over all its events, drafts too: an event leaving the programme moves it.
    totals = Event.objects.filter(occasion_ref=occasion).aggregate(
        latest=Max("updated_at"), events=Count("pk")
    )
    latest = totals["latest"]
    return (
        occasion.pk,
        occasion.updated_at.isoformat(),
        latest.isoformat() if latest else "",
        totals["events"],
    )


@dataclass(frozen=True)
class Neighbours:
    occasion: Occasion
    previous: Event | None
    following: Event | None


def neighbours(event: Event) -> Neighbours | None:
    """The event's occasion (if public) and the events before and after it there (one query)."""
    occasion = event.occasion_ref
    if occasion is None or not occasion.is_public:
        return None
    siblings = list(
        Event.objects.published()
        .filter(occasion_ref=occasion)
        .order_by("start", "title", "pk")
        .only("pk", "title", "slug", "start", "end", "time_zone")
    )
    index = next((i for i, e in enumerate(siblings) if e.pk == event.pk), None)
    if index is None:  # a cancelled or draft event: no place in the programme
        return Neighbours(occasion, None, None)
    return Neighbours(
        occasion,
        siblings[index - 1] if index > 0 else None,
        siblings[index + 1] if index + 1 < len(siblings) else None,
    )
