"""schema.org JSON-LD for an occasion: an `EventSeries` whose `subEvent`s are its events.

Each side event is named with its `@id` (its page, where its own block
describes it in full) so that readers join the two; the event page's block
names the series as `superEvent` (`super_event()`).
"""

from __future__ import annotations

from typing import Any

from .jsonld import SCHEMA, STATUS
from .models import Event, Occasion


def _place(occasion: Occasion) -> dict[str, Any]:
    address = {
        "@type": "PostalAddress",
        "addressLocality": occasion.city,
        "addressCountry": occasion.country,
    }
    return {
        "@type": "Place",
        "name": ", ".join(p for p in (occasion.city, occasion.country) if p),
        "address": {k: v for k, v in address.items() if v},
    }


def build(occasion: Occasion, events: list[Event], *, base_url: str) -> dict[str, Any]:
    url = base_url + occasion.get_absolute_url()
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "EventSeries",
        "@id": url,
        "name": occasion.name,
        "url": url,
        "startDate": occasion.starts_on.isoformat(),
        "endDate": occasion.ends_on.isoformat(),
        "location": _place(occasion),
        "inLanguage": "en",
    }
    if occasion.theme:
        data["description"] = occasion.theme
    data["subEvent"] = [
        {
            "@type": "Event",
            "@id": base_url + event.get_absolute_url(),
            "name": event.title,
            "url": base_url + event.get_absolute_url(),
            "startDate": event.start.astimezone(event.zone).isoformat(),
            "endDate": event.end.astimezone(event.zone).isoformat(),
            "eventStatus": STATUS[event.status],  # type: ignore[index]
            "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
            "location": {
                "@type": "Place",
                "name": ", ".join(p for p in (event.room, event.building) if p) or event.city,
            },
        }
        for event in events
    ]
    return data


def super_event(occasion: Occasion, *, base_url: str) -> dict[str, Any]:
    url = base_url + occasion.get_absolute_url()
    return {"@type": "EventSeries", "@id": url, "name": occasion.name, "url": url}
