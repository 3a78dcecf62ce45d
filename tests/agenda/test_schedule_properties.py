"""Property-based tests of the schedule arithmetic: any budgets, pins and slot."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.schedule import ItemInput, compute, minutes_between

EXAMPLES = 400
BASE = datetime(2030, 3, 30, 22, 0, tzinfo=UTC)  # near a European DST change

budgets = st.one_of(st.none(), st.integers(min_value=1, max_value=600))
pin_offsets = st.one_of(st.none(), st.integers(min_value=0, max_value=3 * 24 * 60))
items_strategy = st.lists(st.tuples(budgets, pin_offsets), max_size=40)
slot_minutes = st.integers(min_value=1, max_value=3 * 24 * 60)


def build(items, slot):
    start, end = BASE, BASE + timedelta(minutes=slot)
    inputs = [
        ItemInput(minutes=m, fixed_start=None if pin is None else BASE + timedelta(minutes=pin))
        for m, pin in items
    ]
    return inputs, compute(start=start, end=end, items=inputs)


@settings(max_examples=EXAMPLES, deadline=None)
@given(items=items_strategy, slot=slot_minutes)
def test_allocated_plus_free_equals_the_slot(items, slot):
    inputs, result = build(items, slot)
    assert result.allocated_minutes + result.free_minutes == slot
    assert result.allocated_minutes == sum(i.minutes for i in inputs if i.minutes)


@settings(max_examples=EXAMPLES, deadline=None)
@given(items=items_strategy, slot=slot_minutes)
def test_each_item_ends_after_it_starts_and_budgets_are_kept(items, slot):
    inputs, result = build(items, slot)
    assert len(result.slots) == len(inputs)
    for item, slot_ in zip(inputs, result.slots, strict=True):
        assert slot_.end >= slot_.start
        if item.minutes is not None:
            assert minutes_between(slot_.start, slot_.end) == item.minutes
        if item.fixed_start is not None:
            assert slot_.start == item.fixed_start


@settings(max_examples=EXAMPLES, deadline=None)
@given(items=items_strategy, slot=slot_minutes)
def test_items_never_overlap_unless_reported(items, slot):
    _, result = build(items, slot)
    reported = {o.index for o in result.overlaps}
    for previous, current in zip(result.slots, result.slots[1:], strict=False):
        overlaps = current.start < previous.end
        assert overlaps == (current.index in reported)
        if overlaps:
            (overlap,) = [o for o in result.overlaps if o.index == current.index]
            assert overlap.minutes == minutes_between(current.start, previous.end)
        if not current.pinned:
            assert current.start == previous.end  # unpinned items follow on, no gap


@settings(max_examples=EXAMPLES, deadline=None)
@given(items=items_strategy, slot=slot_minutes)
def test_overrun_is_reported_exactly(items, slot):
    _, result = build(items, slot)
    end = BASE + timedelta(minutes=slot)
    latest = max((s.end for s in result.slots), default=BASE)
    expected = max(0, minutes_between(end, latest))
    assert result.overrun_minutes == expected
    assert (result.overrunning_slot is not None) == (latest > end)
    assert result.is_valid == (expected == 0 and not result.overlaps)
    if expected:
        assert f"runs {expected} minute" in result.problems()[0]
