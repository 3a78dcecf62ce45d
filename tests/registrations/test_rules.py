"""Whether an event takes registrations, and the SEQUENCE each e-mail carries:
pure functions, no database."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from registrations.admission import State, availability, next_sequence

START = datetime(2030, 9, 4, 11, 15, tzinfo=UTC)
END = START + timedelta(minutes=90)
BEFORE = START - timedelta(days=10)


@dataclass
class Settings:
    is_open: bool = True
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    capacity: int | None = 10
    waiting_list: bool = True


def state(now=BEFORE, settings=Settings(), confirmed=0, published=True, end=END):  # noqa: B008
    return availability(
        now=now,
        event_start=START,
        event_end=end,
        event_published=published,
        settings=settings,
        confirmed=confirmed,
    ).state


@pytest.mark.parametrize(
    ("case", "kwargs", "expected"),
    [
        ("open with seats", {}, State.OPEN),
        ("9 of 10 taken", {"confirmed": 9}, State.OPEN),
        ("all taken, waiting list", {"confirmed": 10}, State.WAITING_LIST),
        (
            "all taken, no waiting list",
            {"confirmed": 10, "settings": Settings(waiting_list=False)},
            State.FULL,
        ),
        ("no limit", {"confirmed": 5000, "settings": Settings(capacity=None)}, State.OPEN),
        ("ticked closed", {"settings": Settings(is_open=False)}, State.CLOSED),
        (
            "before opening",
            {"settings": Settings(opens_at=BEFORE + timedelta(days=1))},
            State.NOT_YET_OPEN,
        ),
        ("after closing", {"settings": Settings(closes_at=BEFORE)}, State.CLOSED),
        ("once the event starts", {"now": START}, State.CLOSED),
        (
            "late registration until the end",
            {"now": START + timedelta(minutes=5), "settings": Settings(closes_at=END)},
            State.OPEN,
        ),
        (
            "never after the end",
            {"now": END, "settings": Settings(closes_at=END + timedelta(days=1))},
            State.CLOSED,
        ),
        ("draft or cancelled", {"published": False}, State.CLOSED),
        ("no settings", {"settings": None}, State.NONE),
        (
            "past event, no settings",
            {"settings": None, "now": END + timedelta(days=1)},
            State.CLOSED,
        ),
    ],
)
def test_availability(case, kwargs, expected):
    assert state(**kwargs) == expected, case


def test_seats_left_never_negative():
    result = availability(
        now=BEFORE,
        event_start=START,
        event_end=END,
        event_published=True,
        settings=Settings(capacity=10),
        confirmed=12,  # the organisers lowered the capacity
    )
    assert result.seats_left == 0
    assert result.state == State.WAITING_LIST


@pytest.mark.parametrize(
    ("event_sequence", "last_sent", "changes", "expected"),
    [
        (0, None, True, 0),  # first invitation: the event's own
        (3, None, True, 3),
        (3, 3, False, 3),  # the same confirmation again
        (4, 3, True, 4),  # an update after the event's SEQUENCE went up
        (3, 3, True, 4),  # their own cancellation: above what they hold
        (3, 4, True, 5),  # registering again after cancelling
        (7, 4, False, 7),  # never below the event's
    ],
)
def test_next_sequence(event_sequence, last_sent, changes, expected):
    assert (
        next_sequence(
            event_sequence=event_sequence, last_sent=last_sent, changes_their_copy=changes
        )
        == expected
    )
