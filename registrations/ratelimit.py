"""A per-IP limit on form submissions, counted in Django's cache.

A fixed window: at most `limit` submissions per `window` seconds from one
address. With several processes the cache must be shared (Redis, Memcached,
the database cache) for the limit to hold across them.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = (20, 600)  # 20 submissions per 10 minutes


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address the trusted proxies in front of us saw.

    EVENTSITE_TRUSTED_PROXIES is how many proxies append to X-Forwarded-For;
    the client is the entry that many places from the right. Anything further
    left was written by the client and cannot be trusted.
    """
    proxies = getattr(settings, "EVENTSITE_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope: str, *, now: float | None = None) -> bool:
    """Count this submission; False once the address is over the limit."""
    limit, window = getattr(settings, "REGISTRATION_RATE_LIMIT", DEFAULT_LIMIT)
    now = time.time() if now is None else now
    key = f"ratelimit:{scope}:{client_ip(request)}:{int(now // window)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
