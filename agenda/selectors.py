"""Reads for the public pages: what a visitor may see, fetched in few queries."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q
from django.db.models.query import prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from speakers.models import Organisation, Person

from . import teams, versions
from .models import Event, EventOrganisation, Participation, photo_withheld
from .schedule import Slot


def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_staff)


def visible_events(user):
    """Public events, plus drafts for staff of their team (shown as previews)."""
    events = Event.objects.all()
    if not is_staff(user):
        return events.public()
    if user.is_superuser:
        return events
    return events.filter(Q(pk__in=events.public().values("pk")) | Q(pk__in=teams.events_for(user)))


def _for_page(events, **lookup) -> Event:
    try:
        return (
            events.with_agenda(public=True)
            .select_related("outcome", "occasion_ref")
            .prefetch_related("outcome__recommendations")
            .get(**lookup)
        )
    except Event.DoesNotExist as error:
        raise Http404("No such event.") from error


def event_for_page(*, slug: str, user) -> Event:
    """The event with everything its page shows, in a fixed number of queries."""
    return _for_page(visible_events(user), slug=slug)


def event_for_preview(*, pk: int) -> Event:
    """As event_for_page, for a signed preview link: drafts too, whoever asks."""
    return _for_page(Event.objects.all(), pk=pk)


@dataclass(frozen=True)
class PageVersion:
    """What a page's content depends on, read in one cheap query (for ETag/Last-Modified)."""

    parts: tuple
    last_modified: datetime | None = None


def event_page_version(*, slug: str, user, now: datetime | None = None) -> PageVersion | None:
    version = versions.event_version(slug, drafts=is_staff(user), now=now)
    if version is None:
        return None
    return PageVersion(version.page_parts, version.page_last_modified)


def listed_events(now: datetime | None = None) -> tuple[list[Event], list[Event]]:
    """(upcoming, past): public events only; drafts are never listed, even for staff."""
    now = now or timezone.now()
    events = Event.objects.public()
    return list(events.upcoming(now)), list(events.past(now))


def event_list_version(now: datetime | None = None) -> PageVersion:
    now = now or timezone.now()
    summary = Event.objects.public().aggregate(
        count=Count("pk"),
        latest=Max("updated_at"),
        upcoming=Count("pk", filter=Q(end__gte=now)),
    )
    latest = summary["latest"].isoformat() if summary["latest"] else ""
    return PageVersion(("events", summary["count"], latest, summary["upcoming"]))


# -- people -------------------------------------------------------------------------------


def public_people():
    """People who appear in at least one event the public can see (and may be shown there)."""
    shown = Participation.objects.shown_publicly().filter(
        agenda_item__event__status__in=Event.PUBLIC_STATUSES
    )
    return Person.objects.filter(pk__in=shown.values("person_id"))


def people_for_list():
    return public_people().select_related("organisation")


def person_for_page(*, slug: str, user) -> tuple[Person, bool]:
    """The person and whether their page is public; staff also get unpublished people."""
    people = Person.objects.select_related("organisation").annotate(
        photo_withheld=photo_withheld("pk")
    )
    try:
        if not is_staff(user):
            return people.filter(pk__in=public_people().values("pk")).get(slug=slug), True
        person = people.get(slug=slug)
    except Person.DoesNotExist as error:
        raise Http404("No such person.") from error
    return person, public_people().filter(pk=person.pk).exists()


@dataclass(frozen=True)
class Appearance:
    participation: Participation
    slot: Slot

    @property
    def item(self):
        return self.participation.agenda_item

    @property
    def event(self) -> Event:
        return self.participation.agenda_item.event


def appearances(*, person: Person, user) -> list[Appearance]:
    """Every item the person is on, in events the viewer may see, with computed times."""
    participations: Any = person.participations.all()
    if not is_staff(user):
        participations = participations.shown_publicly()
    participations = list(
        participations.filter(agenda_item__event__in=visible_events(user))
        .select_related("agenda_item__event")
        .order_by("-agenda_item__event__start", "agenda_item__position")
    )
    events = {p.agenda_item.event_id: p.agenda_item.event for p in participations}
    prefetch_related_objects(list(events.values()), "items")
    slots = {
        slot.payload.pk: slot for event in events.values() for slot in event.build_schedule().slots
    }
    for p in participations:
        p.agenda_item.event = events[p.agenda_item.event_id]
    return [Appearance(p, slots[p.agenda_item_id]) for p in participations]


# -- one organisation's or one person's calendar --------------------------------------------
# Each feed reads its events' versions (1 query, for the ETag), then the organisation
# or person (1) and the events with their public agenda (`with_agenda(public=True)`: 6),
# however many events or items there are.

HOSTING_ROLES = (EventOrganisation.Role.ORGANISER, EventOrganisation.Role.CO_HOST)


def hosted_events(*, organisation_slug: str):
    """Events, of any status, that the organisation organises or co-hosts."""
    hosting = EventOrganisation.objects.filter(
        organisation__slug=organisation_slug, role__in=HOSTING_ROLES
    )
    return Event.objects.filter(pk__in=hosting.values("event_id"))


def events_with_person(*, person_slug: str):
    """Events, of any status, where the person is on an item (shown publicly or not)."""
    on = Participation.objects.filter(person__slug=person_slug)
    return Event.objects.filter(pk__in=on.values("agenda_item__event_id"))


def hosting_organisations():
    """Organisations that organise or co-host at least one public event, by name, each
    with `public_events`, the number of them (the page that lists their calendars)."""
    hosting = Q(event_roles__role__in=HOSTING_ROLES, event_roles__event__in=Event.objects.public())
    return (
        Organisation.objects.annotate(public_events=Count("event_roles__event", filter=hosting))
        .filter(public_events__gt=0)
        .order_by("name", "pk")
    )


def organisation_feed(*, slug: str) -> tuple[Organisation, list[Event]]:
    """The organisation and the public events it organises or co-hosts, in start order."""
    try:
        organisation = Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist as error:
        raise Http404("No such organisation.") from error
    events = hosted_events(organisation_slug=slug).public().with_agenda(public=True)
    return organisation, list(events.order_by("start", "title", "pk"))


def person_feed(*, slug: str) -> tuple[Person, list[tuple[Event, Slot]]]:
    """The person and the items of public events where they are shown publicly
    (`shown_publicly`, read through `with_agenda(public=True)`), in time order."""
    try:
        person = Person.objects.get(slug=slug)
    except Person.DoesNotExist as error:
        raise Http404("No such person.") from error
    events = events_with_person(person_slug=slug).public().with_agenda(public=True)
    appearances = [
        (event, slot)
        for event in events.order_by("start", "title", "pk")
        for slot in event.build_schedule().slots
        if any(p.person_id == person.pk for p in slot.payload.participations.all())
    ]
    return person, appearances
