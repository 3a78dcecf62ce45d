"""Row times for the agenda as typed: agenda/schedule.py's arithmetic, summary.py's words."""

import pytest

from agenda.live_schedule import preview

SLOT = {"zone": "Europe/Vienna", "start": ["04/09/2017", "13:15"], "end": ["04/09/2017", "14:45"]}


def rows(*budgets, pins=None):
    pins = pins or {}
    return [
        {"title": f"Item {i + 1}", "minutes": "" if b is None else str(b), "pin": pins.get(i)}
        for i, b in enumerate(budgets)
    ]


def test_the_seed_agenda_as_typed():
    answer = preview({**SLOT, "rows": rows(7, 30, 30, None)})
    assert [(r["number"], r["starts"], r["ends"]) for r in answer["rows"]] == [
        ("I", "13:15 CEST (UTC+2)", "13:22 CEST (UTC+2)"),
        ("II", "13:22 CEST (UTC+2)", "13:52 CEST (UTC+2)"),
        ("III", "13:52 CEST (UTC+2)", "14:22 CEST (UTC+2)"),
        ("IV", "14:22 CEST (UTC+2)", "14:45 CEST (UTC+2)"),
    ]
    assert (answer["summary"], answer["fits"], answer["problems"]) == (
        "67 of 90 minutes allocated, 23 free",
        True,
        [],
    )


def test_an_overrun_marks_the_row_that_makes_it():
    answer = preview({**SLOT, "rows": rows(7, 60, 30)})
    assert [r["causes_problem"] for r in answer["rows"]] == [False, False, True]
    assert answer["summary"] == "97 of 90 minutes allocated: runs 7 minutes past 14:45 CEST (UTC+2)"
    assert answer["problems"] == [
        "The agenda runs 7 minutes past the event's end: item III. Item 3 ends after it."
    ]


def test_a_pin_is_read_as_the_admin_reads_it_and_an_overlap_is_named():
    answer = preview({**SLOT, "rows": rows(30, 20, pins={1: ["2017-09-04", "13:40"]})})
    assert answer["rows"][1]["starts"] == "13:40 CEST (UTC+2)"
    assert answer["rows"][1]["causes_problem"] is True
    assert answer["problems"] == [
        "Item II. Item 2 is pinned to start 5 minutes before item I. Item 1 ends."
    ]


def test_budgets_that_are_not_whole_minutes_yet_count_as_none():
    answer = preview({**SLOT, "rows": rows("3a", 0, -5)})
    assert answer["summary"] == "0 of 90 minutes allocated, 90 free"


@pytest.mark.parametrize(
    "change",
    [
        {"zone": "Mars/Olympus"},
        {"start": ["04/09/2017", ""]},
        {"end": ["04/09/2017", "13:00"]},
        {"start": "13:15"},
        {"rows": "none"},
    ],
)
def test_incomplete_event_times_give_no_rows(change):
    assert preview({**SLOT, "rows": rows(7), **change}) == {"rows": None}
