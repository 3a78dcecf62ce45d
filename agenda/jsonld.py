"""schema.org `Event` JSON-LD for an event page: plain data, no HTTP.

Search engines read it for rich results: an Event needs name, startDate and
location; we add endDate, eventStatus, attendance mode, organizer, performer
and the agenda items as `subEvent`s.

What many items share is written once: the event (`@id`: its page), the
place, each person (`@id`: their page) and each organisation carry an `@id`
where they first appear, and every later mention is only `{"@id": …}`, which
JSON-LD readers resolve within the block. (Written out in full, a 200-item
agenda repeated the place and each person's affiliation on every item: 261 KB
of a 496 KB page.) An item states its status and attendance mode only when they
differ from what readers assume when they are missing (scheduled, in person),
and the block is written without spaces between tokens.
"""

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from . import richtext
from .models import Event
from .schedule import Schedule

SCHEMA = "https://schema.org"
STATUS = {
    Event.Status.PUBLISHED: f"{SCHEMA}/EventScheduled",
    Event.Status.CANCELLED: f"{SCHEMA}/EventCancelled",
    Event.Status.DRAFT: f"{SCHEMA}/EventScheduled",
}


def _place(event: Event) -> dict[str, Any]:
    address = {
        "@type": "PostalAddress",
        "streetAddress": ", ".join(p for p in (event.room, event.building) if p),
        "addressLocality": event.city,
        "addressCountry": event.country,
    }
    place: dict[str, Any] = {
        "@type": "Place",
        "name": ", ".join(p for p in (event.room, event.building) if p) or event.city,
        "address": {k: v for k, v in address.items() if v},
    }
    if event.latitude is not None and event.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    return place


class _Nodes:
    """Shared nodes of one block: the first mention in full with its `@id`, then references."""

    def __init__(self, page_url: str, base_url: str):
        self.page_url = page_url
        self.base_url = base_url
        self.seen: set[str] = set()
        self.organisations: dict[str, str] = {}  # name (unique) -> @id
        self.person_urls: dict[int, str] = {}

    def mention(self, node_id: str, build) -> dict[str, Any]:
        if node_id in self.seen:
            return {"@id": node_id}
        self.seen.add(node_id)
        return {"@id": node_id, **build()}

    def organisation(self, organisation) -> dict[str, Any]:
        node_id = self.organisations.setdefault(
            organisation.name, f"{self.page_url}#organisation-{len(self.organisations) + 1}"
        )

        def build():
            data = {"@type": "Organization", "name": organisation.name}
            if organisation.url:
                data["url"] = organisation.url
            return data

        return self.mention(node_id, build)

    def person(self, person) -> dict[str, Any]:
        # Each participation loads its own copy of the person: their URL once per person.
        url = self.person_urls.get(person.pk)
        if url is None:
            url = self.person_urls[person.pk] = self.base_url + person.get_absolute_url()

        def build():
            data: dict[str, Any] = {"@type": "Person", "name": person.full_name, "url": url}
            if person.honorific:
                data["honorificPrefix"] = person.honorific
            if person.position:
                data["jobTitle"] = person.position
            if person.organisation_id:
                data["affiliation"] = self.organisation(person.organisation)
            return data

        return self.mention(url, build)


def build(event: Event, schedule: Schedule, *, base_url: str) -> dict[str, Any]:
    """The JSON-LD object; reads prefetched relations only (see `with_agenda()`)."""
    zone = event.zone
    status = STATUS[event.status]
    mode = f"{SCHEMA}/OfflineEventAttendanceMode"
    url = base_url + event.get_absolute_url()
    nodes = _Nodes(url, base_url)
    # The event's own properties come first in the block, so the full nodes are there.
    place = nodes.mention(f"{url}#place", lambda: _place(event))
    organisers = [eo for eo in event.event_organisations.all() if eo.role != "supporter"]
    supporters = [eo for eo in event.event_organisations.all() if eo.role == "supporter"]
    organizer = [nodes.organisation(eo.organisation) for eo in organisers]
    sponsor = [nodes.organisation(eo.organisation) for eo in supporters]
    performers: dict[int, dict[str, Any]] = {}
    for slot in schedule.slots:
        for p in slot.payload.participations.all():
            if p.person_id not in performers:
                performers[p.person_id] = nodes.person(p.person)
    # Search engines read a missing eventStatus as scheduled and a missing
    # attendance mode as in person: the items say theirs only otherwise.
    item_status = {} if status == STATUS[Event.Status.PUBLISHED] else {"eventStatus": status}
    location = {"@id": place["@id"]}
    sub_events = []
    for slot in schedule.slots:
        item = slot.payload
        people = [nodes.person(p.person) for p in item.participations.all()]
        sub_event: dict[str, Any] = {
            "@type": "Event",
            "name": item.title,
            "startDate": slot.start.astimezone(zone).isoformat(),
            "endDate": slot.end.astimezone(zone).isoformat(),
            **item_status,
            "location": location,
            "url": f"{url}#item-{item.uid}",
        }
        if people:
            sub_event["performer"] = people
        if item.description:
            sub_event["description"] = richtext.to_plain(item.description)
        sub_events.append(sub_event)

    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "@id": url,
        "name": event.title,
        "url": url,
        "startDate": event.start.astimezone(zone).isoformat(),
        "endDate": event.end.astimezone(zone).isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": mode,
        "location": place,
        "inLanguage": "en",
    }
    description = description_of(event)
    if description:
        data["description"] = description
    if organizer:
        data["organizer"] = organizer
    if sponsor:
        data["sponsor"] = sponsor
    if performers:
        data["performer"] = list(performers.values())
    if sub_events:
        data["subEvent"] = sub_events
    return data


def description_of(event: Event, limit: int = 300) -> str:
    """One plain-text paragraph: the objectives, or the context, or the theme."""
    for text in (event.objectives, event.context, event.theme):
        if text and text.strip():
            return richtext.excerpt(text, limit)
    return ""


# Inside <script>, only "</script" or "<!--" could end the data block early;
# escaping <, > and & as JSON unicode escapes keeps the JSON identical.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_script_content(data: dict[str, Any]) -> SafeString:
    return mark_safe(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    )
