"""schema.org `Event` JSON-LD for an event page: plain data, no HTTP.

Search engines read it for rich results: Google's Event reads the top-level
Event (name, startDate, endDate, location, eventStatus, attendance mode,
organizer, performer, description); that is what the block says.

The agenda items are not repeated as `subEvent`s: no search engine's event
result reads them, the page's own list shows them, and the machine-readable
schedule has its own exports (schedule.xml/json, each item's .ics). Written as
subEvents they were half of a 200-item page (76 KB).

What several nodes share is written once: each organisation carries an `@id`
where it first appears (as organizer, sponsor or a person's affiliation) and
every later mention is only `{"@id": …}`, which JSON-LD readers resolve within
the block. Those ids name nodes of this page only, so they are fragments
("#org-1", resolved against the page's URL); a person's `@id` is their page,
an absolute URL because it is also where readers find them (so no `url`
repeats it). The block is written without spaces between tokens.
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

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.seen: set[str] = set()
        self.organisations: dict[str, str] = {}  # name (unique) -> @id

    def mention(self, node_id: str, build) -> dict[str, Any]:
        if node_id in self.seen:
            return {"@id": node_id}
        self.seen.add(node_id)
        return {"@id": node_id, **build()}

    def organisation(self, organisation) -> dict[str, Any]:
        node_id = self.organisations.setdefault(
            organisation.name, f"#org-{len(self.organisations) + 1}"
        )

        def build():
            data = {"@type": "Organization", "name": organisation.name}
            if organisation.url:
                data["url"] = organisation.url
            return data

        return self.mention(node_id, build)

    def person(self, person) -> dict[str, Any]:
        def build():
            data: dict[str, Any] = {"@type": "Person", "name": person.full_name}
            if person.honorific:
                data["honorificPrefix"] = person.honorific
            if person.position:
                data["jobTitle"] = person.position
            if person.organisation_id:
                data["affiliation"] = self.organisation(person.organisation)
            return data

        return self.mention(self.base_url + person.get_absolute_url(), build)


def build(event: Event, schedule: Schedule, *, base_url: str) -> dict[str, Any]:
    """The JSON-LD object; reads prefetched relations only (see `with_agenda()`)."""
    zone = event.zone
    status = STATUS[event.status]
    mode = f"{SCHEMA}/OfflineEventAttendanceMode"
    url = base_url + event.get_absolute_url()
    nodes = _Nodes(base_url)
    organisers = [eo for eo in event.event_organisations.all() if eo.role != "supporter"]
    supporters = [eo for eo in event.event_organisations.all() if eo.role == "supporter"]
    organizer = [nodes.organisation(eo.organisation) for eo in organisers]
    sponsor = [nodes.organisation(eo.organisation) for eo in supporters]
    performers: dict[int, dict[str, Any]] = {}  # in agenda order, each person once
    for slot in schedule.slots:
        for p in slot.payload.participations.all():
            if p.person_id not in performers:
                performers[p.person_id] = nodes.person(p.person)

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
        "location": _place(event),
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
