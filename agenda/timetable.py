"""An occasion's day-by-room timetable: pure functions, no database.

Entries (one per published event) are grouped by local date in the
occasion's zone, then laid out as rows by start time and columns by room.
`filtered()` narrows entries by day, room and organisation (the page's
filters, plain GET parameters); `now_and_next()` says what is on and what
starts next. Times stay aware; the templates label them in the zone.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from . import timefmt


@dataclass(frozen=True)
class Entry:
    start: datetime
    end: datetime
    room: Hashable  # "" when no room is known
    room_label: str
    organisations: frozenset[Hashable] = frozenset()
    payload: Any = None

    def covers(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class Row:
    start: datetime
    cells: list[list[Entry]]  # one list per room of the day, in the day's room order


@dataclass(frozen=True)
class Day:
    date: date
    rooms: list[tuple[Hashable, str]]
    rows: list[Row]
    entries: list[Entry] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.date.isoformat()


def local_date(entry: Entry, zone: ZoneInfo) -> date:
    return entry.start.astimezone(zone).date()


def _rooms(entries: Iterable[Entry]) -> list[tuple[Hashable, str]]:
    labels: dict[Hashable, str] = {}
    for entry in entries:
        labels.setdefault(entry.room, entry.room_label)
    # Named rooms in name order; "no room" last.
    return sorted(
        labels.items(), key=lambda pair: (pair[0] == "", pair[1].casefold(), str(pair[0]))
    )


def days(entries: Sequence[Entry], zone: ZoneInfo) -> list[Day]:
    by_date: dict[date, list[Entry]] = {}
    for entry in sorted(entries, key=lambda e: (e.start, e.room_label, e.end)):
        by_date.setdefault(local_date(entry, zone), []).append(entry)
    result = []
    for day, members in sorted(by_date.items()):
        rooms = _rooms(members)
        column = {key: index for index, (key, _label) in enumerate(rooms)}
        rows: list[Row] = []
        for entry in members:
            if not rows or rows[-1].start != entry.start:
                rows.append(Row(start=entry.start, cells=[[] for _ in rooms]))
            rows[-1].cells[column[entry.room]].append(entry)
        result.append(Day(date=day, rooms=rooms, rows=rows, entries=members))
    return result


def filtered(
    entries: Iterable[Entry],
    zone: ZoneInfo,
    *,
    day: date | None = None,
    room: Hashable | None = None,
    organisation: Hashable | None = None,
) -> list[Entry]:
    return [
        e
        for e in entries
        if (day is None or local_date(e, zone) == day)
        and (room is None or e.room == room)
        and (organisation is None or organisation in e.organisations)
    ]


def now_and_next(entries: Iterable[Entry], now: datetime) -> tuple[list[Entry], list[Entry]]:
    """(what is on at `now`, what starts next: all entries at the earliest later start)."""
    entries = sorted(entries, key=lambda e: (e.start, e.room_label))
    on = [e for e in entries if e.covers(now)]
    later = [e for e in entries if e.start > now]
    upcoming = [e for e in later if e.start == later[0].start] if later else []
    return on, upcoming


def day_label(day: date) -> str:
    """'Monday, 4 September 2017'."""
    return f"{day:%A}, {day.day} {day:%B %Y}"


def span_label(entry: Entry, zone: ZoneInfo) -> str:
    """'13:15–14:45 CEST (UTC+2)'."""
    label = timefmt.zone_label(entry.start, zone)
    return f"{timefmt.clock(entry.start, zone)}–{timefmt.clock(entry.end, zone)} {label}"
