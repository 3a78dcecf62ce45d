"""agenda/schedule.py: the agenda arithmetic (times from budgets and pins, overruns, gaps, DST) and roman numerals."""

from datetime import UTC, timedelta

import pytest

from agenda import schedule
from agenda.schedule import ItemInput, compute, item_number, minutes_between, roman
from tests.support.builders import local


def times(result, zone="Europe/Vienna"):
    from zoneinfo import ZoneInfo

    return [
        (
            s.start.astimezone(ZoneInfo(zone)).strftime("%H:%M"),
            s.end.astimezone(ZoneInfo(zone)).strftime("%H:%M"),
        )
        for s in result.slots
    ]


def test_seed_agenda_times():
    result = compute(
        start=local(2017, 9, 4, 13, 15),
        end=local(2017, 9, 4, 14, 45),
        items=[ItemInput(7), ItemInput(30), ItemInput(30), ItemInput(None)],
    )
    assert times(result) == [
        ("13:15", "13:22"),
        ("13:22", "13:52"),
        ("13:52", "14:22"),
        ("14:22", "14:45"),
    ]
    assert result.allocated_minutes == 67
    assert result.slot_minutes == 90
    assert result.free_minutes == 23
    assert result.overrun_minutes == 0
    assert result.is_valid
    assert [s.number for s in result.slots] == ["I", "II", "III", "IV"]


def test_empty_agenda():
    result = compute(start=local(2030, 1, 1, 9), end=local(2030, 1, 1, 10), items=[])
    assert result.slots == []
    assert result.allocated_minutes == 0
    assert result.free_minutes == 60
    assert result.overrun_minutes == 0
    assert result.finishes_at == result.start


@pytest.mark.parametrize(("minutes", "end"), [(45, "09:45"), (None, "10:00")])
def test_single_item(minutes, end):
    result = compute(
        start=local(2030, 1, 1, 9), end=local(2030, 1, 1, 10), items=[ItemInput(minutes)]
    )
    assert times(result) == [("09:00", end)]


def test_overrun_is_reported_with_item_and_minutes():
    result = compute(
        start=local(2030, 1, 1, 9),
        end=local(2030, 1, 1, 10),
        items=[ItemInput(30), ItemInput(25), ItemInput(17)],
    )
    assert result.overrun_minutes == 12
    assert result.free_minutes == -12
    assert result.overrunning_slot.index == 2
    assert result.problems(["A", "B", "Closing"]) == [
        "The agenda runs 12 minutes past the event's end: item III. Closing ends after it."
    ]
    assert not result.is_valid


def test_pinned_item_leaves_a_gap_and_next_items_follow_it():
    result = compute(
        start=local(2030, 1, 1, 9),
        end=local(2030, 1, 1, 12),
        items=[ItemInput(30), ItemInput(60, fixed_start=local(2030, 1, 1, 10)), ItemInput(15)],
    )
    assert times(result) == [("09:00", "09:30"), ("10:00", "11:00"), ("11:00", "11:15")]
    assert result.slots[1].pinned
    assert result.overlaps == []


def test_pinned_item_overlapping_previous_is_reported():
    result = compute(
        start=local(2030, 1, 1, 9),
        end=local(2030, 1, 1, 12),
        items=[ItemInput(60), ItemInput(30, fixed_start=local(2030, 1, 1, 9, 45))],
    )
    assert result.overlaps == [schedule.Overlap(index=1, previous_index=0, minutes=15)]
    assert result.problems(["Opening", "Keynote"]) == [
        "Item II. Keynote is pinned to start 15 minutes before item I. Opening ends."
    ]


def test_unbudgeted_item_runs_to_next_pinned_start():
    result = compute(
        start=local(2030, 1, 1, 9),
        end=local(2030, 1, 1, 12),
        items=[ItemInput(None), ItemInput(30, fixed_start=local(2030, 1, 1, 10, 30))],
    )
    assert times(result) == [("09:00", "10:30"), ("10:30", "11:00")]


def test_day_boundary_and_pinned_later_day():
    result = compute(
        start=local(2030, 1, 1, 23, 30),
        end=local(2030, 1, 2, 18, 0),
        items=[ItemInput(45), ItemInput(60, fixed_start=local(2030, 1, 2, 9, 0)), ItemInput(None)],
    )
    assert result.slots[0].end == local(2030, 1, 2, 0, 15)
    assert result.slots[1].start == local(2030, 1, 2, 9, 0)
    assert result.slots[2].end == local(2030, 1, 2, 18, 0)
    assert result.overrun_minutes == 0


def test_slot_across_dst_change_keeps_real_minutes():
    # Vienna, 29 October 2017: clocks go back at 03:00 CEST to 02:00 CET.
    start = local(2017, 10, 29, 1, 30)
    end = local(2017, 10, 29, 3, 30)
    result = compute(start=start, end=end, items=[ItemInput(60), ItemInput(60), ItemInput(60)])
    assert result.slot_minutes == 180
    assert result.allocated_minutes == 180
    assert result.free_minutes == 0
    assert result.overrun_minutes == 0
    assert result.slots[1].start - start == timedelta(minutes=60)


def test_naive_datetimes_are_refused():
    from datetime import datetime

    with pytest.raises(ValueError, match="aware"):
        compute(start=datetime(2030, 1, 1, 9), end=datetime(2030, 1, 1, 10), items=[])


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (1994, "MCMXCIV")]
)
def test_roman(n, expected):
    assert roman(n) == expected


def test_roman_refuses_zero():
    with pytest.raises(ValueError, match="start at 1"):
        roman(0)


def test_minutes_between_negative():
    assert minutes_between(local(2030, 1, 1, 10), local(2030, 1, 1, 9, 30)) == -30


@pytest.mark.parametrize(
    ("position", "count", "expected"),
    [(1, 1, "I"), (4, 4, "IV"), (20, 20, "XX"), (1, 21, "1"), (21, 21, "21"), (152, 200, "152")],
)
def test_items_are_roman_up_to_twenty_then_arabic(position, count, expected):
    assert item_number(position, count) == expected


def test_a_long_agenda_is_numbered_in_arabic_everywhere_in_the_schedule():
    from datetime import datetime

    start = datetime(2030, 1, 1, 9, tzinfo=UTC)
    short = compute(start=start, end=start + timedelta(hours=9), items=[ItemInput(5)] * 20)
    assert [s.number for s in short.slots][-2:] == ["XIX", "XX"]
    long = compute(start=start, end=start + timedelta(minutes=60), items=[ItemInput(5)] * 21)
    assert [s.number for s in long.slots][:2] == ["1", "2"]
    assert long.slots[-1].number == "21"
    # The admin's messages name items the same way.
    assert long.problems() == [
        "The agenda runs 45 minutes past the event's end: item 13. ends after it."
    ]
