"""The run's projection on the seed's shape: current item, remaining, overrun, expected starts."""

from datetime import UTC, datetime, timedelta

import pytest

from agenda.schedule import ItemInput, compute
from runofshow.projection import Recorded, State, project, seconds_text

# The seed: 13:15 Vienna (11:15 UTC), budgets 7, 30, 30 and a closing item without one.
START = datetime(2017, 9, 4, 11, 15, tzinfo=UTC)
END = datetime(2017, 9, 4, 12, 45, tzinfo=UTC)
PLAN = compute(
    start=START, end=END, items=[ItemInput(7), ItemInput(30), ItemInput(30), ItemInput(None)]
)


def at(hour, minute, second=0):
    return datetime(2017, 9, 4, hour, minute, second, tzinfo=UTC)


def run(recorded, now, ended=False):
    recorded = list(recorded) + [Recorded()] * (len(PLAN.slots) - len(recorded))
    return project(slots=PLAN.slots, recorded=recorded, now=now, room_end=END, ended=ended)


def starts(progress):
    return [i.start.strftime("%H:%M") for i in progress.items]


def test_before_the_start_the_projection_is_the_plan():
    progress = run([], at(10, 0))
    assert progress.current is None
    assert not progress.started
    assert starts(progress) == ["11:15", "11:22", "11:52", "12:22"]
    assert progress.projected_end == END
    assert progress.behind_minutes == 0


def test_a_late_start_shifts_everything_from_now():
    progress = run([], at(11, 20))
    assert starts(progress) == ["11:20", "11:27", "11:57", "12:27"]
    assert progress.past_room_end_minutes == 5


def test_the_current_item_counts_down_its_budget():
    progress = run([Recorded(at(11, 15), at(11, 22)), Recorded(at(11, 22))], at(11, 40, 30))
    assert progress.current.index == 1
    assert progress.next.index == 2
    assert progress.remaining_seconds == 11 * 60 + 30
    assert progress.overrun_minutes == 0
    assert starts(progress) == ["11:15", "11:22", "11:52", "12:22"]


def test_an_overrun_counts_started_minutes_and_pushes_the_rest():
    progress = run([Recorded(at(11, 15), at(11, 22)), Recorded(at(11, 22))], at(11, 55, 10))
    assert progress.remaining_seconds == -(3 * 60 + 10)
    assert progress.overrun_minutes == 4
    assert progress.items[1].end == at(11, 55, 10)
    assert starts(progress)[2:] == ["11:55", "12:25"]
    assert progress.behind_minutes == 3
    assert progress.past_room_end_minutes == 3


def test_one_second_over_is_one_minute_over():
    progress = run([Recorded(at(11, 15))], at(11, 22, 1))
    assert progress.overrun_minutes == 1


def test_an_early_finish_brings_the_rest_forward():
    progress = run([Recorded(at(11, 15), at(11, 19))], at(11, 19))
    assert progress.current is None
    assert progress.next.index == 1
    assert starts(progress) == ["11:15", "11:19", "11:49", "12:19"]
    assert progress.behind_minutes == -3


def test_a_pinned_item_waits_for_its_time():
    plan = compute(
        start=START,
        end=END,
        items=[ItemInput(7), ItemInput(10, fixed_start=at(11, 40))],
    )
    progress = project(
        slots=plan.slots,
        recorded=[Recorded(at(11, 15), at(11, 20)), Recorded()],
        now=at(11, 20),
        room_end=END,
    )
    assert progress.items[1].start == at(11, 40)


def test_planned_against_actual_after_the_run():
    recorded = [
        Recorded(at(11, 15), at(11, 23)),
        Recorded(at(11, 23), at(11, 57)),
        Recorded(at(11, 57), at(12, 25)),
        Recorded(at(12, 25), at(12, 44, 40)),
    ]
    progress = run(recorded, at(13, 0), ended=True)
    assert [(i.budget_minutes, i.ran_minutes, i.difference_minutes) for i in progress.items] == [
        (7, 8, 1),
        (30, 34, 4),
        (30, 28, -2),
        (23, 20, -3),
    ]
    assert progress.current is None
    assert progress.projected_end == at(12, 44, 40)


def test_ending_early_skips_what_had_not_started():
    progress = run([Recorded(at(11, 15), at(11, 22))], at(11, 30), ended=True)
    assert [i.state for i in progress.items] == [State.DONE] + [State.SKIPPED] * 3
    assert progress.projected_end == at(11, 22)


def test_recorded_entries_must_match_the_slots():
    with pytest.raises(ValueError, match="one recorded entry per slot"):
        project(slots=PLAN.slots, recorded=[], now=at(11, 0), room_end=END)


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "00:00"), (65, "01:05"), (-200, "03:20"), (3723, "1:02:03")]
)
def test_countdown_text(seconds, text):
    assert seconds_text(seconds) == text


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        project(
            slots=PLAN.slots,
            recorded=[Recorded()] * 4,
            now=datetime(2017, 9, 4) + timedelta(hours=1),
            room_end=END,
        )
