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

`site_version()` is the same for views that show many events.
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
from django.db.models import Count, Max, Q
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
    now = now or timezone.now()
    public = Q(status__in=Event.PUBLIC_STATUSES)
    totals = Event.objects.aggregate(
        latest=Max("updated_at"),
        events=Count("pk"),
        started=Count("pk", filter=public & Q(start__lte=now)),
        ended=Count("pk", filter=public & Q(end__lte=now)),
    )
    latest = totals.pop("latest")
    return (latest.isoformat() if latest else "", *sorted(totals.items()))


def occasions_version() -> tuple:
    """The data version of the occasions themselves (their pages add their events')."""
    totals = Occasion.objects.aggregate(latest=Max("updated_at"), occasions=Count("pk"))
    latest = totals["latest"]
    return (latest.isoformat() if latest else "", totals["occasions"])
