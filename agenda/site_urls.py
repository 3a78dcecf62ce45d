"""Absolute addresses on this site, for what leaves it: calendars, links, exports.

During a request, links use that request's scheme and host (`request_base()`;
Django has checked the host against ALLOWED_HOSTS), so a page and the files it
links to name one address. Without a request (outbox e-mails, commands) they
use `settings.EVENTSITE_BASE_URL`, which production requires. `base_url`
overrides the setting (a request's own base, a test).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from django.http import HttpRequest

    from agenda.models import Event


def base(base_url: str | None = None) -> str:
    """The site's address without a trailing slash."""
    return (base_url or settings.EVENTSITE_BASE_URL).rstrip("/")


def event_url(event: Event, base_url: str | None = None) -> str:
    """The event's public page, absolute."""
    return base(base_url) + event.get_absolute_url()


def request_base(request: HttpRequest | None) -> str:
    """The request's scheme and host without a trailing slash; the setting without one."""
    if request is None:
        return base()
    return request.build_absolute_uri("/").rstrip("/")
