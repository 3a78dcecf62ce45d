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

Each worker keeps its own copy of the pages it answered (`_WorkerCopies`, at
most `EVENTSITE_EARLY_HIT_WORKER_BYTES`, least recently used first out) when
the cache is shared (Redis): a hit then costs one small read of the generation
instead of the page's bytes over the network. The copy is found under the same
key, which names the generation, so it is exactly as fresh as the shared one.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.utils import timezone

from . import generation
from .caching import conditional, may_use_cache, storable
from .release import release_token

CACHE_ALIAS = "default"
_ALLOWED = "_early_hit_allowed"
_UNTIL = "_early_hit_until"
logger = logging.getLogger(__name__)
Kept = tuple[datetime | None, list[tuple[str, str]], bytes]


class _WorkerCopies:
    """Pages this worker answered, by key, bounded in bytes (least recently used out)."""

    def __init__(self):
        self._pages: OrderedDict[str, Kept] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Kept | None:
        with self._lock:
            kept = self._pages.get(key)
            if kept is not None:
                self._pages.move_to_end(key)
            return kept

    def put(self, key: str, kept: Kept, limit: int) -> None:
        size = len(kept[2])
        if size > limit:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old[2])
            self._pages[key] = kept
            self._bytes += size
            while self._bytes > limit:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped[2])

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._pages)


worker_copies = _WorkerCopies()


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
        # A local-memory cache is this worker's already; a shared one gets a copy here.
        limit = 0 if isinstance(cache, LocMemCache) else _worker_limit()
        kept = worker_copies.get(key) if limit else None
        if kept is None:
            try:
                kept = cache.get(key)
            except Exception as error:  # the cache is optional
                logger.warning("page cache unavailable: %s", error)
                return self.get_response(request)
            if kept is not None and limit:
                worker_copies.put(key, kept, limit)
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
            # The timeout bounds every copy alike, the shared one and the worker's.
            expires = timezone.now() + timedelta(seconds=settings.EVENTSITE_PAGE_CACHE_TIMEOUT)
            until = getattr(request, _UNTIL)
            kept = (
                expires if until is None else min(until, expires),
                list(response.items()),
                response.content,
            )
            if limit:
                worker_copies.put(key, kept, limit)
            try:
                cache.set(key, kept, settings.EVENTSITE_PAGE_CACHE_TIMEOUT)
            except Exception as error:  # as above
                logger.warning("page cache unavailable: %s", error)
        return response


def _worker_limit() -> int:
    return int(getattr(settings, "EVENTSITE_EARLY_HIT_WORKER_BYTES", 32 * 1000 * 1000))


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
