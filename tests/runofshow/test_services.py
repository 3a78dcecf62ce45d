"""The timekeeper's presses on the seed: what they record, and stale presses changing nothing."""

from datetime import timedelta

import pytest

from runofshow import services
from runofshow.board import board_for, event_for_board, report_line, report_rows
from runofshow.models import ItemTiming, Run
from tests.support.runs import SEED_START, press

pytestmark = pytest.mark.django_db


def timings(event):
    return [
        (t.item.position, t.started_at, t.ended_at)
        for t in ItemTiming.objects.filter(run__event=event).order_by("item__position")
    ]


def test_start_next_and_end_record_the_times_and_who(seed_event, run_clock):
    run_clock.moment = SEED_START
    assert press(seed_event, "start", who="anna").applied
    run_clock.advance(minutes=8)
    assert press(seed_event, "next", who="anna").applied
    run_clock.advance(minutes=34)
    assert press(seed_event, "next", who="timekeeper link").applied
    run = Run.objects.get(event=seed_event)
    assert run.current == 2
    assert run.step == 3
    first, second = ItemTiming.objects.filter(run=run).order_by("item__position")[:2]
    assert (first.started_by, first.ended_by) == ("anna", "anna")
    assert first.ended_at - first.started_at == timedelta(minutes=8)
    assert (second.started_by, second.ended_by) == ("anna", "timekeeper link")
    assert second.ended_at - second.started_at == timedelta(minutes=34)
    run_clock.advance(minutes=28)
    assert press(seed_event, "end").applied
    run.refresh_from_db()
    assert run.ended_at == SEED_START + timedelta(minutes=70)
    rows = report_rows(board_for(event_for_board(seed_event.pk)))
    assert [report_line(r) for r in rows] == [
        "Opening Remarks: budget 7, ran 8 (+1)",
        "Panel: budget 30, ran 34 (+4)",
        "Q&A Session: budget 30, ran 28 (-2)",
    ]


def test_a_stale_press_changes_nothing(seed_event, run_clock):
    press(seed_event, "start")
    seen = Run.objects.get(event=seed_event).step
    first = services.press(seed_event, "next", seen_step=seen, who="phone")
    second = services.press(seed_event, "next", seen_step=seen, who="laptop")
    assert first.applied
    assert not second.applied
    run = Run.objects.get(event=seed_event)
    assert run.current == 1
    assert run.step == seen + 1
    assert len(timings(seed_event)) == 2


def test_back_undoes_a_next_pressed_too_soon(seed_event, run_clock):
    press(seed_event, "start")
    run_clock.advance(minutes=7)
    press(seed_event, "next")
    run_clock.advance(seconds=5)
    assert press(seed_event, "back").applied
    run = Run.objects.get(event=seed_event)
    assert run.current == 0
    assert timings(seed_event) == [(0, SEED_START - timedelta(minutes=5), None), (1, None, None)]


def test_back_after_the_end_resumes_the_last_item(seed_event, run_clock):
    press(seed_event, "start")
    press(seed_event, "end")
    assert Run.objects.get(event=seed_event).ended_at is not None
    assert press(seed_event, "back").applied
    run = Run.objects.get(event=seed_event)
    assert run.ended_at is None
    assert run.current == 0


@pytest.mark.parametrize("action", ["next", "back", "end"])
def test_nothing_but_start_before_the_start(seed_event, run_clock, action):
    assert not press(seed_event, action).applied
    assert Run.objects.get(event=seed_event).step == 0


def test_start_twice_starts_once(seed_event, run_clock):
    assert press(seed_event, "start").applied
    assert not press(seed_event, "start").applied


def test_next_on_the_last_item_ends_the_event(seed_event, run_clock):
    press(seed_event, "start")
    for _ in range(3):
        press(seed_event, "next")
    assert press(seed_event, "next").applied
    run = Run.objects.get(event=seed_event)
    assert run.current == 3
    assert run.ended_at is not None
    assert not press(seed_event, "next").applied


def test_an_unknown_action_is_refused(seed_event):
    with pytest.raises(ValueError, match="unknown action"):
        services.press(seed_event, "skip", seen_step=0, who="x")
