"""What the run of show adds to the public event page, and the attendees' "now".

The event page stays cached as it is: during the event it only carries an empty
banner placeholder and a link (`_now_block.html`). The "now" itself comes from
`now.json` (polled by `static/runofshow/now.js`, answered 304 while nothing
changed) or, without JavaScript, from the small `now/` page that refreshes
itself. So a recorded time re-renders nothing but these two small responses.

Why polling and not server-sent events: an SSE stream holds a gunicorn worker
per attendee for the whole event (the site runs a few sync workers); a poll
every 15 s that is mostly answered 304 costs one small query and passes every
proxy and cache unchanged.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from agenda.models import Event

from . import clock
from .board import board_for, event_for_board, report_line, report_rows
from .models import Run

# The banner placeholder is on the page from an hour before the start to two
# hours after the room's end (a late run); the cached page may lag the clock by
# the page-cache timeout, which is all this depends on.
BEFORE, AFTER = timedelta(hours=1), timedelta(hours=2)


def is_live(event: Event) -> bool:
    now = clock.now()
    return event.start - BEFORE <= now <= event.end + AFTER


def now_block_context(request, event: Event) -> dict:
    return {"live": event.is_public and not event.is_cancelled and is_live(event)}


def outcome_block_context(request, event: Event) -> dict:
    """The planned-against-actual table, after the event, when the organisers chose it."""
    if getattr(event, "outcome", None) is None or not event.is_past():
        return {}
    if not Run.objects.filter(event=event, show_in_outcome=True).exists():
        return {}
    rows = report_rows(board_for(event_for_board(event.pk)))
    return {"rows": rows, "totals": totals(rows)}


def totals(rows: list[dict]) -> dict:
    budget = sum(r["budget"] for r in rows)
    ran = sum(r["ran"] for r in rows)
    return {"title": "", "budget": budget, "ran": ran, "difference": ran - budget}


def _public_event(slug: str) -> Event:
    event = Event.objects.public().filter(slug=slug).only("pk").first()
    if event is None:
        raise Http404("No such event.")
    return event


def _now_etag(request, slug):
    """The recorded times (the run's presses and edits), the minute, the agenda."""
    row = (
        Event.objects.public()
        .filter(slug=slug)
        .values_list("pk", "updated_at", "run__step", "run__updated_at", "run__show_in_outcome")
        .first()
    )
    if row is None:
        return None
    minute = clock.now().replace(second=0, microsecond=0)
    return hashlib.sha256(repr((row, minute)).encode()).hexdigest()[:32]


@require_safe
@condition(etag_func=_now_etag)
def now_json(request, slug):
    board = board_for(event_for_board(_public_event(slug).pk))
    data = board.as_json()
    public = {k: data[k] for k in ("server_now", "started", "ended", "banner", "items")}
    response = HttpResponse(json.dumps(public), content_type="application/json")
    patch_cache_control(response, no_cache=True)
    return response


@require_safe
def now_page(request, slug):
    """The "now" without JavaScript: the banner and every item's times, refreshing."""
    board = board_for(event_for_board(_public_event(slug).pk))
    response = render(request, "runofshow/now.html", {"board": board, "event": board.event})
    patch_cache_control(response, no_cache=True)
    return response


__all__ = ["now_block_context", "now_json", "now_page", "outcome_block_context", "report_line"]
