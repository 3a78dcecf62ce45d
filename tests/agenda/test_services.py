"""The services behind the admin, without HTTP: summary, checks, duplication, edit guard."""

from datetime import date, time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from agenda.duplication import duplicate_event
from agenda.edit_guard import EditConflict, lock_event_for_edit
from agenda.fit import agenda_summary, planned_agenda_problems
from agenda.models import AgendaItem, Event
from tests.support.builders import add_items, local, make_event

pytestmark = pytest.mark.django_db


def vienna_slot(budgets, **fields) -> Event:
    event = make_event(start=local(2030, 9, 2, 13, 15), end=local(2030, 9, 2, 14, 45), **fields)
    add_items(event, budgets)
    return event


@pytest.mark.parametrize(
    ("budgets", "expected"),
    [
        ([7, 30, 30, None], "67 of 90 minutes allocated, 23 free"),
        ([90], "90 of 90 minutes allocated, 0 free"),
        ([60, 42], "102 of 90 minutes allocated: runs 12 minutes past 14:45 CEST (UTC+2)"),
        ([60, 31], "91 of 90 minutes allocated: runs 1 minute past 14:45 CEST (UTC+2)"),
        ([], "0 of 90 minutes allocated, 90 free"),
    ],
)
def test_agenda_summary_text(budgets, expected):
    assert agenda_summary(vienna_slot(budgets)).text == expected


def test_summary_counts_budgets_even_when_a_pin_pulls_the_end_back():
    event = vienna_slot([60, 40])
    AgendaItem.objects.filter(event=event, title="Item 2").update(
        fixed_start=local(2030, 9, 2, 14, 0)
    )
    # 100 minutes budgeted, but item 2 is pinned to 14:00 and ends 14:40: no overrun, 10 over.
    assert agenda_summary(event).text == "100 of 90 minutes allocated, 10 over"


def test_planned_problems_use_unsaved_values_and_order():
    event = vienna_slot([30, 30])
    items = list(event.items.all())
    assert planned_agenda_problems(event=event, items=items) == []
    items[0].minutes = 70
    assert planned_agenda_problems(event=event, items=items) == [
        "The agenda runs 10 minutes past the event's end: item II. Item 2 ends after it."
    ]
    assert planned_agenda_problems(event=event, items=items[::-1]) == [
        "The agenda runs 10 minutes past the event's end: item II. Item 1 ends after it."
    ]


def test_duplicates_get_unused_slugs_and_stay_drafts():
    event = vienna_slot([10, 20], slug="workshop", title="Workshop")
    first = duplicate_event(event=event, on=date(2031, 3, 4), at=time(9, 30))
    second = duplicate_event(event=event, on=date(2031, 3, 4), at=time(9, 30))
    assert (first.slug, second.slug) == ("workshop-2031-03-04", "workshop-2031-03-04-2")
    assert first.title == "Workshop"
    assert {first.status, second.status} == {Event.Status.DRAFT}
    assert first.sequence == 0
    assert list(first.items.values_list("title", "minutes")) == [("Item 1", 10), ("Item 2", 20)]


def test_edit_guard_refuses_a_stale_version_and_says_why():
    event = vienna_slot([10])
    seen = event.version
    event.room = "Room 2"
    event.save()
    with transaction.atomic(), pytest.raises(EditConflict) as conflict:
        lock_event_for_edit(event_id=event.pk, seen_version=seen, seen_at=None)
    assert conflict.value.current_version == seen + 1
    assert "room: “Room 1” → “Room 2”" in conflict.value.changes[0]


def test_edit_guard_locks_the_row():
    event = vienna_slot([10])
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        lock_event_for_edit(event_id=event.pk, seen_version=event.version, seen_at=None)
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in queries.captured_queries[0]["sql"]
    else:  # SQLite locks the whole database for a write and has no row locks.
        assert connection.vendor == "sqlite"
