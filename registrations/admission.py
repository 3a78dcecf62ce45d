"""Whether an event admits registrations right now, and what a new one becomes
(the rules of admission: seats, waiting list, window; not permissions).

Pure functions of plain values: no database, no HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class State(StrEnum):
    NONE = "none"  # the event does not take registrations at all
    OPEN = "open"
    WAITING_LIST = "waiting-list"  # every seat taken; new people join the waiting list
    FULL = "full"  # every seat taken and no waiting list
    NOT_YET_OPEN = "not-yet-open"
    CLOSED = "closed"


LABELS = {
    State.NONE: "",
    State.OPEN: "Registration open",
    State.WAITING_LIST: "Full: waiting list open",
    State.FULL: "Registration full",
    State.NOT_YET_OPEN: "Registration not yet open",
    State.CLOSED: "Registration closed",
}


class SettingsLike(Protocol):
    is_open: bool
    opens_at: datetime | None
    closes_at: datetime | None
    capacity: int | None
    waiting_list: bool


@dataclass(frozen=True)
class Availability:
    state: State
    confirmed: int = 0
    capacity: int | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None

    @property
    def label(self) -> str:
        return LABELS[self.state]

    @property
    def accepts_registrations(self) -> bool:
        return self.state in (State.OPEN, State.WAITING_LIST)

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def joins_waiting_list(self) -> bool:
        return self.state == State.WAITING_LIST


def availability(
    *,
    now: datetime,
    event_start: datetime,
    event_end: datetime,
    event_published: bool,
    settings: SettingsLike | None,
    confirmed: int,
) -> Availability:
    """Registration closes at `closes_at`, or when the event starts, and at the
    latest when it ends; a past, cancelled or draft event is always closed."""
    if event_end <= now or not event_published:
        return Availability(State.CLOSED, confirmed)
    if settings is None:
        return Availability(State.NONE, confirmed)
    closes_at = min(settings.closes_at or event_start, event_end)
    closed = Availability(
        State.CLOSED,
        confirmed=confirmed,
        capacity=settings.capacity,
        opens_at=settings.opens_at,
        closes_at=closes_at,
    )
    if not settings.is_open or now >= closes_at:
        return closed
    if settings.opens_at and now < settings.opens_at:
        return replace(closed, state=State.NOT_YET_OPEN)
    if settings.capacity is not None and confirmed >= settings.capacity:
        return replace(closed, state=State.WAITING_LIST if settings.waiting_list else State.FULL)
    return replace(closed, state=State.OPEN)


def next_sequence(*, event_sequence: int, last_sent: int | None, changes_their_copy: bool) -> int:
    """The SEQUENCE for the next invitation or cancellation to one person.

    Never below the event's, and above the last one they got when it changes
    what their calendar holds (an update, a cancellation, a renewed registration
    after their own cancellation); a re-sent confirmation may repeat it.
    """
    if last_sent is None:
        return event_sequence
    return max(event_sequence, last_sent + 1 if changes_their_copy else last_sent)
