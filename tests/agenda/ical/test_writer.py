"""agenda/ical/writer.py and published.py: the fast .ics writer gives icalendar's bytes."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline

from agenda.ical import calendars, published, writer
from agenda.models import Event
from tests.support.builders import add_items, load_seed, local, make_event
from tests.support.large_event import item_uid, make_large_event

NOW = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)

# Lines as the writers meet them: escapes (backslash, caret) and multi-byte characters
# at every position around the 75th octet.
PIECES = st.one_of(
    st.characters(codec="utf-8", blacklist_characters="\r\n"),
    st.sampled_from(["\\", "\\\\", "\\;", "^", "^^", "é", "€", "🎉", "a" * 70, "–"]),
)
LINES = st.lists(PIECES, max_size=200).map("".join)


@settings(max_examples=500, deadline=None)
@given(line=LINES)
def test_fold_gives_icalendars_bytes(line):
    assert writer.fold(line) == Contentline(line).to_ical()


@settings(max_examples=200, deadline=None)
@given(line=LINES)
def test_folded_lines_are_short_and_unfold_to_the_line(line):
    folded = writer.fold(line)
    assert all(len(part) <= 75 for part in folded.split(b"\r\n"))
    assert Contentline.from_ical(folded.decode("utf-8")) == line


def test_fold_examples():
    assert writer.fold("A" * 74) == b"A" * 74
    assert writer.fold("A" * 75) == b"A" * 74 + b"\r\n A"
    # An escape is not split: the backslash moves to the next line with its letter.
    assert writer.fold("A" * 73 + "\\n") == b"A" * 73 + b"\r\n \\n"
    # A two-octet character that would cross the 74th octet goes to the next line.
    assert writer.fold("A" * 73 + "é") == b"A" * 73 + b"\r\n \xc3\xa9"


def test_escape_text():
    assert writer.escape_text("a\\b;c,d\ne:f") == "a\\\\b\\;c\\,d\\ne:f"


def reference(calendar: icalendar.Calendar) -> bytes:
    return calendar.to_ical()


@pytest.mark.django_db
@pytest.mark.parametrize("builder", ["seed", "large", "night", "empty", "online"])
def test_published_files_are_icalendars_bytes(builder):
    if builder == "seed":
        event = load_seed()
    elif builder == "large":
        event = make_large_event(60)
    elif builder == "night":  # the clocks go back during it: UTC times and two labels
        event = make_event(start=local(2030, 10, 27, 1, 0), end=local(2030, 10, 27, 5, 0))
        add_items(event, [30, 45, None, 60, 20], people_per_item=1)
    elif builder == "online":  # CONFERENCE on the event's and every item's VEVENT
        event = make_event(online_link="https://meet.example.org/room;a,b?x=1&y=2")
        add_items(event, [10, 20], people_per_item=1)
    else:
        event = make_event()
    event = Event.objects.with_agenda().get(pk=event.pk)
    base = "https://example.org"
    assert published.agenda_ics(event, base_url=base, now=NOW) == reference(
        calendars.agenda_calendar(event, base_url=base, now=NOW)
    )
    assert published.event_ics(event, base_url=base, now=NOW) == reference(
        calendars.event_calendar(event, base_url=base, now=NOW)
    )
    for item in event.items.all():
        assert published.item_ics(event, item.uid, base_url=base, now=NOW) == reference(
            calendars.item_calendar(event, item.uid, base_url=base, now=NOW)
        )
    assert published.item_ics(event, item_uid(99_999), base_url=base, now=NOW) is None


@pytest.mark.django_db
def test_agenda_ics_parses_back_with_every_item():
    event = Event.objects.with_agenda().get(pk=make_large_event(30).pk)
    parsed = icalendar.Calendar.from_ical(published.agenda_ics(event, now=NOW))
    uids = [str(v["UID"]) for v in parsed.walk("VEVENT")]
    assert uids == [item.calendar_uid for item in event.items.all()]
    assert [t["TZID"] for t in parsed.walk("VTIMEZONE")] == ["Europe/Vienna"]
