"""The occasion's exports: calendar.ics (two parsers, the events' own UIDs and SEQUENCE), schedule.xml/json against the schemas, query counts."""

import json
import xml.etree.ElementTree as ET

import pytest

from agenda.models import Event
from tests.support.calendar_readers import icaljs_read, vobject_read
from tests.support.conference_schemas import json_validator, xml_schema
from tests.support.occasions import make_programme

pytestmark = pytest.mark.django_db

SEED_OCCASION = "/occasions/fifth-thematic-session-global-compact-vienna-2017"
# The ETag's version · occasion · events with agenda (with_agenda: items, people,
# organisations, contacts, questions) and rooms.
EXPORT_QUERIES = 8


def test_the_seed_event_reads_11_15z_to_12_45z_with_its_own_uid_in_both_parsers(client, seed_event):
    feed = client.get(f"{SEED_OCCASION}/calendar.ics")
    assert feed.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    own = client.get(f"/events/{seed_event.slug}.ics").content
    expected = (seed_event.calendar_uid, "2017-09-04T11:15:00Z", "2017-09-04T12:45:00Z")
    for reading_of in (vobject_read,):
        (event,) = reading_of(feed.content)["events"]
        (mine,) = reading_of(own)["events"]
        assert (event["uid"], event["start"], event["end"]) == expected
        assert event["sequence"] == mine["sequence"]


def test_ical_js_reads_the_feed_as_the_event_file(client, seed_event):
    feed = client.get(f"{SEED_OCCASION}/calendar.ics").content
    own = client.get(f"/events/{seed_event.slug}.ics").content
    feed_reading, own_reading = icaljs_read(feed, own)
    (event,) = feed_reading["events"]
    (mine,) = own_reading["events"]
    assert (event["uid"], event["start"], event["end"]) == (
        seed_event.calendar_uid,
        "2017-09-04T11:15:00Z",
        "2017-09-04T12:45:00Z",
    )
    assert event["sequence"] == mine["sequence"]


def test_a_raised_sequence_shows_in_the_feed(client, seed_event):
    Event.objects.filter(pk=seed_event.pk).update(sequence=7)
    (event,) = vobject_read(client.get(f"{SEED_OCCASION}/calendar.ics").content)["events"]
    assert event["sequence"] == 7


def test_schedule_xml_validates_for_three_days_and_eight_rooms(client):
    occasion = make_programme(60, slug="big")
    body = client.get(f"/occasions/{occasion.slug}/schedule.xml").content
    xml_schema().validate(body.decode("utf-8"))
    root = ET.fromstring(body)
    days = root.findall("day")
    assert [d.get("date") for d in days] == ["2030-05-06", "2030-05-07", "2030-05-08"]
    for day in days:
        assert [r.get("name") for r in day.findall("room")] == [
            f"Room {n} · C" for n in range(1, 9)
        ]
    talks = root.findall("day/room/event")
    assert len(talks) == sum(4 + n % 3 for n in range(60))
    assert len({t.get("guid") for t in talks}) == len(talks)


def test_schedule_json_validates_and_has_the_seed_in_its_room(client, seed_event):
    document = json.loads(client.get(f"{SEED_OCCASION}/schedule.json").content)
    errors = [e.message for e in json_validator().iter_errors(document)]
    assert not errors, errors
    days = document["schedule"]["conference"]["days"]
    assert [d["date"] for d in days] == ["2017-09-04", "2017-09-05"]
    talks = days[0]["rooms"]["Board Room A · Vienna International Centre"]
    assert [t["start"] for t in talks] == ["13:15", "13:22", "13:52", "14:22"]
    xml_schema().validate(client.get(f"{SEED_OCCASION}/schedule.xml").content.decode())


def test_a_second_request_with_its_etag_is_not_modified(client, seed_event):
    first = client.get(f"{SEED_OCCASION}/schedule.xml")
    again = client.get(f"{SEED_OCCASION}/schedule.xml", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("events", [6, 60])
@pytest.mark.parametrize("export", ["calendar.ics", "schedule.xml", "schedule.json"])
def test_exports_run_a_constant_number_of_queries(
    client, django_assert_num_queries, events, export
):
    occasion = make_programme(events, slug=f"q{events}")
    with django_assert_num_queries(EXPORT_QUERIES):
        response = client.get(f"/occasions/{occasion.slug}/{export}")
    assert response.status_code == 200
    assert response.content.count(f"/events/q{events}-event-".encode()) >= events
