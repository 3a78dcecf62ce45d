"""Running the seed's agenda on the timekeeper: a clock the tests move, presses."""

from datetime import UTC, datetime, timedelta

from runofshow import clock, services

# The seed's start, 13:15 in Vienna.
SEED_START = datetime(2017, 9, 4, 11, 15, tzinfo=UTC)


class MovableClock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment


def move_the_run_clock(monkeypatch, moment: datetime) -> MovableClock:
    """Make the run of show's "now" a clock the test moves."""
    moving = MovableClock(moment)
    monkeypatch.setattr(clock, "now", moving)
    return moving


def press(event, action: str, who: str = "tester") -> services.Outcome:
    """A press on the step the run is on (what a screen just loaded would send)."""
    run = services.run_of(event)
    return services.press(event, action, seen_step=run.step, who=who)
