"""Property-based tests of the .ics builder: whatever organisers type.

Any text in the titles, names, descriptions and places an export carries
(Unicode, emoji, right-to-left marks, NUL and other control characters, CR/LF,
`;,\\:`, 10 000-character strings) must give a calendar that icalendar, vobject
and ical.js read, with every property as typed, lines of at most 75 octets that
never split a UTF-8 character, and no property or component that the text
could have smuggled in.

What is written is the text as typed with two exceptions, both of which RFC 5545
requires (TEXT may not hold CONTROL characters, and a line break is `\\n`):
control characters other than TAB and LF (NUL, ESC, DEL …) are dropped, and
CR LF or a lone CR become LF. `as_written()` states that rule.

The events are built in memory (not saved), so texts PostgreSQL would refuse
(NUL) reach the builder on every database.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.ical import calendars, published
from agenda.models import AgendaItem, Contact, Event, Participation
from speakers.models import Organisation, Person
from tests.support.calendar_readers import icaljs_read, require_icaljs, vobject_read
from tests.support.hostile import HOSTILE, tally

EXAMPLES = 200
ICALJS_BATCHES = 8
ICALJS_BATCH = 12

# -- what is written ----------------------------------------------------------------

_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def as_written(text: str) -> str:
    """The rule: CR LF and lone CR become LF; other controls except TAB are dropped."""
    return _DROPPED.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def value_as_written(text: str) -> str:
    """A whole property value: also without U+FEFF at its start (icalendar takes one
    for a byte-order mark)."""
    return as_written(text).lstrip("\ufeff")


# -- texts ------------------------------------------------------------------------------

SPECIALS = st.sampled_from(
    [
        *"\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\t\r\n;,\\:\"'^<>& ",
        "\r\n",
        "\r\nBEGIN:VEVENT\r\n",
        "\nEND:VCALENDAR\n",
        "\r\n DESCRIPTION:x",
        "\\N",  # icalendar's own escaping read a typed backslash-N as a line break
        "\\n",
        "\u202e",
        "\u200f",
        "\u200b",
        "\ufeff",
        "\u2028",
        "\u2029",
        "é",
        "ø",
        "€",
        "中",
        "🎉",
        "👩‍👩‍👧",
        "🇦🇹",
        "مؤتمر",
    ]
)
# Any code point a UTF-8 form or file can carry (not lone surrogates).
ANY_CHARACTER = st.characters(codec="utf-8")
PIECES = st.one_of(ANY_CHARACTER, ANY_CHARACTER, SPECIALS)
short_text = st.lists(PIECES, max_size=80).map("".join)
long_text = st.lists(PIECES, min_size=1, max_size=12).map(
    lambda pieces: ("".join(pieces) * 10_000)[:10_000]
)
texts = st.one_of(
    short_text, short_text, short_text, long_text, st.sampled_from(list(HOSTILE.values()))
)


@dataclass
class Texts:
    event_title: str
    room: str
    building: str
    city: str
    country: str
    item_title: str
    item_description: str
    other_item_title: str
    honorific: str
    person_name: str
    position: str
    organisation: str
    presentation_title: str
    contact_name: str


all_texts = st.builds(Texts, *[texts] * len(Texts.__dataclass_fields__))


# -- an event graph in memory, as `Event.objects.with_agenda()` would load it ---------


def _prefetched(instance, name: str, objects: list) -> None:
    """Fill a relation's prefetch cache, so `.all()` reads these objects, not the database."""
    model = type(objects[0]) if objects else None
    queryset = (model or AgendaItem).objects.none()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


START = datetime(2030, 5, 6, 7, 0, tzinfo=UTC)


def event_with(t: Texts) -> Event:
    event = Event(
        pk=1,
        title=t.event_title,
        slug="hostile",
        status=Event.Status.PUBLISHED,
        start=START,
        end=START + timedelta(hours=3),
        time_zone="Europe/Vienna",
        room=t.room,
        building=t.building,
        city=t.city,
        country=t.country,
        sequence=3,
        created_at=START - timedelta(days=30),
        updated_at=START - timedelta(days=1),
    )
    organisation = Organisation(pk=1, name=t.organisation)
    person = Person(
        pk=1,
        slug="person",
        honorific=t.honorific,
        full_name=t.person_name,
        position=t.position,
        organisation=organisation,
    )
    items = [
        AgendaItem(
            pk=1,
            uid=uuid.uuid4(),
            event=event,
            position=1,
            title=t.item_title,
            description=t.item_description,
            minutes=45,
            kind=AgendaItem.Kind.PANEL,
        ),
        AgendaItem(pk=2, uid=uuid.uuid4(), event=event, position=2, title=t.other_item_title),
    ]
    participation = Participation(
        pk=1, agenda_item=items[0], person=person, presentation_title=t.presentation_title
    )
    _prefetched(items[0], "participations", [participation])
    _prefetched(items[1], "participations", [])
    _prefetched(event, "items", items)
    _prefetched(
        event, "contacts", [Contact(pk=1, event=event, name=t.contact_name, email="a@example.org")]
    )
    return event


# -- checks -----------------------------------------------------------------------------

EVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "SEQUENCE",
    "SUMMARY",
    "DTSTART",
    "DTEND",
    "DESCRIPTION",
    "URL",
    "STATUS",
    "CLASS",
    "TRANSP",
    "CATEGORIES",
    "ORGANIZER",
    "CREATED",
    "LAST-MODIFIED",
}


def cn_as_written(name: str) -> str:
    """A CN parameter: also without backslashes (readers disagree on them in parameters)
    and outer whitespace or U+FEFF (unquoted values lose them when read)."""
    return re.sub(r"^[\s\ufeff]+|[\s\ufeff]+$", "", as_written(name).replace("\\", ""))


def venue(t: Texts) -> str:
    return ", ".join(p for p in (t.room, t.building, t.city, t.country) if p)


def check_lines(body: bytes) -> None:
    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b""), "a line break other than CRLF"
    assert b"\r" not in body.replace(b"\r\n", b""), "a bare CR"
    for line in body.split(b"\r\n")[:-1]:
        assert len(line) <= 75, f"{len(line)} octets: {line[:40]!r}…"
        line.decode("utf-8")  # raises if a fold split a character
        assert not _DROPPED.search(line.decode("utf-8").replace("\t", "")), line[:60]


def properties(component) -> list[str]:
    return [name for name, _ in component.property_items(recursive=False)][1:-1]


def check_structure(body: bytes, expected_vevents: int) -> list:
    """Exactly the components and properties the builder writes, each once."""
    parsed = icalendar.Calendar.from_ical(body)
    assert [c.name for c in parsed.subcomponents if c.name != "VTIMEZONE"] == [
        "VEVENT"
    ] * expected_vevents
    assert body.count(b"\r\nBEGIN:VEVENT\r\n") == expected_vevents
    assert body.count(b"\r\nBEGIN:") == body.count(b"\r\nEND:") - 1  # BEGIN:VCALENDAR is first
    vevents = parsed.walk("VEVENT")
    for vevent in vevents:
        names = properties(vevent)
        assert len(names) == len(set(names)), f"a property twice: {names}"
        assert set(names) - {"LOCATION", "RELATED-TO"} <= EVENT_PROPERTIES
        assert not vevent.subcomponents
    return vevents


def text_of(vevent, name: str) -> str:
    return str(vevent[name])


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(t=all_texts)
def test_event_calendar_round_trips_any_text(t):
    tally("ics: hypothesis examples, event calendar (14 texts each)")
    event = event_with(t)
    body = calendars.to_ics(calendars.event_calendar(event, base_url="https://example.org"))
    check_lines(body)
    (vevent,) = check_structure(body, expected_vevents=1)

    assert text_of(vevent, "SUMMARY") == value_as_written(t.event_title)
    if venue(t):
        assert text_of(vevent, "LOCATION") == value_as_written(venue(t))
    else:
        assert "LOCATION" not in vevent
    description = text_of(vevent, "DESCRIPTION")
    person = event.items.all()[0].participations.all()[0].person
    for shown in (
        t.item_title,
        t.other_item_title,
        person.display_name,  # honorific and name, as every page shows them
        t.position,
        t.organisation,
        t.presentation_title,
    ):
        assert as_written(shown) in description
    assert description.endswith("\nhttps://example.org/events/hostile/")
    assert vevent["ORGANIZER"].params.get("CN", "") == cn_as_written(t.contact_name)
    assert str(vevent["ORGANIZER"]) == "mailto:a@example.org"

    reading = vobject_read(body)
    (read,) = reading["events"]
    assert read["summary"] == value_as_written(t.event_title)
    assert read["description"] == description
    assert read["location"] == (value_as_written(venue(t)) if venue(t) else None)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(t=all_texts)
def test_agenda_calendar_keeps_one_vevent_per_item(t):
    tally("ics: hypothesis examples, agenda calendar (14 texts each)")
    event = event_with(t)
    body = calendars.to_ics(calendars.agenda_calendar(event, base_url="https://example.org"))
    check_lines(body)
    first, second = check_structure(body, expected_vevents=2)

    title = as_written(t.event_title)
    assert text_of(first, "SUMMARY") == value_as_written(f"{t.item_title} – {t.event_title}")
    assert text_of(second, "SUMMARY") == value_as_written(f"{t.other_item_title} – {t.event_title}")
    description = text_of(first, "DESCRIPTION")
    if t.item_description:
        assert f"\n\n{as_written(t.item_description)}\n\nPart of: {title}\n" in description
    assert [str(v["UID"]) for v in (first, second)] == [i.calendar_uid for i in event.items.all()]

    reading = vobject_read(body)
    assert [e["summary"] for e in reading["events"]] == [
        text_of(first, "SUMMARY"),
        text_of(second, "SUMMARY"),
    ]
    assert reading["events"][0]["description"] == description


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(t=all_texts)
def test_published_files_are_icalendars_bytes_for_any_text(t):
    """agenda/ical/published.py (what the views serve) writes what icalendar writes."""
    tally("ics: hypothesis examples, fast writer against icalendar (14 texts each)")
    event = event_with(t)
    base, now = "https://example.org", START
    assert published.agenda_ics(event, base_url=base, now=now) == (
        calendars.agenda_calendar(event, base_url=base, now=now).to_ical()
    )
    assert published.event_ics(event, base_url=base, now=now) == (
        calendars.event_calendar(event, base_url=base, now=now).to_ical()
    )
    uid = event.items.all()[0].uid
    assert published.item_ics(event, uid, base_url=base, now=now) == (
        calendars.item_calendar(event, uid, base_url=base, now=now).to_ical()
    )


def _icaljs_batch(batch: list[Texts]) -> None:
    documents = [
        calendars.to_ics(calendars.event_calendar(event_with(t), base_url="https://example.org"))
        for t in batch
    ]
    readings = icaljs_read(*documents)
    tally("ics: documents read by ical.js", len(documents))
    for t, reading in zip(batch, readings, strict=True):
        (read,) = reading["events"]
        assert read["summary"] == value_as_written(t.event_title)
        assert read["location"] == (value_as_written(venue(t)) if venue(t) else None)
        assert as_written(t.item_title) in read["description"]
        assert read["organizer"] == "mailto:a@example.org"
        assert (read["organizer_cn"] or "") == cn_as_written(t.contact_name)


def test_icaljs_reads_the_hostile_strings():
    require_icaljs()
    batch = [
        Texts(*[value] * len(Texts.__dataclass_fields__))
        for value in [*HOSTILE.values(), "\x00", "\r\nBEGIN:VEVENT\r\n"]
    ]
    _icaljs_batch(batch)


@settings(
    max_examples=ICALJS_BATCHES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(batch=st.lists(all_texts, min_size=ICALJS_BATCH, max_size=ICALJS_BATCH))
def test_icaljs_reads_a_sample_of_any_text(batch):
    require_icaljs()
    tally("ics: hypothesis examples, ical.js batches")
    _icaljs_batch(batch)
