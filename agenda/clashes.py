"""Clash checks: pure functions, no database (in the style of agenda/schedule.py).

A *room clash* is two bookings of one room whose times overlap, by different
events. A *person clash* is one person on two agenda items whose times
overlap. Times are aware datetimes compared as absolute instants; a booking
ends when the next may start, so 13:15–14:45 and 14:45–15:30 do not clash.
What to do with a clash (refuse publishing, warn) is the callers' choice
(agenda/clash_checks.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar


@dataclass(frozen=True)
class Booking:
    """An event in a room."""

    event: Hashable
    room: Hashable | None  # None: not in a booked room, never clashes
    start: datetime
    end: datetime
    payload: Any = None


@dataclass(frozen=True)
class Appearance:
    """A person on an agenda item, at the item's computed times."""

    person: Hashable
    item: Hashable
    start: datetime
    end: datetime
    payload: Any = None


T = TypeVar("T", Booking, Appearance)


@dataclass(frozen=True)
class Clash(Generic[T]):
    first: T  # the one that starts first (ties: in the order given)
    second: T


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Whether two half-open spans [start, end) share an instant."""
    return a_start < b_end and b_start < a_end


def _sweep(
    entries: Iterable[T],
    group: Callable[[T], Hashable | None],
    owner: Callable[[T], Hashable],
) -> list[Clash[T]]:
    """Every pair in one group, of different owners, whose spans overlap.

    Sorted by start, each entry is compared only with those still running when
    it starts: n log n plus the number of clashes.
    """
    groups: dict[Hashable, list[tuple[int, T]]] = defaultdict(list)
    for order, entry in enumerate(entries):
        key = group(entry)
        if key is not None and entry.end > entry.start:
            groups[key].append((order, entry))
    clashes: list[Clash[T]] = []
    for members in groups.values():
        members.sort(key=lambda pair: (pair[1].start, pair[0]))
        running: list[T] = []
        for _order, entry in members:
            running = [r for r in running if r.end > entry.start]
            clashes.extend(Clash(r, entry) for r in running if owner(r) != owner(entry))
            running.append(entry)
    return clashes


def room_clashes(bookings: Iterable[Booking]) -> list[Clash[Booking]]:
    return _sweep(bookings, group=lambda b: b.room, owner=lambda b: b.event)


def person_clashes(appearances: Iterable[Appearance]) -> list[Clash[Appearance]]:
    return _sweep(appearances, group=lambda a: a.person, owner=lambda a: a.item)


def involving(clashes: Iterable[Clash], test: Callable[[Any], bool]) -> list[Clash]:
    """The clashes one side of which passes `test` (e.g. is of a given event)."""
    return [c for c in clashes if test(c.first) or test(c.second)]
