"""Fixtures of the run-of-show tests: the run's clock, and the seed run to its end."""

from datetime import timedelta

import pytest

from runofshow.models import Run
from tests.support.runs import SEED_START, move_the_run_clock, press


@pytest.fixture
def run_clock(monkeypatch):
    return move_the_run_clock(monkeypatch, SEED_START - timedelta(minutes=5))


@pytest.fixture
def finished_run(seed_event, run_clock):
    """The seed run with items of 8, 34, 28 and 20 minutes from 13:15."""
    run_clock.moment = SEED_START
    press(seed_event, "start")
    for minutes in (8, 34, 28):
        run_clock.advance(minutes=minutes)
        press(seed_event, "next")
    run_clock.advance(minutes=20)
    press(seed_event, "end")
    return Run.objects.get(event=seed_event)
