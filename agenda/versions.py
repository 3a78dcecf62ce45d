"""The data version of an event: one read that feeds the page's ETag and
Last-Modified, the exports' validators and the page-cache key.

`event_version()` reads, in one plain SQL statement (every cache hit pays for
it, and building the equivalent ORM query costs more than running it), the
counters every public view of an event depends on: `updated_at`, which moves on
every change a page shows, `sequence`, the status, and the times that decide
the event's phase (upcoming, running, past: pages say "took place" with no
edit). The views derive their validators from the one `EventVersion`.

`cached_event_version()` is what a cache hit asks: the same answer for the
public, kept in the cache under the data generation (`common.generation`), so
that a hit reads no SQL and an edit (which ends the generation) shows at once.

`site_version()` is the same for views that show many events, and
`cached_site_version()` keeps it (with the occasions' share) under the data
generation until the next start or end of a public event, when it changes with
no edit.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from common import generation

from .models import Event, Occasion

PHASES = ("upcoming", "running", "past")


@dataclass(frozen=True)
class EventVersion:
    pk: int
    uid: uuid.UUID
    updated_at: datetime
    sequence: int
    start: datetime
    end: datetime
    status: str
    now: datetime

    @classmethod
    def of(cls, event: Event, now: datetime | None = None) -> EventVersion:
        """The version of an event already in memory (what a built document describes)."""
        return cls(
            event.pk,
            event.uid,
            event.updated_at,
            event.sequence,
            event.start,
            event.end,
            event.status,
            now or timezone.now(),
        )

    @property
    def phase(self) -> str:
        return PHASES[(self.start <= self.now) + (self.end <= self.now)]

    @property
    def phase_ends(self) -> datetime | None:
        """When what the pages show of this version changes with no edit: the phase, or
        `is_past` (one microsecond after the end); None once both are over."""
        moments = (self.start, self.end, self.end + timedelta(microseconds=1))
        return next((moment for moment in moments if moment > self.now), None)

    @property
    def is_past(self) -> bool:
        return self.end < self.now

    @property
    def is_public(self) -> bool:
        return self.status in Event.PUBLIC_STATUSES

    @property
    def page_parts(self) -> tuple:
        """What the event page shows depends on (its ETag)."""
        return ("event", self.pk, self.updated_at.isoformat(), self.status, self.is_past)

    @property
    def page_last_modified(self) -> datetime:
        # The page changes when the event ends ("This event took place…"), with no edit.
        return max(self.updated_at, self.end) if self.is_past else self.updated_at

    @property
    def export_parts(self) -> tuple:
        """What an exported document (.ics, schedule) depends on: the clock plays no part."""
        return (self.uid, self.sequence, self.updated_at.isoformat(), self.status)

    @property
    def cache_parts(self) -> tuple:
        """The page-cache key's share."""
        return (self.pk, self.updated_at.isoformat(), self.sequence, self.phase)


def event_version(
    slug: str, *, drafts: bool = False, now: datetime | None = None
) -> EventVersion | None:
    """The version of the event at `slug`, or None if there is none the viewer may
    see (the public: published and cancelled events; `drafts`: any)."""
    now = now or timezone.now()
    params = [slug] if drafts else [slug, *Event.PUBLIC_STATUSES]
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(drafts), params)
        row = cursor.fetchone()
    if row is None:
        return None
    pk, uid, updated_at, sequence, start, end, status = row
    return EventVersion(
        pk,
        uid if isinstance(uid, uuid.UUID) else uuid.UUID(uid),
        _moment(updated_at),
        sequence,
        _moment(start),
        _moment(end),
        status,
        now,
    )


def cached_event_version(slug: str, *, now: datetime | None = None) -> EventVersion | None:
    """`event_version(slug)` for the public, without SQL when the current data generation
    already read it. Events the public may not see are never kept (they are read each time)."""
    now = now or timezone.now()
    current = generation.current()  # before the data: see common.generation
    if current is None:
        return event_version(slug, now=now)
    cache = caches[generation.CACHE_ALIAS]
    key = "event-version:" + hashlib.sha256(f"{current}\x1f{slug}".encode()).hexdigest()
    try:
        row = cache.get(key)
    except Exception:  # the cache is optional
        return event_version(slug, now=now)
    if row is not None:
        pk, uid, updated_at, sequence, start, end, status = row
        return EventVersion(pk, uid, updated_at, sequence, start, end, status, now)
    version = event_version(slug, now=now)
    if version is not None and generation.readable():
        row = (
            version.pk,
            version.uid,
            version.updated_at,
            version.sequence,
            version.start,
            version.end,
            version.status,
        )
        with contextlib.suppress(Exception):  # as above
            cache.add(key, row, settings.EVENTSITE_VERSION_CACHE_TIMEOUT)
    return version


def _moment(value) -> datetime:
    # A plain cursor skips the ORM's converters: SQLite gives text, PostgreSQL datetimes.
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


@functools.cache
def _version_sql(drafts: bool) -> str:
    column = {
        f.name: connection.ops.quote_name(f.column or f.name) for f in Event._meta.concrete_fields
    }
    names = ("id", "uid", "updated_at", "sequence", "start", "end", "status")
    sql = (
        f"SELECT {', '.join(column[name] for name in names)}"
        f" FROM {connection.ops.quote_name(Event._meta.db_table)}"
        f" WHERE {column['slug']} = %s"
    )
    if not drafts:
        sql += f" AND {column['status']} IN ({', '.join(['%s'] * len(Event.PUBLIC_STATUSES))})"
    return sql


def site_version(now: datetime | None = None) -> tuple:
    """The data version of everything: any event saved, added, removed or changing phase."""
    return _site_totals(now or timezone.now())[0]


def _site_totals(now: datetime) -> tuple[tuple, datetime | None]:
    """`site_version(now)` and the moment it next changes with no edit (None: never)."""
    public = Q(status__in=Event.PUBLIC_STATUSES)
    totals = Event.objects.aggregate(
        latest=Max("updated_at"),
        events=Count("pk"),
        started=Count("pk", filter=public & Q(start__lte=now)),
        ended=Count("pk", filter=public & Q(end__lte=now)),
        next_start=Min("start", filter=public & Q(start__gt=now)),
        next_end=Min("end", filter=public & Q(end__gt=now)),
    )
    latest = totals.pop("latest")
    moments = [m for m in (totals.pop("next_start"), totals.pop("next_end")) if m is not None]
    parts = (latest.isoformat() if latest else "", *sorted(totals.items()))
    return parts, min(moments, default=None)


def cached_site_version(
    *, occasions: bool = False, now: datetime | None = None
) -> tuple[tuple, datetime | None]:
    """`site_version()` (with `occasions_version()` after it when `occasions`) and until
    when it holds with no edit; without SQL when the current data generation already
    read it, as `cached_event_version()` does."""
    now = now or timezone.now()
    current = generation.current()  # before the data: see common.generation
    key = None
    if current is not None:
        key = "site-version:" + hashlib.sha256(f"{current}\x1f{occasions}".encode()).hexdigest()
        try:
            kept = caches[generation.CACHE_ALIAS].get(key)
        except Exception:  # the cache is optional
            kept, key = None, None
        if kept is not None and (kept[1] is None or now < kept[1]):
            return kept
    parts, until = _site_totals(now)
    if occasions:
        # An occasion page shows "on now" from its first local day: a midnight in its zone,
        # which falls on a quarter hour in UTC in every zone.
        quarter = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
        next_quarter = quarter + timedelta(minutes=15)
        parts = (*parts, occasions_version(), quarter.isoformat())
        until = next_quarter if until is None else min(until, next_quarter)
    if key is not None and generation.readable():
        with contextlib.suppress(Exception):  # as above
            caches[generation.CACHE_ALIAS].set(
                key, (parts, until), settings.EVENTSITE_VERSION_CACHE_TIMEOUT
            )
    return parts, until


def occasions_version() -> tuple:
    """The data version of the occasions themselves (their pages add their events')."""
    totals = Occasion.objects.aggregate(latest=Max("updated_at"), occasions=Count("pk"))
    latest = totals["latest"]
    return (latest.isoformat() if latest else "", totals["occasions"])
