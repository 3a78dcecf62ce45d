"""Property-based tests of the run's projection: any plan, any recorded run, any "now"."""

from datetime import UTC, datetime, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from agenda.schedule import ItemInput, compute
from runofshow.projection import Recorded, State, project

BASE = datetime(2030, 3, 30, 22, 0, tzinfo=UTC)
budgets = st.one_of(st.none(), st.integers(min_value=1, max_value=240))
pins = st.one_of(st.none(), st.integers(min_value=0, max_value=24 * 60))
plans = st.lists(st.tuples(budgets, pins), min_size=1, max_size=12)


def plan_of(items, slot_minutes=24 * 60):
    return compute(
        start=BASE,
        end=BASE + timedelta(minutes=slot_minutes),
        items=[ItemInput(m, None if p is None else BASE + timedelta(minutes=p)) for m, p in items],
    )


@st.composite
def runs(draw):
    """A plan and a run recorded the way the timekeeper records it: items started in
    order, each one ending when the next starts, the last maybe still on."""
    plan = plan_of(draw(plans))
    count = draw(st.integers(min_value=0, max_value=len(plan.slots)))
    moments = sorted(
        draw(st.lists(st.integers(0, 48 * 60 * 60), min_size=count + 1, max_size=count + 1))
    )
    times = [BASE + timedelta(seconds=s) for s in moments]
    still_on = draw(st.booleans()) and count > 0
    recorded = []
    for index in range(len(plan.slots)):
        if index < count:
            ended = None if (still_on and index == count - 1) else times[index + 1]
            recorded.append(Recorded(times[index], ended))
        else:
            recorded.append(Recorded())
    now = times[-1] + timedelta(seconds=draw(st.integers(0, 6 * 60 * 60)))
    return plan, recorded, now


@settings(max_examples=300, deadline=None)
@given(runs())
def test_no_item_starts_before_the_previous_one_ends(case):
    plan, recorded, now = case
    progress = project(slots=plan.slots, recorded=recorded, now=now, room_end=plan.end)
    for previous, item in zip(progress.items, progress.items[1:], strict=False):
        assert item.start >= previous.end
        assert item.end >= item.start


@settings(max_examples=300, deadline=None)
@given(runs())
def test_what_is_still_to_come_starts_no_earlier_than_now(case):
    plan, recorded, now = case
    progress = project(slots=plan.slots, recorded=recorded, now=now, room_end=plan.end)
    for item in progress.items:
        if item.state is State.COMING:
            assert item.start >= now
        if item.state is State.CURRENT:
            assert item.end >= now
    assert sum(i.state is State.CURRENT for i in progress.items) <= 1


@settings(max_examples=300, deadline=None)
@given(items=plans, before=st.integers(min_value=0, max_value=600))
def test_with_no_delay_the_projection_is_the_plan(items, before):
    plan = plan_of(items)
    assume(not plan.overlaps)
    progress = project(
        slots=plan.slots,
        recorded=[Recorded()] * len(plan.slots),
        now=BASE - timedelta(minutes=before),
        room_end=plan.end,
    )
    assert [(i.start, i.end) for i in progress.items] == [(s.start, s.end) for s in plan.slots]
    assert progress.behind_minutes == 0
