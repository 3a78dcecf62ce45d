"""schedule.xml (frab) and schedule.json (c3voc) for conference apps, checked against
the schemas copied from ../shared/schemas/ into tests/schemas/."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from agenda import conference
from agenda.models import Event
from tests.support.builders import add_items, local, make_event
from tests.support.calendar_scenarios import SCENARIOS
from tests.support.conference_schemas import valid_json, valid_xml

pytestmark = pytest.mark.django_db

SEED_SLUG = "counter-migrant-smuggling-vienna-2017"


def test_seed_schedule_xml(client, seed_event):
    response = client.get(f"/events/{SEED_SLUG}/schedule.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = valid_xml(response.content)
    assert root.findtext("url") == f"http://testserver/events/{SEED_SLUG}/schedule.xml"
    assert root.findtext("conference/title") == seed_event.title
    assert root.findtext("conference/acronym") == "counter_migrant_smuggling_vienna_2017"
    assert root.findtext("conference/start") == "2017-09-04T13:15:00+02:00"
    assert root.findtext("conference/end") == "2017-09-04T14:45:00+02:00"
    assert root.findtext("conference/time_zone_name") == "Europe/Vienna"
    (day,) = root.findall("day")
    assert day.attrib == {
        "index": "1",
        "date": "2017-09-04",
        "start": "2017-09-04T13:15:00+02:00",
        "end": "2017-09-04T14:45:00+02:00",
    }
    (room,) = day.findall("room")
    assert room.get("name") == "Board Room A"
    talks = room.findall("event")
    assert [t.get("guid") for t in talks] == [str(i.uid) for i in seed_event.items.all()]
    assert [t.findtext("start") for t in talks] == ["13:15", "13:22", "13:52", "14:22"]
    assert [t.findtext("duration") for t in talks] == ["00:07", "00:30", "00:30", "00:23"]
    assert [t.findtext("title") for t in talks] == [
        "Opening Remarks",
        "Panel",
        "Q&A Session",
        "Closing remarks",
    ]
    assert [p.text for p in talks[1].findall("persons/person")] == [
        "Berlan Pars Alan",
        "Research Professor Jørgen Carling",
        "Ms. Marie McAuliffe",
        "Ms. Morgane Nicot",
    ]
    assert "Moderator: Berlan Pars Alan" in talks[1].findtext("description")


def test_seed_schedule_json(client, seed_event):
    response = client.get(f"/events/{SEED_SLUG}/schedule.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = valid_json(response.content)
    schedule = document["schedule"]
    conference_ = schedule["conference"]
    assert conference_["acronym"] == "counter_migrant_smuggling_vienna_2017"
    assert conference_["daysCount"] == 1
    assert conference_["time_zone_name"] == "Europe/Vienna"
    (day,) = conference_["days"]
    talks = day["rooms"]["Board Room A"]
    assert [t["guid"] for t in talks] == [str(i.uid) for i in seed_event.items.all()]
    assert [t["date"] for t in talks] == [
        "2017-09-04T13:15:00+02:00",
        "2017-09-04T13:22:00+02:00",
        "2017-09-04T13:52:00+02:00",
        "2017-09-04T14:22:00+02:00",
    ]
    assert talks[-1]["end"] == "2017-09-04T14:45:00+02:00"
    assert [p["name"] for p in talks[0]["persons"]] == ["Ambassador Mehmet Samsar"]
    # Names with diacritics come through as text, not escapes.
    assert "Jørgen" in response.content.decode()


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_zone_is_valid_in_both_formats(client, name):
    scenario = SCENARIOS[name]()
    event = scenario.event
    root = valid_xml(client.get(f"/events/{event.slug}/schedule.xml").content)
    document = valid_json(client.get(f"/events/{event.slug}/schedule.json").content)
    xml_dates = [t.findtext("date") for t in root.iter("event")]
    json_dates = [
        t["date"]
        for day in document["schedule"]["conference"]["days"]
        for talks in day["rooms"].values()
        for t in talks
    ]
    assert xml_dates == json_dates
    assert len(xml_dates) == len(scenario.items)
    # Local times with their offset denote the expected UTC instants.
    assert [
        datetime.fromisoformat(d).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for d in xml_dates
    ] == [start for start, _ in scenario.items]


def test_two_day_event_has_a_day_each(client):
    scenario = SCENARIOS["two-days"]()
    root = valid_xml(client.get(f"/events/{scenario.event.slug}/schedule.xml").content)
    days = root.findall("day")
    assert [d.get("date") for d in days] == ["2030-05-06", "2030-05-07"]
    assert [d.get("start") for d in days] == [
        "2030-05-06T09:00:00+02:00",
        "2030-05-07T00:00:00+02:00",
    ]
    assert [d.get("end") for d in days] == [
        "2030-05-07T00:00:00+02:00",
        "2030-05-07T17:00:00+02:00",
    ]
    assert [[t.findtext("title") for t in d.iter("event")] for d in days] == [
        ["Day one: Ärztinnen"],
        ["Day two"],
    ]
    assert root.findtext("conference/days") == "2"
    document = valid_json(client.get(f"/events/{scenario.event.slug}/schedule.json").content)
    assert document["schedule"]["conference"]["daysCount"] == 2


def test_awkward_names_stay_valid(client):
    event = make_event(
        slug="ab",
        # No control character: the database refuses one in a title (common/single_line.py).
        title="Ctrl chars & <tags> “quotes”",
        room="",
        time_zone="Etc/GMT-3",
        start=local(2030, 5, 6, 9, zone="Etc/GMT-3"),
        end=local(2030, 5, 6, 10, zone="Etc/GMT-3"),
    )
    (item,) = add_items(event, [30])
    item.title = "日本語"  # slugifies to nothing
    item.save()
    root = valid_xml(client.get("/events/ab/schedule.xml").content)
    assert root.findtext("conference/title") == "Ctrl chars & <tags> “quotes”"
    assert root.findtext("conference/acronym") == "ab_2030"
    assert root.find("day/room").get("name") == "Venue"
    assert root.findtext("day/room/event/slug") == "ab_2030-01-item"
    document = valid_json(client.get("/events/ab/schedule.json").content)
    assert "time_zone_name" not in document["schedule"]["conference"]  # not the schema's pattern


def test_version_changes_with_the_event(seed_event):
    before = conference.version(Event.objects.get(pk=seed_event.pk))
    seed_event.refresh_from_db()
    seed_event.title = "Renamed"
    seed_event.save()
    after = conference.version(Event.objects.get(pk=seed_event.pk))
    assert before != after
    assert after.startswith("1.")


def test_schedule_revalidation_and_drafts(client, staff_user):
    draft = make_event(status=Event.Status.DRAFT)
    url = reverse("agenda:schedule_json", kwargs={"slug": draft.slug})
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_talks_documents_are_its_attachments_and_links(client):
    from agenda.models import Participation
    from tests.support import documents as files

    event = make_event(start=local(2030, 5, 6, 9), end=local(2030, 5, 6, 12))
    add_items(event, [30, 30], people_per_item=1)
    talk = Participation.objects.get(agenda_item__event=event, agenda_item__position=0)
    slides = files.make_attachment(
        event,
        kind="slides",
        title="Routes",
        participation=talk,
        file=files.upload("r.pdf", files.PDF_BYTES),
    )
    files.make_attachment(
        event,
        kind="paper",
        title="Paper",
        participation=talk,
        file=None,
        link="https://example.org/p",
    )
    files.make_attachment(event, title="Concept note")  # the event's own: not a talk's
    url = "http://testserver" + slides.get_absolute_url()

    root = valid_xml(client.get(reverse("agenda:schedule_xml", args=[event.slug])).content)
    first, second = root.iter("event")
    assert [(a.get("href"), a.get("type"), a.text) for a in first.iter("attachment")] == [
        (url, "slides", "Routes")
    ]
    assert [(a.get("href"), a.get("type"), a.text) for a in first.find("links")] == [
        ("https://example.org/p", "paper", "Paper")
    ]
    assert second.find("attachments") is None
    assert not list(second.find("links"))

    document = valid_json(client.get(reverse("agenda:schedule_json", args=[event.slug])).content)
    first, second = document["schedule"]["conference"]["days"][0]["rooms"].popitem()[1]
    assert first["attachments"] == [{"type": "slides", "url": url, "title": "Routes"}]
    assert first["links"] == [{"type": "paper", "url": "https://example.org/p", "title": "Paper"}]
    assert "attachments" not in second
    assert second["links"] == []
