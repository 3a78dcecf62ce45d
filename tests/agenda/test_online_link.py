"""Event.online_link: https only (clean() and a constraint), on the page, in the .ics as
CONFERENCE (RFC 7986) and in the JSON interchange; absent, nothing changes."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agenda.ical import calendars, published
from agenda.interchange import export_event, import_event
from agenda.models import Event
from tests.support.builders import add_items, make_event
from tests.support.pages import page_text

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/j/123;pwd=a,b"
NOW = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)


def loaded(event: Event) -> Event:
    return Event.objects.with_agenda().get(pk=event.pk)


@pytest.mark.parametrize(
    "link",
    ["http://meet.example.org/x", "ftp://meet.example.org/x", "javascript:alert(1)", "meet.x"],
)
def test_only_https_links_are_accepted(link):
    event = make_event()
    event.online_link = link
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "online_link" in raised.value.message_dict


def test_the_database_refuses_a_link_that_is_not_https():
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(online_link="http://meet.example.org/x")


def test_an_https_link_is_clean():
    event = make_event(online_link=LINK)
    event.full_clean()
    assert Event.objects.get(pk=event.pk).online_link == LINK


def test_conference_property_on_the_event_and_every_item():
    event = make_event(online_link=LINK)
    add_items(event, [10, 20])
    event = loaded(event)
    for ics in (published.event_ics(event, now=NOW), published.agenda_ics(event, now=NOW)):
        unfolded = ics.decode().replace("\r\n ", "")
        lines = [line for line in unfolded.split("\r\n") if line.startswith("CONFERENCE")]
        assert lines
        assert set(lines) == {
            "CONFERENCE;FEATURE=AUDIO,VIDEO;LABEL=Join online;VALUE=URI:"
            "https://meet.example.org/j/123;pwd=a,b"
        }
        for vevent in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
            conference = vevent["CONFERENCE"]
            assert str(conference) == LINK
            assert conference.params["VALUE"] == "URI"
            assert conference.params["FEATURE"] == ["AUDIO", "VIDEO"]
            assert conference.params["LABEL"] == "Join online"


def test_no_link_no_conference_property():
    event = make_event()
    add_items(event, [10])
    event = loaded(event)
    assert b"CONFERENCE" not in published.agenda_ics(event, now=NOW)
    assert b"CONFERENCE" not in published.event_ics(event, now=NOW)
    assert "CONFERENCE" not in calendars.event_calendar(event, now=NOW)


def test_changing_the_link_raises_the_sequence():
    event = make_event()
    before = Event.objects.get(pk=event.pk).sequence
    event = Event.objects.get(pk=event.pk)
    event.online_link = LINK
    event.save()
    assert Event.objects.get(pk=event.pk).sequence == before + 1


def test_the_public_page_links_to_the_meeting(client):
    event = make_event(online_link=LINK)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert f'href="{LINK}"' in response.content.decode()
    assert "Online: join the meeting" in page_text(response)


def test_the_page_of_an_event_without_link_has_no_online_line(client):
    event = make_event()
    response = client.get(event.get_absolute_url())
    assert "event-online" not in response.content.decode()


def test_the_link_survives_export_and_import():
    event = make_event(online_link=LINK)
    data = export_event(event)
    assert data["event"]["online_link"] == LINK
    event.delete()
    copy, _ = import_event(data)
    assert copy.online_link == LINK


def test_an_export_without_link_has_no_key():
    assert "online_link" not in export_event(make_event())["event"]
