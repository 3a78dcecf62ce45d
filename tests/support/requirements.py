"""What this run requires: a missing browser, ical.js or Redis skips the tests that
need it with the reason, or fails them where the run was started with
--require-browser, --require-icaljs or --require-redis (as .ci/run does).

tests/conftest.py registers the options and records them here at start-up."""

import pytest

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
