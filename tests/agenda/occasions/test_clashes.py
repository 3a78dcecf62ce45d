"""The clash rules (agenda/clashes.py), pure: examples and hypothesis properties."""

from datetime import UTC, datetime, timedelta
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.clashes import Appearance, Booking, overlaps, person_clashes, room_clashes

BASE = datetime(2030, 3, 30, 22, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return BASE + timedelta(minutes=minutes)


def booking(event, room, start, end):
    return Booking(event=event, room=room, start=at(start), end=at(end))


def test_two_events_overlapping_in_one_room_clash_once():
    a, b = booking("A", 1, 0, 90), booking("B", 1, 60, 120)
    clashes = room_clashes([b, a])
    assert [(c.first.event, c.second.event) for c in clashes] == [("A", "B")]


def test_back_to_back_other_rooms_and_unbooked_events_do_not_clash():
    bookings = [
        booking("A", 1, 0, 90),
        booking("B", 1, 90, 120),  # starts when A ends
        booking("C", 2, 30, 60),  # another room
        booking("D", None, 0, 120),  # no booked room
        booking("E", None, 0, 120),
    ]
    assert room_clashes(bookings) == []


def test_one_event_never_clashes_with_itself_and_a_long_one_clashes_with_each():
    bookings = [
        booking("Long", 1, 0, 600),
        *(booking(f"S{n}", 1, n * 60, n * 60 + 30) for n in range(3)),
    ]
    pairs = {(c.first.event, c.second.event) for c in room_clashes(bookings)}
    assert pairs == {("Long", "S0"), ("Long", "S1"), ("Long", "S2")}
    assert room_clashes([booking("A", 1, 0, 60), booking("A", 1, 30, 90)]) == []


def test_a_person_on_two_overlapping_items_clashes_and_one_item_is_not_a_clash():
    appearances = [
        Appearance(person="jc", item=1, start=at(0), end=at(30)),
        Appearance(person="jc", item=2, start=at(20), end=at(40)),
        Appearance(person="jc", item=3, start=at(40), end=at(50)),
        Appearance(person="ok", item=1, start=at(0), end=at(30)),
        Appearance(person="ok", item=1, start=at(0), end=at(30)),  # twice on one item
    ]
    assert [(c.first.item, c.second.item) for c in person_clashes(appearances)] == [(1, 2)]


def test_overlap_is_half_open():
    assert overlaps(at(0), at(10), at(9), at(20))
    assert not overlaps(at(0), at(10), at(10), at(20))
    assert not overlaps(at(10), at(20), at(0), at(10))


spans = st.tuples(st.integers(0, 3000), st.integers(1, 600))
bookings_strategy = st.lists(
    st.tuples(st.integers(0, 8), st.one_of(st.none(), st.integers(0, 3)), spans), max_size=30
)


def _brute_force(bookings):
    """Every pair checked the long way: same room, other event, shared minute."""
    pairs = set()
    for a, b in combinations(bookings, 2):
        if a.room is None or a.room != b.room or a.event == b.event:
            continue
        minutes_a = set(
            range(
                int((a.start - BASE).total_seconds() // 60),
                int((a.end - BASE).total_seconds() // 60),
            )
        )
        minutes_b = set(
            range(
                int((b.start - BASE).total_seconds() // 60),
                int((b.end - BASE).total_seconds() // 60),
            )
        )
        if minutes_a & minutes_b:
            pairs.add(frozenset((a, b)))
    return pairs


@settings(max_examples=300, deadline=None)
@given(rows=bookings_strategy)
def test_reported_room_clashes_are_exactly_the_overlapping_pairs(rows):
    bookings = [
        Booking(event=e, room=room, start=at(start), end=at(start + length), payload=i)
        for i, (e, room, (start, length)) in enumerate(rows)
    ]
    reported = room_clashes(bookings)
    for clash in reported:  # each reported clash is a real overlap
        a, b = clash.first, clash.second
        assert a.room == b.room
        assert a.room is not None
        assert a.event != b.event
        assert a.start < b.end
        assert b.start < a.end
        assert a.start <= b.start
    found = {frozenset((c.first, c.second)) for c in reported}
    assert len(found) == len(reported)  # no pair twice
    assert found == _brute_force(bookings)  # and no overlapping pair left out


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 6), spans), max_size=30))
def test_reported_person_clashes_are_exactly_the_overlapping_pairs(rows):
    appearances = [
        Appearance(person=p, item=item, start=at(s), end=at(s + length), payload=i)
        for i, (p, item, (s, length)) in enumerate(rows)
    ]
    reported = {frozenset((c.first, c.second)) for c in person_clashes(appearances)}
    expected = {
        frozenset((a, b))
        for a, b in combinations(appearances, 2)
        if a.person == b.person and a.item != b.item and a.start < b.end and b.start < a.end
    }
    assert reported == expected
