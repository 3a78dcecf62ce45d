"""Absolute addresses on this site, for what leaves it: calendars, links, exports.

`base_url` overrides `settings.EVENTSITE_BASE_URL` (a request's own host, a test).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from agenda.models import Event


def base(base_url: str | None = None) -> str:
    """The site's address without a trailing slash."""
    return (base_url or settings.EVENTSITE_BASE_URL).rstrip("/")


def event_url(event: Event, base_url: str | None = None) -> str:
    """The event's public page, absolute."""
    return base(base_url) + event.get_absolute_url()
