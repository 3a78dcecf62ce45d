"""Fixtures of the run-of-show tests: the run's clock, five minutes before the seed starts."""

from datetime import timedelta

import pytest

from tests.support.runs import SEED_START, move_the_run_clock


@pytest.fixture
def run_clock(monkeypatch):
    return move_the_run_clock(monkeypatch, SEED_START - timedelta(minutes=5))
