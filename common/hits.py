"""Cache hits answered before most of the middleware, the URLconf and the view run.

The contract: a page that `common.caching.serve()` answered, and whose view said
it may be answered early (`allow_early_hits()`), is kept once more as the
middleware saw it on its way out, under a key that names the release, the data
generation (`common.generation`), the scheme, the host and the path. The next
visitor without a session cookie or a query string gets those bytes and headers
from `EarlyHitMiddleware`, which sits right after whitenoise: what a hit costs
is then close to what a static file costs.

Never stale: every write that a page shows ends the generation, and the key is
made with the generation read before anything else of the request, so an edit
shows at once (as with `serve()`). A page that changes with the clock alone
(an event that starts or ends) is kept only until that moment (`until`). A
response that varies on anything but Cookie (a language, say) is not kept here,
since the key names none of it; `serve()` still caches it.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from . import generation
from .caching import conditional, may_use_cache, storable
from .release import release_token

CACHE_ALIAS = "default"
_ALLOWED = "_early_hit_allowed"
_UNTIL = "_early_hit_until"
logger = logging.getLogger(__name__)


def allow_early_hits(request, *, until: datetime | None) -> None:
    """The view's response may be answered early until `until` (None: until the data changes)."""
    setattr(request, _ALLOWED, True)
    setattr(request, _UNTIL, until)


class EarlyHitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request)
        if key is None:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        try:
            kept = cache.get(key)
        except Exception as error:  # the cache is optional
            logger.warning("page cache unavailable: %s", error)
            return self.get_response(request)
        if kept is not None:
            until, headers, content = kept
            if until is None or timezone.now() < until:
                return conditional(request, _response(headers, content))
        response = self.get_response(request)
        if (
            request.method == "GET"
            and getattr(request, _ALLOWED, False)
            and _keepable(request, response)
        ):
            kept = (getattr(request, _UNTIL), list(response.items()), response.content)
            try:
                cache.set(key, kept, settings.EVENTSITE_PAGE_CACHE_TIMEOUT)
            except Exception as error:  # as above
                logger.warning("page cache unavailable: %s", error)
        return response


def _key(request) -> str | None:
    if not may_use_cache(request):
        return None
    current = generation.current()  # first: see the module's docstring
    if current is None:
        return None
    try:
        host = request.get_host()
    except Exception:  # a host not allowed: let the stack answer it
        return None
    parts = (release_token(), current, request.scheme, host, request.path)
    return "early:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _keepable(request, response) -> bool:
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return storable(request, response) and vary <= {"cookie"}


def _response(headers: list[tuple[str, str]], content: bytes) -> HttpResponse:
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response
