"""What this run requires: a missing browser, ical.js or Redis skips the tests that
need it with the reason, or fails them where the run was started with
--require-browser, --require-icaljs or --require-redis (as .ci/run does).

tests/conftest.py registers the options and records them here at start-up."""

import os

import pytest
import redis

OPTIONS = {
    "browser": "--require-browser",
    "icaljs": "--require-icaljs",
    "redis": "--require-redis",
}
required: set[str] = set()


def unavailable(what: str, reason: str) -> None:
    """Fail when the run requires `what` (one of OPTIONS), else skip; never returns."""
    if what in required:
        pytest.fail(f"{OPTIONS[what]} but {reason}")
    pytest.skip(reason)


REDIS_URL = os.environ.get("REDIS_URL", "").strip()


def redis_unavailable() -> str | None:
    """Why Redis cannot be used here, or None."""
    if not REDIS_URL:
        return "REDIS_URL is not set (CI sets it; locally e.g. redis://127.0.0.1:6379/5)"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS_URL} does not answer: {error}"
    return None


def redis_url() -> str:
    """REDIS_URL, or the test skips (fails with --require-redis); never returns otherwise."""
    reason = redis_unavailable()
    if reason:
        unavailable("redis", reason)
    return REDIS_URL
