"""The timekeeper's screen, the speaker screen and their state, for organisers
and holders of the signed link (`runofshow.access`). Thin: the presses are in
`services`, the wording in `board`.

Each press is a plain form POST (works without JavaScript) answered by a
redirect back to the screen; the form carries the step the screen showed, so
a stale press from a second device changes nothing.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe

from agenda.models import Event

from . import services
from .access import NeedsLogin, link_key, who_may_keep_time
from .board import board_for, event_for_board


def _guarded(view):
    def wrapper(request, slug):
        event = Event.objects.filter(slug=slug).only("pk", "slug", "end").first()
        if event is None:
            raise Http404("No such event.")
        try:
            who = who_may_keep_time(request, event)
        except NeedsLogin:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        except PermissionDenied as refusal:
            return render(request, "runofshow/refused.html", {"reason": refusal}, status=403)
        response = view(request, event, who)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _with_key(request, url: str) -> str:
    key = request.GET.get("key")
    return f"{url}?{urlencode({'key': key})}" if key else url


def _screen_context(request, event: Event, board) -> dict:
    slug = {"slug": event.slug}
    return {
        "event": board.event,
        "board": board,
        "state_url": _with_key(request, reverse("runofshow:state", kwargs=slug)),
        "run_url": _with_key(request, reverse("runofshow:timekeeper", kwargs=slug)),
        "speaker_url": _with_key(request, reverse("runofshow:speaker", kwargs=slug)),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@_guarded
def timekeeper(request, event: Event, who: str):
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            seen = int(request.POST.get("step", ""))
        except ValueError:
            seen = -1
        if action in services.ACTIONS:
            services.press(event, action, seen_step=seen, who=who)
        return HttpResponseRedirect(
            _with_key(request, reverse("runofshow:timekeeper", kwargs={"slug": event.slug})),
            status=303,
        )
    board = board_for(event_for_board(event.pk))
    context = _screen_context(request, event, board)
    context["link"] = (
        None
        if request.GET.get("key")
        else request.build_absolute_uri(
            reverse("runofshow:timekeeper", kwargs={"slug": event.slug})
            + "?"
            + urlencode({"key": link_key(event)})
        )
    )
    return render(request, "runofshow/timekeeper.html", context)


@require_safe
@_guarded
def speaker(request, event: Event, who: str):
    board = board_for(event_for_board(event.pk))
    return render(request, "runofshow/speaker.html", _screen_context(request, event, board))


@require_safe
@_guarded
def state(request, event: Event, who: str):
    board = board_for(event_for_board(event.pk))
    data = board.as_json()
    data["zone"] = board.event.time_zone
    return HttpResponse(json.dumps(data), content_type="application/json")
