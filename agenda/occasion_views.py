"""Thin views of occasions: the list, the programme page and its exports.

The page reads what agenda/occasion_selectors.py fetches (four queries) and
lays it out with agenda/timetable.py; filters are GET parameters (`day`,
`room`, `organisation`) sent by a plain form, so no JavaScript is needed.
Exports read one query for their ETag and, when they build, the agenda of
every event (a fixed number of queries too).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import jsonld, occasion_conference, occasion_jsonld, occasion_selectors, timetable
from .export_views import (
    ICS_CONTENT_TYPE,
    JSON_CONTENT_TYPE,
    XML_CONTENT_TYPE,
    _base,
    _etag,
    _not_modified,
    _validators,
    attachment,
)
from .ical import calendars
from .selectors import is_staff


@require_safe
def occasion_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "agenda/occasion_list.html",
        {
            "occasions": occasion_selectors.listed_occasions(),
            "canonical_url": settings.EVENTSITE_BASE_URL + reverse("agenda:occasion_list"),
        },
    )


def _chosen_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _chosen_int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_safe
def occasion_detail(request: HttpRequest, slug: str) -> HttpResponse:
    occasion = occasion_selectors.occasion_for_page(slug=slug, user=request.user)
    events = occasion_selectors.occasion_events(occasion)
    zone = occasion.zone
    everything = occasion_selectors.entries(events)
    chosen: dict[str, Any] = {
        "day": _chosen_day(request.GET.get("day")),
        "room": request.GET.get("room") or None,
        "organisation": _chosen_int(request.GET.get("organisation")),
    }
    shown = timetable.filtered(everything, zone, **chosen)
    organisations = {
        eo.organisation_id: eo.organisation for e in events for eo in e.event_organisations.all()
    }
    now = timezone.now()
    on_now: list[Any] = []
    up_next: list[Any] = []
    if occasion.starts_on <= now.astimezone(zone).date() <= occasion.ends_on:  # while it runs
        on_now, up_next = timetable.now_and_next(everything, now)
    base_url = settings.EVENTSITE_BASE_URL
    data = occasion_jsonld.build(occasion, events, base_url=base_url)
    response = render(
        request,
        "agenda/occasion_detail.html",
        {
            "occasion": occasion,
            "days": timetable.days(shown, zone),
            "zone": zone,
            "all_days": sorted({timetable.local_date(e, zone) for e in everything}),
            "all_rooms": sorted(
                {(e.room, e.room_label) for e in everything}, key=lambda r: r[1].casefold()
            ),
            "all_organisations": sorted(organisations.values(), key=lambda o: o.name.casefold()),
            "chosen": chosen,
            "filtered": any(v is not None for v in chosen.values()),
            "on_now": on_now,
            "up_next": up_next,
            "is_preview": not occasion.is_public,
            "canonical_url": base_url + occasion.get_absolute_url(),
            "jsonld": jsonld.as_script_content(data),
        },
    )
    if is_staff(request.user):
        response["Cache-Control"] = "private, no-cache"
    return response


def _occasion_export(request: HttpRequest, slug: str, *, kind: str, build, content_type: str):
    occasion = occasion_selectors.occasion_for_page(slug=slug, user=request.user)
    base = _base(request)
    etag = _etag(kind, base, *occasion_selectors.occasion_data_version(occasion), weak=True)
    not_modified = _not_modified(request, etag, None)
    if not_modified is not None:
        return not_modified
    events = occasion_selectors.occasion_events(occasion, agenda=True)
    body, filename = build(occasion, events, base)
    response = HttpResponse(body, content_type=content_type)
    if filename:
        response["Content-Disposition"] = attachment(filename)
    _validators(response, etag, None)
    return response


@require_safe
def occasion_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """Every published event of the occasion, with the UIDs and SEQUENCE of its own file."""

    def build(occasion, events, base):
        languages = calendars.Languages()
        calendar = calendars.feed_calendar(
            events,
            base_url=base,
            name=occasion.name,
            description=occasion.theme or occasion.name,
            feed_url=request.build_absolute_uri(request.path),
            name_parameters=languages.of(occasion, "name"),
            description_parameters=languages.of(occasion, "theme" if occasion.theme else "name"),
        )
        return calendars.to_ics(calendar), f"{occasion.slug}.ics"

    return _occasion_export(
        request, slug, kind="occasion.ics", build=build, content_type=ICS_CONTENT_TYPE
    )


def _schedule(request: HttpRequest, slug: str, *, as_json: bool) -> HttpResponse:
    def build(occasion, events, base):
        writer = occasion_conference.schedule_json if as_json else occasion_conference.schedule_xml
        document = writer(
            occasion,
            events,
            room_of=occasion_selectors.room_label,
            base=base,
            url=request.build_absolute_uri(request.path),
        )
        if as_json:
            return json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n", None
        return document, None

    return _occasion_export(
        request,
        slug,
        kind="occasion.json" if as_json else "occasion.xml",
        build=build,
        content_type=JSON_CONTENT_TYPE if as_json else XML_CONTENT_TYPE,
    )


@require_safe
def occasion_schedule_xml(request: HttpRequest, slug: str) -> HttpResponse:
    return _schedule(request, slug, as_json=False)


@require_safe
def occasion_schedule_json(request: HttpRequest, slug: str) -> HttpResponse:
    return _schedule(request, slug, as_json=True)
