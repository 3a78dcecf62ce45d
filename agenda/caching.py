"""Cache rendered public responses, keyed on the version of the data they show.

A key names the data version (`agenda.versions`: each event's `updated_at`,
which moves on every change a page shows, its `sequence` and its phase:
upcoming, running, past, since pages say "took place"), the view, the host and
path, and the release. The rules of what is stored and how are in
`common.caching`. A per-event page may also be answered before the rest of the
stack (`common.hits`) until its phase ends.

Usage, on a view that takes the event's `slug`:

    @cache_per_event
    def event_detail(request, slug): ...

and for pages that show many events (home, speakers, the site-wide feed):

    @cache_site_wide
    def calendar_feed(request): ...

Put it inside (below) `condition`/ETag decorators, or outside: a cache hit
still answers If-None-Match / If-Modified-Since from the stored headers.
"""

import functools

from django.utils import timezone  # noqa: F401  (tests move the clock here)

from common import generation
from common.caching import may_use_cache, serve
from common.hits import allow_early_hits

from .versions import cached_event_version, cached_site_version


def cache_per_event(view):
    """Cache a view of one event (`slug` keyword) until that event's data changes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_use_cache(request):
            return view(request, *args, **kwargs)
        version = cached_event_version(kwargs["slug"])  # no SQL on a hit
        if version is None:  # a draft (staff preview) or unknown: never cached
            return view(request, *args, **kwargs)
        if generation.readable():
            allow_early_hits(request, until=version.phase_ends)
        return serve(request, view, version.cache_parts, args, kwargs)

    return wrapper


def cache_site_wide(view):
    """Cache a view that shows many events until any event changes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_use_cache(request):
            return view(request, *args, **kwargs)
        return _serve_site_wide(request, view, args, kwargs, occasions=False)

    return wrapper


def cache_occasions(view):
    """Cache an occasion page or export until any event or occasion changes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_use_cache(request):
            return view(request, *args, **kwargs)
        return _serve_site_wide(request, view, args, kwargs, occasions=True)

    return wrapper


def _serve_site_wide(request, view, args, kwargs, *, occasions: bool):
    version, until = cached_site_version(occasions=occasions)  # no SQL on a hit
    if generation.readable():
        # Until the next event starts or ends: then "upcoming" and "past" move with no edit.
        allow_early_hits(request, until=until)
    return serve(request, view, version, args, kwargs)
