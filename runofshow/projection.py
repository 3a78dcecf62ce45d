"""Where an event stands while it runs: pure functions, no database.

Input: the planned slots (`agenda.schedule.Slot`: start, end, pinned), what the
timekeeper recorded (an actual start and end per item) and "now". Output: the
item on now, its remaining or overrun seconds, the expected start and end of
every item (actual for what has run, projected for the rest) and the projected
end.

The rules of the projection:

- an item that ran keeps its recorded start and end;
- the item on now ends at its start plus its planned length, or now if later;
- an item still to come starts when the previous one ends (a pinned item not
  before its pinned time) and never before now; it keeps its planned length.

So a projection never starts an item before the previous one ends, and with no
delay (nothing recorded, now before the start) it is the plan, for a plan
without overlaps. All arithmetic is on UTC.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from agenda.schedule import Slot, minutes_between


class State(Enum):
    DONE = "done"
    CURRENT = "current"
    COMING = "coming"
    SKIPPED = "skipped"  # the run ended before it started


@dataclass(frozen=True)
class Recorded:
    """What the timekeeper recorded for one item."""

    started: datetime | None = None
    ended: datetime | None = None


@dataclass(frozen=True)
class ItemProgress:
    index: int
    planned_start: datetime
    planned_end: datetime
    start: datetime  # actual, or expected
    end: datetime
    state: State

    @property
    def budget_minutes(self) -> int:
        return minutes_between(self.planned_start, self.planned_end)

    @property
    def ran_minutes(self) -> int | None:
        """Whole minutes it ran (rounded to the nearest), once it has run."""
        if self.state is not State.DONE:
            return None
        seconds = (self.end - self.start).total_seconds()
        return math.floor(seconds / 60 + 0.5)

    @property
    def difference_minutes(self) -> int | None:
        """Ran minus budget: positive when it ran long."""
        ran = self.ran_minutes
        return None if ran is None else ran - self.budget_minutes

    @property
    def delay_minutes(self) -> int:
        """How much later than planned it starts (negative: earlier)."""
        return minutes_between(self.planned_start, self.start)


@dataclass(frozen=True)
class Progress:
    now: datetime
    items: tuple[ItemProgress, ...]
    room_end: datetime
    ended: bool

    @property
    def current(self) -> ItemProgress | None:
        return next((i for i in self.items if i.state is State.CURRENT), None)

    @property
    def next(self) -> ItemProgress | None:
        return next((i for i in self.items if i.state is State.COMING), None)

    @property
    def started(self) -> bool:
        return any(i.state in (State.DONE, State.CURRENT) for i in self.items)

    @property
    def budget_end(self) -> datetime | None:
        """When the item on now should end by its planned length."""
        item = self.current
        if item is None:
            return None
        return item.start + (item.planned_end - item.planned_start)

    @property
    def remaining_seconds(self) -> int | None:
        """Seconds left in the current item's budget; negative once over."""
        end = self.budget_end
        return None if end is None else math.ceil((end - self.now).total_seconds())

    @property
    def overrun_minutes(self) -> int:
        """Started minutes over the budget: 1 as soon as it is over."""
        remaining = self.remaining_seconds
        if remaining is None or remaining >= 0:
            return 0
        return math.ceil(-remaining / 60)

    @property
    def planned_end(self) -> datetime:
        return max((i.planned_end for i in self.items), default=self.room_end)

    @property
    def projected_end(self) -> datetime:
        run = [i for i in self.items if i.state is not State.SKIPPED]
        return max((i.end for i in run), default=self.room_end)

    @property
    def behind_minutes(self) -> int:
        """Projected end against the planned one: positive behind, negative ahead."""
        return minutes_between(self.planned_end, self.projected_end)

    @property
    def past_room_end_minutes(self) -> int:
        """Minutes the projected end is past the room's end (0 when it fits)."""
        return max(0, minutes_between(self.room_end, self.projected_end))


def project(
    *,
    slots: Sequence[Slot],
    recorded: Sequence[Recorded],
    now: datetime,
    room_end: datetime,
    ended: bool = False,
) -> Progress:
    """Where the run stands at `now`. `recorded` is one entry per slot, in order;
    `ended` says the timekeeper ended the event (what had not started is skipped)."""
    if len(recorded) != len(slots):
        raise ValueError("one recorded entry per slot")
    if now.tzinfo is None or room_end.tzinfo is None:
        raise ValueError("now and room_end must be aware datetimes")
    now = now.astimezone(UTC)
    items: list[ItemProgress] = []
    cursor: datetime | None = None  # when the previous item ends
    for slot, rec in zip(slots, recorded, strict=True):
        length = slot.end - slot.start
        planned_start, planned_end = slot.start.astimezone(UTC), slot.end.astimezone(UTC)
        if rec.started is not None and rec.ended is not None:
            start, end, state = rec.started.astimezone(UTC), rec.ended.astimezone(UTC), State.DONE
        elif rec.started is not None and not ended:
            start = rec.started.astimezone(UTC)
            end, state = max(start + length, now), State.CURRENT
        else:
            start = planned_start if cursor is None else cursor
            if slot.pinned:
                start = max(start, planned_start)
            start = max(start, now) if not ended else start
            end = start + length
            state = State.SKIPPED if ended else State.COMING
        items.append(ItemProgress(slot.index, planned_start, planned_end, start, end, state))
        cursor = end
    return Progress(now=now, items=tuple(items), room_end=room_end.astimezone(UTC), ended=ended)


def seconds_text(seconds: int) -> str:
    """A countdown as the screen shows it: 07:05, or 1:02:03 past an hour."""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"
