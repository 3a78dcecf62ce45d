"""Cache rendered public responses, keyed on the version of the data they show.

A key names the data version (each event's `updated_at`, which moves on every
change a page shows, and its `sequence`), the event's phase (upcoming, running,
past: pages say "took place"), the view, the host and path, and the release.
An edit therefore makes a new key at once: nothing has to be invalidated and no
stale page is served; superseded entries just age out of the cache.

What is cached: GET and HEAD from visitors without a session cookie (staff and
other logged-in users always get a fresh render), without a query string (so
random query strings cannot fill the cache), and only 200 responses that set
no cookie. Pages must not carry a per-request value such as a CSP nonce or a
CSRF token; a response that asked for a CSRF cookie is not stored.

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
import hashlib
import logging
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from .models import Event

CACHE_ALIAS = "default"
logger = logging.getLogger(__name__)


def event_version(slug: str, now: datetime | None = None) -> tuple | None:
    """The data version of a public event, or None if the public cannot see it.

    Every cache hit pays for this lookup, so it is one plain statement: building
    the equivalent ORM query costs more than running it.
    """
    now = connection.ops.adapt_datetimefield_value(now or timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [now, now, slug, *Event.PUBLIC_STATUSES])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, updated_at, sequence, started, ended = row
    return (pk, str(updated_at), sequence, PHASES[bool(started) + bool(ended)])


PHASES = ("upcoming", "running", "past")


@functools.cache
def _version_sql() -> str:
    column = {f.name: connection.ops.quote_name(f.column) for f in Event._meta.concrete_fields}
    return (
        f"SELECT {column['id']}, {column['updated_at']}, {column['sequence']},"
        f" {column['start']} <= %s, {column['end']} <= %s"
        f" FROM {connection.ops.quote_name(Event._meta.db_table)}"
        f" WHERE {column['slug']} = %s"
        f" AND {column['status']} IN ({', '.join(['%s'] * len(Event.PUBLIC_STATUSES))})"
    )


def site_version(now: datetime | None = None) -> tuple:
    """The data version of everything: any event saved, added, removed or changing phase."""
    now = now or timezone.now()
    public = Q(status__in=Event.PUBLIC_STATUSES)
    totals = Event.objects.aggregate(
        latest=Max("updated_at"),
        events=Count("pk"),
        started=Count("pk", filter=public & Q(start__lte=now)),
        ended=Count("pk", filter=public & Q(end__lte=now)),
    )
    latest = totals.pop("latest")
    return (latest.isoformat() if latest else "", *sorted(totals.items()))


def cache_per_event(view):
    """Cache a view of one event (`slug` keyword) until that event's data changes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        version = event_version(kwargs["slug"])
        if version is None:  # a draft (staff preview) or unknown: never cached
            return view(request, *args, **kwargs)
        return _serve(request, view, version, args, kwargs)

    return wrapper


def cache_site_wide(view):
    """Cache a view that shows many events until any event changes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        return _serve(request, view, site_version(), args, kwargs)

    return wrapper


def _may_use_cache(request) -> bool:
    return (
        settings.EVENTSITE_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _key(request, view, version: tuple) -> str:
    parts = (
        settings.EVENTSITE_RELEASE,
        f"{view.__module__}.{view.__qualname__}",
        repr(version),
        request.scheme,
        request.get_host(),
        request.path,
    )
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _serve(request, view, version: tuple, args, kwargs):
    cache = caches[CACHE_ALIAS]
    key = _key(request, view, version)
    try:
        cached = cache.get(key)
    except Exception as error:  # the cache is optional: a Redis outage must not take pages down
        logger.warning("page cache unavailable: %s", error)
        return view(request, *args, **kwargs)
    if cached is not None:
        return _conditional(request, cached)
    response = view(request, *args, **kwargs)
    if request.method != "GET":
        return response

    def store(rendered):
        if _storable(request, rendered):
            patch_vary_headers(rendered, ["Cookie"])
            try:
                cache.set(key, rendered, settings.EVENTSITE_PAGE_CACHE_TIMEOUT)
            except Exception as error:  # as above
                logger.warning("page cache unavailable: %s", error)

    if getattr(response, "is_rendered", True):
        store(response)
    else:  # a TemplateResponse renders after the view returns
        response.add_post_render_callback(store)
    return response


def _storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _conditional(request, response):
    etag = response.get("ETag")
    last_modified = response.get("Last-Modified")
    if not (etag or last_modified):
        return response
    return get_conditional_response(
        request,
        etag=etag,
        last_modified=last_modified and parse_http_date_safe(last_modified),
        response=response,
    )
