"""Two devices press "Next item" at the same moment, on PostgreSQL: the run advances once."""

import pytest
from django.db import connection

from runofshow import services
from runofshow.models import ItemTiming, Run
from tests.support.builders import load_seed
from tests.support.threads import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("live")]


@pytest.fixture(autouse=True)
def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (set DATABASE_URL=postgres://…): SQLite serialises all "
            "writes; tests/runofshow/test_services.py shows the stale press there"
        )


@pytest.mark.parametrize("devices", [2, 8])
def test_concurrent_next_presses_advance_once(devices):
    event = load_seed()
    services.press(event, "start", seen_step=0, who="setup")
    seen = Run.objects.get(event=event).step

    outcomes = run_together(
        devices, lambda n: services.press(event, "next", seen_step=seen, who=f"device {n}").applied
    )

    assert sorted(outcomes) == [False] * (devices - 1) + [True]
    run = Run.objects.get(event=event)
    assert run.current == 1
    assert run.step == seen + 1
    started = ItemTiming.objects.filter(run=run, started_at__isnull=False).count()
    assert started == 2
