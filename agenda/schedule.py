"""Schedule arithmetic: pure functions, no database.

Times are aware datetimes; arithmetic happens on absolute time, so a slot that
crosses a DST change keeps its real length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class ItemInput:
    minutes: int | None = None
    fixed_start: datetime | None = None


@dataclass(frozen=True)
class Slot:
    index: int
    start: datetime
    end: datetime
    minutes: int | None  # the budget; None when the item has none
    pinned: bool
    payload: Any = None
    count: int = 0  # items in the agenda: says how they are numbered

    @property
    def duration_minutes(self) -> int:
        return minutes_between(self.start, self.end)

    @property
    def number(self) -> str:
        return item_number(self.index + 1, max(self.count, self.index + 1))


@dataclass(frozen=True)
class Overlap:
    index: int  # the pinned item that starts too early
    previous_index: int
    minutes: int


@dataclass(frozen=True)
class Schedule:
    start: datetime
    end: datetime
    slots: list[Slot] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)

    @property
    def slot_minutes(self) -> int:
        return minutes_between(self.start, self.end)

    @property
    def allocated_minutes(self) -> int:
        return sum(s.minutes for s in self.slots if s.minutes is not None)

    @property
    def free_minutes(self) -> int:
        """Slot minus budgets; negative when the budgets exceed the slot."""
        return self.slot_minutes - self.allocated_minutes

    @property
    def finishes_at(self) -> datetime:
        return max((s.end for s in self.slots), default=self.start)

    @property
    def overrun_minutes(self) -> int:
        return max(0, minutes_between(self.end, self.finishes_at))

    @property
    def overrunning_slot(self) -> Slot | None:
        """The first item that ends after the event's end."""
        return next((s for s in self.slots if s.end > self.end), None)

    @property
    def is_valid(self) -> bool:
        return self.overrun_minutes == 0 and not self.overlaps

    def problems(self, titles: Sequence[str] | None = None) -> list[str]:
        """Readable messages naming the items and the minutes."""

        def name(index: int) -> str:
            label = f"{item_number(index + 1, len(self.slots))}."
            if titles is not None:
                label += f" {titles[index]}"
            return label

        messages = []
        culprit = self.overrunning_slot
        if culprit is not None:
            messages.append(
                f"The agenda runs {self.overrun_minutes} minute"
                f"{'' if self.overrun_minutes == 1 else 's'} past the event's end: "
                f"item {name(culprit.index)} ends after it."
            )
        for overlap in self.overlaps:
            messages.append(
                f"Item {name(overlap.index)} is pinned to start {overlap.minutes} minute"
                f"{'' if overlap.minutes == 1 else 's'} before item "
                f"{name(overlap.previous_index)} ends."
            )
        return messages


def minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes from start to end (negative if end is earlier)."""
    # Subtracting two datetimes of the same zone is wall-clock arithmetic in Python;
    # converting to UTC first gives real elapsed time across DST changes.
    seconds = (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds()
    return int(seconds // 60) if seconds >= 0 else -int(-seconds // 60)


def compute(
    *,
    start: datetime,
    end: datetime,
    items: Sequence[ItemInput],
    payloads: Sequence[Any] | None = None,
) -> Schedule:
    """Lay the items out one after another from `start`.

    An item with a fixed start begins then (an overlap is reported if the
    previous item is still running). An item without a budget runs until the
    next item's start, or to the event's end if it is the last.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end must be aware datetimes")
    # All arithmetic on UTC, so a budget is real minutes even across a DST change.
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    starts: list[datetime] = []
    overlaps: list[Overlap] = []
    cursor = start
    previous_end: datetime | None = None
    for index, item in enumerate(items):
        if item.fixed_start is not None:
            if item.fixed_start.tzinfo is None:
                raise ValueError("fixed_start must be an aware datetime")
            item_start = item.fixed_start.astimezone(UTC)
            if previous_end is not None and item_start < previous_end:
                overlaps.append(
                    Overlap(index, index - 1, minutes_between(item_start, previous_end))
                )
        else:
            item_start = cursor
        starts.append(item_start)
        if item.minutes is not None:
            previous_end = item_start + timedelta(minutes=item.minutes)
        else:
            previous_end = item_start  # resolved below, once the next start is known
        cursor = previous_end

    slots: list[Slot] = []
    for index, item in enumerate(items):
        item_start = starts[index]
        if item.minutes is not None:
            item_end = item_start + timedelta(minutes=item.minutes)
        elif index + 1 < len(items):
            item_end = max(item_start, starts[index + 1])
        else:
            item_end = max(item_start, end)
        slots.append(
            Slot(
                index=index,
                start=item_start,
                end=item_end,
                minutes=item.minutes,
                pinned=item.fixed_start is not None,
                payload=payloads[index] if payloads is not None else None,
                count=len(items),
            )
        )
    return Schedule(start=start, end=end, slots=slots, overlaps=overlaps)


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


# Up to this many items an agenda is numbered I, II … XX; a longer one 1, 2, 3 …
ROMAN_UP_TO = 20


def item_number(position: int, count: int) -> str:
    """Item `position` (from 1) of an agenda of `count` items, as every output
    numbers it (pages, print, .ics, the admin's messages): Roman numerals up to
    ROMAN_UP_TO items, Arabic beyond, so one agenda never mixes the two."""
    if position < 1:
        raise ValueError("Items are numbered from 1")
    return roman(position) if count <= ROMAN_UP_TO else str(position)


def roman(number: int) -> str:
    if number <= 0:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)
