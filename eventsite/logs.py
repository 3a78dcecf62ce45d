"""Structured logs: one JSON object per line on stdout, for requests and errors.

Stdlib only, so gunicorn's own config can use the formatter before Django loads.
"""

import json
import logging
import time
import traceback
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else was passed with `extra=` and is logged.
_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "taskName",
}

request_logger = logging.getLogger("eventsite.request")


class JsonFormatter(logging.Formatter):
    """Render a record as one line of JSON; tracebacks become a single string field."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRS and not name.startswith("_"):
                entry[name] = value
        if record.exc_info:
            entry["exc"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(entry, default=str, ensure_ascii=False)


class RequestLogMiddleware:
    """Log one line per request: method, path, status, duration, size and view.

    Placed first in MIDDLEWARE, so the duration covers every other middleware and
    an exception in a view shows up here as the 500 that Django turned it into.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        request_logger.log(
            level,
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 2),
                "bytes": _size(response),
                "view": match.view_name if match else None,
                "request_id": request.headers.get("X-Request-ID"),
            },
        )
        return response


def _size(response) -> int | None:
    if response.has_header("Content-Length"):
        return int(response["Content-Length"])
    return None if response.streaming else len(response.content)
