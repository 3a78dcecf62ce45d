"""A data generation: a token that changes whenever any stored data a page shows changes.

Lets a cache hit find an object's data version without SQL (`agenda.versions`
keeps versions under the current generation), and never serve a stale one:

* `bump()` is called on every write that changes what a page shows, once at
  once and once more when the transaction commits, so a version read by
  another connection before the commit (the old data) is filed under a
  generation that is already over when the new data becomes visible;
* `readable()` says whether a version just read may be kept: not inside a
  transaction of this connection (it would hold uncommitted data, and a
  rollback would leave a newer version cached than the database has);
* `current()` is read before the data, so what is filed under a generation
  was read while it was current.

Where the generation lives: in the cache when the cache is shared (Redis: every
worker and server sees one counter), else in a small file that every worker on
this machine stats (the local-memory cache is per process, so a counter in it
would not reach the other workers). With Django's Redis backend the counter is
read through one Redis connection kept per process (`_Reader`: no pool, no
retry layer; a new one after a fork) and moved through one Redis client kept
per process (`_redis()`), not through the cache API, which builds a client on
every call: a cache hit reads the generation first, so this read is most of
what a hit costs. Same key, same values: either path reads what the other wrote. Code that changes pages' data with
`QuerySet.update()` must call `bump()` (agenda's `touch_events()` does).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import tempfile
import threading
from pathlib import Path

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction

CACHE_ALIAS = "default"
KEY = "data-generation"
logger = logging.getLogger(__name__)


def current() -> str | None:
    """The generation now, or None when it cannot be known (then read the database)."""
    try:
        cache = caches[CACHE_ALIAS]
        if isinstance(cache, LocMemCache):
            stat = _file().stat()
            return f"f{stat.st_size}.{stat.st_mtime_ns}"
        if isinstance(cache, RedisCache):
            key = cache.make_and_validate_key(KEY)
            raw: bytes | str | None = _reader(_location(), os.getpid()).get(key)
            if raw is None:
                client, key = _redis(_location(), key)
                client.set(key, _fresh(), nx=True)
                raw = client.get(key)
            return None if raw is None else f"c{int(raw)}"
        value = cache.get(KEY)
        if value is None:  # first use, or evicted: never restart at a number once used
            cache.add(KEY, _fresh(), timeout=None)
            value = cache.get(KEY)
        return None if value is None else f"c{value}"
    except Exception as error:  # the cache is optional: fall back on SQL
        logger.warning("data generation unavailable: %s", error)
        return None


def bump() -> None:
    """Data changed: end the generation now and again when the transaction commits."""
    _bump()
    if connection.in_atomic_block:
        transaction.on_commit(_bump)


def readable() -> bool:
    """Whether what this connection reads now is committed data (no transaction of the
    app's own is open: a test's wrapping transaction does not count)."""
    return not any(
        not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


def _bump() -> None:
    try:
        cache = caches[CACHE_ALIAS]
        if isinstance(cache, LocMemCache):
            with _file().open("ab") as generation:
                generation.write(b".")
            return
        if isinstance(cache, RedisCache):
            client, key = _redis(_location(), cache.make_and_validate_key(KEY))
            # INCR on a missing key would restart at 1, a number perhaps used before.
            _MOVE(keys=[key], args=[_fresh()], client=client)
            return
        try:
            cache.incr(KEY)
        except ValueError:  # not there yet (or evicted): any new value ends the old one
            cache.set(KEY, _fresh(), timeout=None)
    except Exception as error:
        logger.warning("data generation not moved: %s", error)


_MOVE_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCR', KEYS[1]) end
redis.call('SET', KEYS[1], ARGV[1])
return tonumber(ARGV[1])
"""
_MOVE = redis.Redis().register_script(_MOVE_SCRIPT)  # no connection until it runs


class _Reader:
    """One connection for the generation's GET: a hit pays a round trip and little more.

    A lock keeps threads (gunicorn's gthread workers) from sharing a reply. A
    connection that was lost (Redis restarted, an idle timeout) is opened again
    once; any other error drops it and reaches the caller, which then falls back
    on SQL for this request.
    """

    def __init__(self, location: str):
        self._connection = redis.Redis.from_url(location).connection_pool.make_connection()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            try:
                return self._get(key)
            except (redis.ConnectionError, redis.TimeoutError):
                self._connection.disconnect()
            try:
                return self._get(key)  # GET is safe to send twice
            except BaseException:
                self._connection.disconnect()
                raise

    def _get(self, key: str) -> bytes | None:
        self._connection.send_command("GET", key)
        return self._connection.read_response()


@functools.lru_cache(maxsize=4)
def _reader(location: str, pid: int) -> _Reader:
    # Keyed on the process: a connection opened before gunicorn forks is not shared.
    return _Reader(location)


@functools.lru_cache(maxsize=4)
def _redis(location: str, key: str) -> tuple[redis.Redis, str]:
    return redis.Redis.from_url(location), key


def _location() -> str:
    location = settings.CACHES[CACHE_ALIAS]["LOCATION"]
    return location[0] if isinstance(location, list | tuple) else location


def _fresh() -> int:
    return int.from_bytes(os.urandom(6), "big")


def _file() -> Path:
    path = getattr(settings, "EVENTSITE_GENERATION_FILE", "") or _default_file()
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    return path


def _default_file() -> str:
    # One per database, on tmpfs where there is one: a stat is all a hit pays.
    name = str(settings.DATABASES["default"].get("NAME", ""))
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    return os.path.join(folder, f"eventsite-generation-{os.getuid()}-{digest}")
