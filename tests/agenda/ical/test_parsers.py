"""Every kind of .ics export, in every zone that matters, read by two parsers that
share no code with the writer: Mozilla's ical.js (node) and vobject (dateutil).

Each reading must give the exact UTC start and end of every VEVENT and the stored
UIDs. The expected times are written out by hand in tests/support/calendar_scenarios.py.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from agenda.ical import calendars, timezones
from tests.support.calendar_readers import (
    icaljs_read,
    require_icaljs,
    times,
    utc_text,
    vobject_read,
)
from tests.support.calendar_scenarios import SCENARIOS, event_in

pytestmark = pytest.mark.django_db


def exports(client, scenario, prefix: str = "") -> dict[str, tuple[bytes, list]]:
    """Each export of the scenario's event over HTTP, with the VEVENTs it must hold;
    `prefix` "/fr" or "/es" asks for them in that language."""
    event = scenario.event
    with translation.override("en"):
        event_url = reverse("agenda:event_ics", kwargs={"slug": event.slug})
        wanted = {
            "event": (event_url, {}, scenario.expected_event()),
            "agenda (?detail=agenda)": (event_url, {"detail": "agenda"}, scenario.expected_items()),
            "agenda.ics": (
                reverse("agenda:event_agenda_ics", kwargs={"slug": event.slug}),
                {},
                scenario.expected_items(),
            ),
        }
        for item, expected in zip(event.items.all(), scenario.expected_items(), strict=True):
            url = reverse("agenda:item_ics", kwargs={"slug": event.slug, "uid": item.uid})
            wanted[f"item {item.title}"] = (url, {}, [expected])
    found = {}
    for name, (url, query, expected) in wanted.items():
        response = client.get(prefix + url, query)
        assert response.status_code == 200, name
        found[name] = (response.content, expected)
    return found


READERS = ("ical.js", "vobject")


def read_all(reader: str, documents: list[bytes]) -> list[dict]:
    """Each document as `reader` understood it (one node run for all of ical.js's)."""
    if reader == "ical.js":
        require_icaljs()
        return icaljs_read(*documents)
    return [vobject_read(document) for document in documents]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_export_reads_right(client, name, reader):
    scenario = SCENARIOS[name]()
    documents = exports(client, scenario)
    readings = read_all(reader, [body for body, _ in documents.values()])
    for (kind, (_, expected)), reading in zip(documents.items(), readings, strict=True):
        assert times(reading) == expected, f"{reader}, {name}, {kind}"
        assert reading["method"] == "PUBLISH"
        used = {e[key] for e in reading["events"] for key in ("start_tzid", "end_tzid")}
        assert used <= {scenario.zone, None}
        # A VTIMEZONE for the zone exactly when a time uses it (not for all-UTC times).
        assert reading["timezones"] == ([scenario.zone] if used - {None} else [])
        assert {e["sequence"] for e in reading["events"]} == {scenario.event.sequence}
        assert all(not e["attendees"] for e in reading["events"])
    # The whole event is written in its own zone (TZID), never in UTC.
    event_reading = readings[0]["events"][0]
    assert event_reading["start_tzid"] == event_reading["end_tzid"] == scenario.zone


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_export_in_french_and_spanish_reads_as_in_english(client, name, language, reader):
    """Same UIDs, SEQUENCE and UTC times as the English files, whatever the LANGUAGE
    parameters and the translated words around them."""
    scenario = SCENARIOS[name]()
    item = scenario.event.items.first()
    setattr(item, f"title_{language}", "Séance – sesión")
    item.save()
    english = exports(client, scenario)
    translated = exports(client, scenario, prefix=f"/{language}")
    readings = read_all(reader, [body for body, _ in (*english.values(), *translated.values())])
    english_readings, translated_readings = readings[: len(english)], readings[len(english) :]
    for kind, ours, theirs in zip(english, translated_readings, english_readings, strict=True):
        assert times(ours) == times(theirs) == english[kind][1], f"{reader}, {name}, {kind}"
        assert [e["sequence"] for e in ours["events"]] == [e["sequence"] for e in theirs["events"]]
        assert [e["status"] for e in ours["events"]] == [e["status"] for e in theirs["events"]]
    # The agenda's first VEVENT is the translated item, read with its French or Spanish title.
    first = translated_readings[2]["events"][0]
    assert first["summary"].startswith("Séance – sesión – ")
    assert translated_readings[2]["events"][0]["uid"] == english_readings[2]["events"][0]["uid"]


@pytest.mark.parametrize("reader", READERS)
def test_feed_of_every_zone_reads_right(client, reader):
    scenarios = [make() for make in SCENARIOS.values()]
    body = client.get(reverse("agenda:calendar_feed")).content
    (reading,) = read_all(reader, [body])
    expected = sorted((s.event.calendar_uid, s.start, s.end) for s in scenarios)
    assert sorted(times(reading)) == expected
    assert sorted(reading["timezones"]) == sorted({s.zone for s in scenarios})
    assert reading["method"] == "PUBLISH"
    if reader == "ical.js":
        assert reading["name"] == reading["x_wr_calname"] == calendars.FEED_NAME


@pytest.mark.parametrize("reader", READERS)
def test_seed_readings(client, seed_event, reader):
    """The numbers quoted in the issue's closing note."""
    body = client.get(reverse("agenda:event_ics", kwargs={"slug": seed_event.slug})).content
    (reading,) = read_all(reader, [body])
    assert times(reading) == [
        (
            "6f1f3f8e-2b7a-4c1e-9d2f-8a4e5c9b1d01@eventsite.local",
            "2017-09-04T11:15:00Z",
            "2017-09-04T12:45:00Z",
        )
    ]


def test_dst_night_writes_repeated_local_times_in_utc(client):
    scenario = SCENARIOS["vienna-dst-change"]()
    url = reverse("agenda:event_agenda_ics", kwargs={"slug": scenario.event.slug})
    text = client.get(url).content.decode()
    # 01:30 CEST has a TZID; 02:30 (CEST and CET) happens twice, so it is UTC;
    # 03:30 CET is unambiguous again.
    assert "DTSTART;TZID=Europe/Vienna:20171029T013000" in text
    assert "DTSTART:20171029T003000Z" in text
    assert "DTEND:20171029T013000Z" in text
    assert "DTEND;TZID=Europe/Vienna:20171029T033000" in text


def _new_york_night(start: str) -> bytes:
    """New York's VTIMEZONE for 2026 and one VEVENT starting at `start` (a DTSTART line)."""
    night = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    zone = timezones.vtimezone("America/New_York", night, night).to_ical()
    return (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + zone
        + b"BEGIN:VEVENT\r\nUID:night@test\r\nDTSTAMP:20260101T000000Z\r\n"
        + start.encode()
        + b"\r\nDTEND;TZID=America/New_York:20261101T030000\r\n"
        + b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_why_the_first_repeated_hour_stays_in_utc():
    """RFC 5545 3.3.5 says a TZID time in the repeated hour is its first
    occurrence. vobject reads it so; ical.js (Thunderbird) picks standard time,
    the second occurrence (`want_daylight = false; // TODO` in ical.js 2.2), and
    would show a New York 01:30 EDT start an hour late. UTC reads right in both."""
    require_icaljs()
    tzid_start = _new_york_night("DTSTART;TZID=America/New_York:20261101T013000")
    (icaljs,) = icaljs_read(tzid_start)
    assert times(icaljs) == [("night@test", "2026-11-01T06:30:00Z", "2026-11-01T08:00:00Z")]
    assert times(vobject_read(tzid_start)) == [
        ("night@test", "2026-11-01T05:30:00Z", "2026-11-01T08:00:00Z")
    ]
    utc_start = _new_york_night("DTSTART:20261101T053000Z")
    for reading in (*icaljs_read(utc_start), vobject_read(utc_start)):
        assert times(reading) == [("night@test", "2026-11-01T05:30:00Z", "2026-11-01T08:00:00Z")]


@pytest.mark.parametrize("reader", READERS)
def test_new_york_first_repeated_hour_reads_right(client, reader):
    """An event starting 01:30 EDT on 1 November 2026, ending 03:00 EST."""
    event = event_in("America/New_York", (2026, 11, 1, 1, 30), (2026, 11, 1, 3, 0), [60, None])
    body = client.get(reverse("agenda:event_ics", kwargs={"slug": event.slug})).content
    assert b"DTSTART:20261101T053000Z" in body
    (reading,) = read_all(reader, [body])
    assert times(reading) == [(event.calendar_uid, "2026-11-01T05:30:00Z", "2026-11-01T08:00:00Z")]


@pytest.mark.parametrize("reader", READERS)
def test_a_rule_change_inside_the_feed_falls_back_to_dated_observances(client, reader):
    """New York moved its DST dates in 2007: one VTIMEZONE must cover 2006 and 2008."""
    # 2006: DST from 2 April; 2008: from 9 March. 20 March is EST in 2006, EDT in 2008.
    early = event_in("America/New_York", (2006, 3, 20, 9, 0), (2006, 3, 20, 10, 0), [None])
    late = event_in("America/New_York", (2008, 3, 20, 9, 0), (2008, 3, 20, 10, 0), [None])
    body = client.get(reverse("agenda:calendar_feed")).content
    assert b"RRULE" not in body.split(b"END:VTIMEZONE")[0]
    (reading,) = read_all(reader, [body])
    assert sorted(times(reading)) == sorted(
        [
            (early.calendar_uid, "2006-03-20T14:00:00Z", "2006-03-20T15:00:00Z"),
            (late.calendar_uid, "2008-03-20T13:00:00Z", "2008-03-20T14:00:00Z"),
        ]
    )


# ---------------------------------------------------------------------------
# The VTIMEZONE generator against the zone database, around every change.

SWEEP_ZONES = [
    "Europe/Vienna",
    "Europe/London",
    "Europe/Dublin",  # "negative" daylight time in winter in the zone database
    "America/New_York",
    "America/St_Johns",  # UTC-3:30 / -2:30
    "America/Sao_Paulo",  # dropped DST in 2019
    "America/Santiago",
    "Asia/Kathmandu",
    "Asia/Tehran",  # fixed-date rules until 2022
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "Pacific/Chatham",  # UTC+12:45 / +13:45
    "Africa/Casablanca",  # Ramadan changes
]
SWEEP_YEARS = (2017, 2024)


def _sweep_calendar(zone_name: str, years) -> tuple[bytes, list[tuple[str, str, str]]]:
    """One calendar with an event across every change of `zone_name` in `years`,
    plus one in mid-January and mid-July, and the UTC times they must read as."""
    zone = ZoneInfo(zone_name)
    moments = []
    for year in years:
        moments += [datetime(year, 1, 15, 12, tzinfo=zone), datetime(year, 7, 15, 12, tzinfo=zone)]
        start = datetime(year, 1, 1, tzinfo=UTC)
        for transition in timezones._transitions(zone, start, datetime(year + 1, 1, 1, tzinfo=UTC)):
            # 30 minutes before a change: the first occurrence of a repeated hour.
            moments += [
                transition.at - timedelta(minutes=90),
                transition.at - timedelta(minutes=30),
                transition.at,
            ]
    components, expected = [], []
    for number, moment in enumerate(moments):
        start, end = moment, moment + timedelta(minutes=180)
        vevent = icalendar.Event()
        uid = f"{zone_name}-{number}@sweep"
        vevent.add("uid", uid)
        vevent.add("dtstamp", datetime(2020, 1, 1, tzinfo=UTC))
        vevent.add("dtstart", timezones.local_time(start, zone_name))
        vevent.add("dtend", timezones.local_time(end, zone_name))
        components.append(vevent)
        expected.append((uid, utc_text(start), utc_text(end)))
    return calendars.to_ics(calendars.build_calendar(components)), expected


def _sweep_documents():
    documents = []
    for zone_name in SWEEP_ZONES:
        for years in [(y,) for y in SWEEP_YEARS] + [SWEEP_YEARS]:
            documents.append((zone_name, years, *_sweep_calendar(zone_name, years)))
    return documents


def test_vtimezones_match_the_zone_database_in_vobject():
    for zone_name, years, body, expected in _sweep_documents():
        assert times(vobject_read(body)) == expected, (zone_name, years)


def test_vtimezones_match_the_zone_database_in_icaljs():
    require_icaljs()
    documents = _sweep_documents()
    readings = icaljs_read(*(body for *_, body, _ in documents))
    for (zone_name, years, _, expected), reading in zip(documents, readings, strict=True):
        assert times(reading) == expected, (zone_name, years)


def test_vtimezone_forms():
    """Outlook's form where a yearly rule holds; dated observances otherwise; never RDATE lists."""
    first, last = datetime(2017, 9, 4, 11, tzinfo=UTC), datetime(2017, 9, 4, 13, tzinfo=UTC)
    vienna = timezones.vtimezone("Europe/Vienna", first, last).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in vienna
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in vienna
    assert vienna.count("BEGIN:DAYLIGHT") == vienna.count("BEGIN:STANDARD") == 1
    # The change into daylight time is dated on the clock before it: 02:00 CET.
    assert "DTSTART:20160327T020000" in vienna
    assert "DTSTART:20161030T030000" in vienna

    new_york = timezones.vtimezone("America/New_York", first, last).to_ical().decode()
    assert "BYDAY=2SU;BYMONTH=3" in new_york
    assert "BYDAY=1SU;BYMONTH=11" in new_york

    lord_howe = timezones.vtimezone("Australia/Lord_Howe", first, last).to_ical().decode()
    assert "TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100" in lord_howe
    assert "BYDAY=1SU;BYMONTH=10" in lord_howe
    assert "BYDAY=1SU;BYMONTH=4" in lord_howe

    kathmandu = timezones.vtimezone("Asia/Kathmandu", first, last).to_ical().decode()
    assert "BEGIN:STANDARD" in kathmandu
    assert "TZOFFSETTO:+0545" in kathmandu
    assert "RRULE" not in kathmandu
    assert "BEGIN:DAYLIGHT" not in kathmandu

    for zone_name in SWEEP_ZONES:
        text = (
            timezones.vtimezone(
                zone_name, datetime(2006, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)
            )
            .to_ical()
            .decode()
        )
        assert "RDATE" not in text, zone_name


def test_the_parsers_do_misread_comma_separated_rdate_lists():
    """Why the VTIMEZONE is generated here: ical.js and vobject read only the first
    date of a list-valued RDATE (as icalendar's add_missing_timezones() writes),
    and the seed event moves to 12:15Z. The readers in these tests catch that."""
    text = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        b"BEGIN:VTIMEZONE\r\nTZID:Europe/Vienna\r\n"
        b"BEGIN:STANDARD\r\nDTSTART:19800928T030000\r\n"
        b"RDATE:19810927T030000,20161030T030000,20171029T030000\r\n"
        b"TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n"
        b"BEGIN:DAYLIGHT\r\nDTSTART:19800406T020000\r\n"
        b"RDATE:19810329T020000,20160327T020000,20170326T020000\r\n"
        b"TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"
        b"END:VTIMEZONE\r\n"
        b"BEGIN:VEVENT\r\nUID:x@test\r\nDTSTAMP:20170101T000000Z\r\n"
        b"DTSTART;TZID=Europe/Vienna:20170904T131500\r\n"
        b"DTEND;TZID=Europe/Vienna:20170904T144500\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    misread = [("x@test", "2017-09-04T12:15:00Z", "2017-09-04T13:45:00Z")]
    assert times(vobject_read(text)) == misread
    require_icaljs()
    assert times(icaljs_read(text)[0]) == misread
