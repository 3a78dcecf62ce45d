"""While the database is unreachable, answer 503 with Retry-After instead of a 500.

A lost connection (the server restarting, a failover, the network) surfaces in a
view as `OperationalError` or `InterfaceError`. The middleware turns those into
the site's "briefly unavailable" page and logs one line without a traceback: a
busy site would otherwise log a traceback per request for as long as it lasts.

Nothing has to be restarted afterwards: Django closes a connection that failed
at the end of the request, and with `conn_health_checks` (settings) a kept
connection that died while idle is replaced before the next query, so the first
request after the database is back is answered normally.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
# Seconds a client (browser, calendar app, crawler) should wait before trying again.
RETRY_AFTER_SECONDS = 30


def unavailable(request, error: Exception) -> HttpResponse:
    """The "briefly unavailable" page for a request that met `error`, logged in one line."""
    # The driver's first line says what happened ("Connection refused"); the rest is
    # hints and a traceback that would be the same on every request.
    first_line = next(iter(str(error).strip().splitlines()), "")
    logger.error(
        "database unavailable: %s",
        first_line,
        extra={"path": request.path, "error": type(error).__name__},
    )
    # Rendered without touching the database: base.html reads no user or session.
    response = HttpResponse(render_to_string("503.html", request=request), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # The line above says it all: Django would add "Service Unavailable: <path>".
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    """Place it last in MIDDLEWARE, so it sees a view's exception first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return unavailable(request, exception)
        return None


def server_error(request):
    """handler500: the same 503 when the database failed outside a view (a middleware)."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        return unavailable(request, error)
    return defaults.server_error(request)
