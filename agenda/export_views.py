"""Thin views around the calendar and conference-app exports.

The documents come from `agenda.ical` and `agenda.conference`; these views
only find the event (drafts are a 404 for the public and a preview for staff,
as on the pages), answer conditional requests from the event's version
(`agenda.versions`: `updated_at`, `sequence`) without building anything, and
set the headers.

Queries: a conditional hit costs one; a full answer one more than
`with_agenda()` needs (seven), however many items, people or events there are.
"""

from __future__ import annotations

import hashlib
from calendar import timegm
from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote

import icalendar
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import conference, selectors, site_urls
from .ical import calendars, published
from .models import Event
from .selectors import is_staff, visible_events
from .versions import EventVersion, event_version

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json"
FEED_FILENAME = "eventsite-events.ics"


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """/events/<slug>.ics: one VEVENT for the event; `?detail=agenda`: one per item."""
    if request.GET.get("detail") == "agenda":
        return event_agenda_ics(request, slug)
    return _event_export(
        request,
        slug,
        kind="event",
        build=lambda event, base: (
            published.event_ics(event, base_url=base),
            f"{event.slug}.ics",
        ),
        content_type=ICS_CONTENT_TYPE,
    )


@require_safe
def event_agenda_ics(request: HttpRequest, slug: str) -> HttpResponse:
    return _event_export(
        request,
        slug,
        kind="agenda",
        build=lambda event, base: (
            published.agenda_ics(event, base_url=base),
            f"{event.slug}-agenda.ics",
        ),
        content_type=ICS_CONTENT_TYPE,
    )


@require_safe
def item_ics(request: HttpRequest, slug: str, uid) -> HttpResponse:
    """/events/<slug>/items/<uuid>.ics: one agenda item at its computed time."""

    def build(event: Event, base: str) -> tuple[bytes, str]:
        item = next((i for i in event.items.all() if i.uid == uid), None)
        if item is None:
            raise Http404("No such agenda item.")
        built = published.item_ics(event, uid, base_url=base)
        if built is None:
            raise Http404("No such agenda item.")
        title = slugify(item.title, allow_unicode=True) or f"item-{item.position + 1}"
        return built, f"{event.slug}-{title}.ics"

    return _event_export(
        request, slug, kind=f"item:{uid}", build=build, content_type=ICS_CONTENT_TYPE
    )


@require_safe
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """/calendar.ics: every published and cancelled event, for subscriptions (webcal://)."""

    def build(base: str) -> icalendar.Calendar:
        events = list(Event.objects.public().with_agenda(public=True))
        return calendars.feed_calendar(
            events, base_url=base, feed_url=request.build_absolute_uri(request.path)
        )

    return _subscription_feed(
        request, kind="feed", events=Event.objects.all(), build=build, filename=FEED_FILENAME
    )


@require_safe
def organisation_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """/organisations/<slug>/calendar.ics: every public event it organises or co-hosts,
    with the UIDs and SEQUENCE of the events' own files."""

    def build(base: str) -> icalendar.Calendar | None:
        organisation, events = selectors.organisation_feed(slug=slug)
        if not events:
            return None
        return calendars.feed_calendar(
            events,
            base_url=base,
            name=_("%(organisation)s: events") % {"organisation": organisation.name},
            description=_("Every event %(organisation)s organises or co-hosts.")
            % {"organisation": organisation.short_name},
            feed_url=request.build_absolute_uri(request.path),
        )

    return _subscription_feed(
        request,
        kind=f"organisation:{slug}",
        events=selectors.hosted_events(organisation_slug=slug),
        build=build,
        filename=f"{slug}.ics",
    )


@require_safe
def person_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """/speakers/<slug>/calendar.ics: the agenda items the person is shown on, with the
    UIDs and SEQUENCE of their events' agenda.ics."""

    def build(base: str) -> icalendar.Calendar | None:
        person, appearances = selectors.person_feed(slug=slug)
        if not appearances:
            return None
        return calendars.items_feed_calendar(
            appearances,
            base_url=base,
            name=_("%(name)s: appearances") % {"name": person.display_name},
            description=_("Every agenda item %(name)s appears in.") % {"name": person.display_name},
            feed_url=request.build_absolute_uri(request.path),
        )

    return _subscription_feed(
        request,
        kind=f"person:{slug}",
        events=selectors.events_with_person(person_slug=slug),
        build=build,
        filename=f"{slug}.ics",
    )


@require_safe
def schedule_xml(request: HttpRequest, slug: str) -> HttpResponse:
    return _event_export(
        request,
        slug,
        kind="schedule.xml",
        build=lambda event, base: (
            conference.schedule_xml(
                event, base_url=base, url=request.build_absolute_uri(request.path)
            ),
            None,
        ),
        content_type=XML_CONTENT_TYPE,
        weak=False,
    )


@require_safe
def schedule_json(request: HttpRequest, slug: str) -> HttpResponse:
    def build(event: Event, base: str) -> tuple[bytes, None]:
        document = conference.schedule_json(
            event, base_url=base, url=request.build_absolute_uri(request.path)
        )
        return conference.json_bytes(document), None

    return _event_export(
        request, slug, kind="schedule.json", build=build, content_type=JSON_CONTENT_TYPE, weak=False
    )


# ---------------------------------------------------------------------------


def _subscription_feed(
    request: HttpRequest,
    *,
    kind: str,
    events,
    build: Callable[[str], icalendar.Calendar | None],
    filename: str,
) -> HttpResponse:
    """Answer 304 from the versions of `events` (any status), else build the feed.

    The versions are read over drafts too, so an event leaving the feed moves its
    ETag. `build(base)` answers None when there is nothing public to show: a 404.
    """
    base = _base(request)
    rows = list(events.order_by().values_list("uid", "sequence", "updated_at", "status"))
    public = sorted(
        (str(uid), sequence, updated_at.isoformat())
        for uid, sequence, updated_at, status in rows
        if status in Event.PUBLIC_STATUSES
    )
    etag = _etag(kind, base, *public, weak=True)
    last_modified = max((row[2] for row in rows), default=None)
    not_modified = _not_modified(request, etag, last_modified)
    if not_modified is not None:
        return not_modified
    calendar = build(base)
    if calendar is None:
        raise Http404("Nothing public in this calendar.")
    response = HttpResponse(calendars.to_ics(calendar), content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = attachment(filename)
    _validators(response, etag, last_modified)
    return response


def _event_export(
    request: HttpRequest,
    slug: str,
    *,
    kind: str,
    build: Callable[[Event, str], tuple[bytes, str | None]],
    content_type: str,
    weak: bool = True,
) -> HttpResponse:
    """Find the event as the pages do, answer 304 from its stored counters, else build.

    .ics bodies carry DTSTAMP (the moment they are written), so their ETag is
    weak: the same event in the same state, not the same bytes.
    """
    base = _base(request)
    version = event_version(slug, drafts=is_staff(request.user))
    if version is None:
        raise Http404("No such event.")
    etag = _etag(kind, base, *version.export_parts, weak=weak)
    not_modified = _not_modified(request, etag, version.updated_at)
    if not_modified is not None:
        return not_modified

    events = visible_events(request.user) if is_staff(request.user) else Event.objects.all()
    event = events.with_agenda(public=True).filter(pk=version.pk).first()
    if event is None:  # a draft of another team's
        raise Http404("No such event.")
    # What was read is what the validators describe, even if an edit came in between.
    etag = _etag(kind, base, *EventVersion.of(event).export_parts, weak=weak)
    body, filename = build(event, base)
    response = HttpResponse(body, content_type=content_type)
    if filename is not None:
        response["Content-Disposition"] = attachment(filename)
    _validators(response, etag, event.updated_at)
    if not event.is_public:
        # A staff preview of a draft: never kept by a shared cache.
        patch_cache_control(response, private=True, no_store=True)
    return response


def attachment(filename: str) -> str:
    """Content-Disposition with an ASCII fallback and the RFC 5987/6266 UTF-8 name."""
    fallback = slugify(filename.rsplit(".", 1)[0]) or "calendar"
    extension = "." + filename.rsplit(".", 1)[1] if "." in filename else ""
    return (
        f'attachment; filename="{fallback}{extension}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def _base(request: HttpRequest) -> str:
    return site_urls.request_base(request)


def _etag(*parts, weak: bool) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f'{"W/" if weak else ""}"{digest}"'


def _not_modified(request: HttpRequest, etag: str, last_modified: datetime | None):
    """A 304 (or 412) if the client's validators still hold, else None."""
    response = get_conditional_response(request, etag=etag, last_modified=_timestamp(last_modified))
    if response is not None:
        _validators(response, etag, last_modified)
    return response


def _validators(response: HttpResponse, etag: str, last_modified: datetime | None) -> None:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(_timestamp(last_modified))


def _timestamp(moment: datetime | None) -> int | None:
    return None if moment is None else timegm(moment.utctimetuple())
