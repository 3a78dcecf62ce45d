"""Cache rendered responses under a key that names the data version they show.

The plumbing behind `agenda.caching` (which says what the versions are): a key
names the release (`common.release`), the view, the data version, the host and
the path. A new version makes a new key at once: nothing has to be invalidated
and no stale page is served; superseded entries just age out of the cache.

What is cached: GET and HEAD from visitors without a session cookie (staff and
other logged-in users always get a fresh render), without a query string (so
random query strings cannot fill the cache), and only 200 responses that set
no cookie. Pages must not carry a per-request value such as a CSP nonce or a
CSRF token; a response that asked for a CSRF cookie is not stored. The cache is
optional: when it is down, pages are rendered afresh.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from .release import release_token

CACHE_ALIAS = "default"
logger = logging.getLogger(__name__)


def may_use_cache(request) -> bool:
    return (
        settings.EVENTSITE_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def serve(request, view, version: tuple, args, kwargs):
    """The cached response for this view, request and data version, or a fresh one (stored)."""
    cache = caches[CACHE_ALIAS]
    key = _key(request, view, version)
    try:
        cached = cache.get(key)
    except Exception as error:  # the cache is optional: a Redis outage must not take pages down
        logger.warning("page cache unavailable: %s", error)
        return view(request, *args, **kwargs)
    if cached is not None:
        return conditional(request, cached)
    response = view(request, *args, **kwargs)
    if request.method != "GET":
        return response

    def store(rendered):
        if storable(request, rendered):
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


def storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


_CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def conditional(request, response):
    """The response, or 304/412 when the request's conditional headers say so."""
    meta = request.META
    if not any(name in meta for name in _CONDITIONS):
        return response  # what get_conditional_response() would return, without parsing dates
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


def _key(request, view, version: tuple) -> str:
    parts = (
        release_token(),
        f"{view.__module__}.{view.__qualname__}",
        repr(version),
        request.scheme,
        request.get_host(),
        request.path,
    )
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
