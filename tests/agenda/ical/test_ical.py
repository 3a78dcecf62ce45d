"""agenda/ical/calendars.py: the rules every .ics must follow, checked on the text it writes.

Times are checked with independent parsers in test_parsers.py; here the
properties, identities, counters, encoding and links.
"""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from agenda import calendar_links
from agenda.ical import calendars
from agenda.interchange import export_event, import_event
from agenda.models import AgendaItem, Event
from tests.support.builders import add_items, local, make_event
from tests.support.calendar_readers import vobject_read

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
SEED_UID = "6f1f3f8e-2b7a-4c1e-9d2f-8a4e5c9b1d01@eventsite.local"
SEED_ITEM_UIDS = [
    "0c3d1a52-8f0e-4b8e-a6b1-3f2a9d7e5c11@eventsite.local",
    "7a9e2b64-1c5d-4e3f-8b2a-6d4c1f0e9a22@eventsite.local",
    "3e5f7a81-9b2c-4d6e-a1f3-8c7b5d4e2f33@eventsite.local",
    "9d1c4b27-6e8f-4a3b-b5c2-1e0f7a6d8b44@eventsite.local",
]


def loaded(event: Event) -> Event:
    return Event.objects.with_agenda().get(pk=event.pk)


def ics(cal) -> str:
    return calendars.to_ics(cal).decode("utf-8")


def unfolded(text: str) -> str:
    return text.replace("\r\n ", "")


def props(text: str, name: str) -> list[str]:
    """Every line of a property (name, parameters, value), unfolded; VTIMEZONEs left out."""
    text = re.sub(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", "", unfolded(text), flags=re.S)
    return [line for line in text.split("\r\n") if re.match(rf"{name}[;:]", line)]


def vevents(text: str) -> list[str]:
    return re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", unfolded(text), flags=re.S)


# ---------------------------------------------------------------------------
# Identity and counters


def test_uids_are_the_stored_uuids_and_survive_reexport_and_reimport(seed_event):
    first = ics(calendars.agenda_calendar(loaded(seed_event), now=NOW))
    assert props(first, "UID") == [f"UID:{uid}" for uid in SEED_ITEM_UIDS]
    assert props(ics(calendars.event_calendar(loaded(seed_event))), "UID") == [f"UID:{SEED_UID}"]
    # The same UIDs tomorrow, after an edit, and on another instance fed the exported file.
    seed_event.title = "A new title"
    seed_event.save()
    again = ics(calendars.agenda_calendar(loaded(seed_event)))
    assert props(again, "UID") == props(first, "UID")
    data = export_event(seed_event)
    Event.objects.all().delete()
    moved, _ = import_event(data)
    assert props(ics(calendars.agenda_calendar(loaded(moved))), "UID") == props(first, "UID")
    assert props(ics(calendars.event_calendar(loaded(moved))), "UID") == [f"UID:{SEED_UID}"]


def test_sequence_rises_with_what_a_calendar_shows_and_not_otherwise(seed_event):
    def sequences(event):
        text = ics(calendars.event_calendar(loaded(event))) + ics(
            calendars.agenda_calendar(loaded(event))
        )
        return set(props(text, "SEQUENCE"))

    assert sequences(seed_event) == {"SEQUENCE:0"}
    seed_event.context = "An unrelated edit."
    seed_event.save()
    assert sequences(seed_event) == {"SEQUENCE:0"}
    seed_event.start += timedelta(minutes=15)
    seed_event.end += timedelta(minutes=15)
    seed_event.save()
    assert sequences(seed_event) == {"SEQUENCE:1"}
    seed_event.room = "Board Room B"
    seed_event.save()
    assert sequences(seed_event) == {"SEQUENCE:2"}
    item = seed_event.items.get(title="Panel")
    item.minutes = 25  # moves every later item
    item.save()
    assert sequences(seed_event) == {"SEQUENCE:3"}
    seed_event.refresh_from_db()
    seed_event.status = Event.Status.CANCELLED
    seed_event.save()
    assert sequences(seed_event) == {"SEQUENCE:4"}


def test_dtstamp_is_now_and_last_modified_comes_from_the_data(seed_event):
    event = loaded(seed_event)
    text = ics(calendars.event_calendar(event, now=NOW))
    assert props(text, "DTSTAMP") == ["DTSTAMP:20260102T030405Z"]
    assert props(text, "LAST-MODIFIED") == [
        f"LAST-MODIFIED:{event.updated_at.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    ]
    assert props(text, "CREATED") == [f"CREATED:{event.created_at.astimezone(UTC):%Y%m%dT%H%M%SZ}"]
    # An edit that changes nothing a calendar shows still moves LAST-MODIFIED.
    later = datetime(2030, 1, 1, tzinfo=UTC)
    Event.objects.filter(pk=event.pk).update(updated_at=later)
    text = ics(calendars.agenda_calendar(loaded(event), now=NOW))
    assert set(props(text, "LAST-MODIFIED")) == {"LAST-MODIFIED:20300101T000000Z"}
    # Without `now`, DTSTAMP is the moment of writing.
    stamp = props(ics(calendars.event_calendar(event)), "DTSTAMP")[0].split(":")[1]
    written = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs(written - datetime.now(UTC)) < timedelta(minutes=1)


# ---------------------------------------------------------------------------
# The event VEVENT


def test_event_vevent_has_every_property(seed_event):
    text = ics(calendars.event_calendar(loaded(seed_event), now=NOW))
    assert props(text, "METHOD") == ["METHOD:PUBLISH"]
    assert props(text, "VERSION") == ["VERSION:2.0"]
    assert len(vevents(text)) == 1
    assert props(text, "DTSTART") == ["DTSTART;TZID=Europe/Vienna:20170904T131500"]
    assert props(text, "DTEND") == ["DTEND;TZID=Europe/Vienna:20170904T144500"]
    assert props(text, "SUMMARY") == [
        "SUMMARY:Reflecting on the Necessity of International Cooperation and Supporting New "
        "Models of Cooperation to Counter Migrant Smuggling"
    ]
    assert props(text, "LOCATION") == [
        "LOCATION:Board Room A\\, Vienna International Centre\\, Vienna\\, Austria"
    ]
    assert props(text, "GEO") == ["GEO:48.234722;16.416944"]
    assert props(text, "URL") == [
        "URL:http://127.0.0.1:8000/events/counter-migrant-smuggling-vienna-2017/"
    ]
    assert props(text, "ORGANIZER") == ['ORGANIZER;CN="Julia de Bresser":mailto:jdebresser@iom.int']
    assert props(text, "ATTENDEE") == []
    assert props(text, "CATEGORIES") == ["CATEGORIES:Remarks,Panel,Discussion"]
    assert props(text, "STATUS") == ["STATUS:CONFIRMED"]
    assert props(text, "CLASS") == ["CLASS:PUBLIC"]


def test_description_is_the_plain_text_agenda_then_the_url(seed_event):
    event = loaded(seed_event)
    description = vobject_read(calendars.to_ics(calendars.event_calendar(event)))["events"][0][
        "description"
    ]
    assert description == (
        "Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2)\n"
        "Board Room A, Vienna International Centre, Vienna, Austria\n"
        "\n"
        "Agenda\n"
        "I. 13:15–13:22 Opening Remarks (7 minutes)\n"
        "   Speaker: Ambassador Mehmet Samsar, Director General for Consular Affairs, "
        "Ministry of Foreign Affairs of the Republic of Turkey\n"
        "II. 13:22–13:52 Panel (30 minutes)\n"
        "   Moderator: Berlan Pars Alan, Senior Migration Management Policy Advisor, "
        "Department of Migration Management, International Organization for Migration (IOM)\n"
        "   Panelist: Research Professor Jørgen Carling, Peace Research Institute Oslo (PRIO): "
        "“A reflection on the outcomes of the Istanbul Regional Conference on Counter Migrant "
        "Smuggling”\n"
        "   Panelist: Ms. Marie McAuliffe, Head of Migration Research Division, International "
        "Organization for Migration (IOM): “Key findings of IOM's 'Migrant Smuggling Data and "
        "Research' report and the upcoming volume”\n"
        "   Panelist: Ms. Morgane Nicot, Crime Prevention and Criminal Justice Officer, Human "
        "Trafficking and Migrant Smuggling Section (HTMSS), United Nations Office on Drugs and "
        "Crime (UNODC): “Practical ways to make the Protocol against the Smuggling of Migrants "
        "more actionable”\n"
        "III. 13:52–14:22 Q&A Session (30 minutes)\n"
        "IV. 14:22–14:45 Closing remarks\n"
        "\n"
        "http://127.0.0.1:8000/events/counter-migrant-smuggling-vienna-2017/"
    )


def test_description_dates_items_of_a_multi_day_event_and_labels_a_dst_night():
    two_days = make_event(start=local(2030, 5, 6, 9), end=local(2030, 5, 7, 17))
    AgendaItem.objects.create(event=two_days, position=0, title="One", minutes=60)
    AgendaItem.objects.create(
        event=two_days, position=1, title="Two", minutes=60, fixed_start=local(2030, 5, 7, 9)
    )
    text = calendars.agenda_text(
        loaded(two_days), loaded(two_days).build_schedule().slots, url="https://x/"
    )
    assert "I. Mon 6 May 09:00–Mon 6 May 10:00 One (60 minutes)" in text
    assert "II. Tue 7 May 09:00–Tue 7 May 10:00 Two (60 minutes)" in text

    night = make_event(start=local(2017, 10, 29, 1, 30), end=local(2017, 10, 29, 3, 30))
    add_items(night, [60, 60, None])
    text = calendars.agenda_text(loaded(night), loaded(night).build_schedule().slots, url="u")
    assert "II. 02:30 CEST (UTC+2)–02:30 CET (UTC+1) Item 2 (60 minutes)" in text


def test_cancelled_event_says_so(seed_event):
    seed_event.status = Event.Status.CANCELLED
    seed_event.save()
    text = ics(calendars.event_calendar(loaded(seed_event)))
    assert props(text, "STATUS") == ["STATUS:CANCELLED"]
    assert props(text, "METHOD") == ["METHOD:PUBLISH"]
    assert props(text, "DESCRIPTION")[0].startswith("DESCRIPTION:This event has been cancelled.\\n")
    assert set(props(ics(calendars.agenda_calendar(loaded(seed_event))), "STATUS")) == {
        "STATUS:CANCELLED"
    }


def test_event_without_contact_coordinates_or_items_still_exports():
    event = make_event(room="", time_zone="UTC", start=local(2030, 1, 1, 9, zone="UTC"))
    event.end = event.start + timedelta(hours=1)
    event.save()
    text = ics(calendars.event_calendar(loaded(event)))
    for name in ("ORGANIZER", "GEO", "LOCATION", "CATEGORIES", "ATTENDEE"):
        assert props(text, name) == [], name
    # A UTC event is written in UTC, without a VTIMEZONE.
    assert props(text, "DTSTART") == ["DTSTART:20300101T090000Z"]
    assert "VTIMEZONE" not in text


# ---------------------------------------------------------------------------
# Items


def test_agenda_has_one_vevent_per_item_with_breaks_and_parent(seed_event):
    AgendaItem.objects.create(
        event=seed_event, position=9, title="Coffee", kind=AgendaItem.Kind.BREAK, minutes=None
    )
    event = loaded(seed_event)
    text = ics(calendars.agenda_calendar(event))
    assert len(vevents(text)) == 5
    assert props(text, "CATEGORIES") == [
        "CATEGORIES:Remarks",
        "CATEGORIES:Panel",
        "CATEGORIES:Discussion",
        "CATEGORIES:Remarks",
        "CATEGORIES:Break",
    ]
    assert set(props(text, "RELATED-TO")) == {f"RELATED-TO;RELTYPE=PARENT:{SEED_UID}"}
    assert props(text, "SUMMARY")[1].startswith("SUMMARY:Panel – Reflecting on")
    assert props(text, "ATTENDEE") == []
    # "Closing remarks" has no budget and "Coffee" starts when it does, so it
    # takes no time (no DTEND); "Coffee", the last item, runs to the event's end.
    closing, coffee = vevents(text)[3:]
    assert "DTSTART;TZID=Europe/Vienna:20170904T142200" in closing
    assert "DTEND" not in closing
    assert "DTSTART;TZID=Europe/Vienna:20170904T142200" in coffee
    assert "DTEND;TZID=Europe/Vienna:20170904T144500" in coffee


def test_item_calendar(seed_event):
    event = loaded(seed_event)
    panel = event.items.all()[1]
    text = ics(calendars.item_calendar(event, panel.uid))
    assert props(text, "UID") == [f"UID:{SEED_ITEM_UIDS[1]}"]
    assert props(text, "DTSTART") == ["DTSTART;TZID=Europe/Vienna:20170904T132200"]
    assert props(text, "DTEND") == ["DTEND;TZID=Europe/Vienna:20170904T135200"]
    description = vobject_read(text.encode())["events"][0]["description"]
    assert "Moderator: Berlan Pars Alan" in description
    assert description.endswith(
        "\n\nhttp://127.0.0.1:8000/events/counter-migrant-smuggling-vienna-2017/"
    )
    assert calendars.item_calendar(event, "00000000-0000-0000-0000-000000000000") is None


# ---------------------------------------------------------------------------
# Encoding


def test_crlf_folding_escaping_and_diacritics():
    title = "Zürich, Genève; Ørsted \\ Łódź – ein sehr langer Titel für Kalender " + "é" * 40
    event = make_event(title=title, room="Saal 1; Stock 2, Flügel \\ Ost")
    add_items(event, [30])
    body = calendars.to_ics(calendars.event_calendar(loaded(event)))
    assert b"\n" not in body.replace(b"\r\n", b"")  # CRLF only
    assert body.endswith(b"\r\n")
    for line in body.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # no UTF-8 sequence split across a fold
    text = body.decode()
    assert props(text, "SUMMARY") == [
        "SUMMARY:" + title.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    ]
    assert props(text, "LOCATION") == ["LOCATION:Saal 1\\; Stock 2\\, Flügel \\\\ Ost"]
    reading = vobject_read(body)["events"][0]
    assert reading["summary"] == title
    assert reading["location"] == "Saal 1; Stock 2, Flügel \\ Ost"


# ---------------------------------------------------------------------------
# The subscription feed


def test_feed_holds_published_and_cancelled_events_not_drafts(seed_event):
    cancelled = make_event(title="Called off", status=Event.Status.CANCELLED)
    make_event(title="Secret draft", status=Event.Status.DRAFT)
    text = ics(
        calendars.feed_calendar(
            Event.objects.public().with_agenda(), feed_url="https://example.org/calendar.ics"
        )
    )
    assert sorted(props(text, "UID")) == sorted(
        [f"UID:{SEED_UID}", f"UID:{cancelled.calendar_uid}"]
    )
    assert "Secret draft" not in text
    assert sorted(props(text, "STATUS")) == ["STATUS:CANCELLED", "STATUS:CONFIRMED"]
    assert props(text, "NAME") == [f"NAME:{calendars.FEED_NAME}"]
    assert props(text, "X-WR-CALNAME") == [f"X-WR-CALNAME:{calendars.FEED_NAME}"]
    assert props(text, "REFRESH-INTERVAL") == ["REFRESH-INTERVAL;VALUE=DURATION:PT12H"]
    assert props(text, "X-PUBLISHED-TTL") == ["X-PUBLISHED-TTL:PT12H"]
    assert props(text, "SOURCE") == ["SOURCE:https://example.org/calendar.ics"]
    assert props(text, "URL") == ["URL:http://127.0.0.1:8000/"] + [
        f"URL:http://127.0.0.1:8000{e.get_absolute_url()}" for e in Event.objects.public()
    ]
    assert props(text, "METHOD") == ["METHOD:PUBLISH"]
    assert props(text, "ATTENDEE") == []


# ---------------------------------------------------------------------------
# Invitations (for the registration e-mails)


def test_request_and_cancel_invitations(seed_event):
    event = loaded(seed_event)
    attendee = calendars.Attendee(email="ana@example.org", name="Ana Şahin")
    request = ics(
        calendars.invitation_calendar(event, method=calendars.REQUEST, attendees=[attendee])
    )
    assert props(request, "METHOD") == ["METHOD:REQUEST"]
    assert props(request, "UID") == [f"UID:{SEED_UID}"]
    assert props(request, "SEQUENCE") == ["SEQUENCE:0"]
    assert props(request, "ORGANIZER") == [
        'ORGANIZER;CN="Julia de Bresser":mailto:jdebresser@iom.int'
    ]
    (line,) = props(request, "ATTENDEE")
    assert line.endswith(":mailto:ana@example.org")
    for parameter in (
        'CN="Ana Şahin"',
        "RSVP=TRUE",
        "PARTSTAT=NEEDS-ACTION",
        "ROLE=REQ-PARTICIPANT",
    ):
        assert parameter in line
    assert props(request, "STATUS") == ["STATUS:CONFIRMED"]

    cancel = ics(
        calendars.invitation_calendar(
            event, method=calendars.CANCEL, attendees=[attendee], sequence=event.sequence + 1
        )
    )
    assert props(cancel, "METHOD") == ["METHOD:CANCEL"]
    # RFC 5546 3.2.5: uninviting an attendee of an event that goes ahead has no STATUS.
    assert props(cancel, "STATUS") == []
    assert props(cancel, "SEQUENCE") == ["SEQUENCE:1"]
    assert props(cancel, "UID") == [f"UID:{SEED_UID}"]
    # Read the same way by an independent parser.
    reading = vobject_read(cancel.encode())
    assert reading["method"] == "CANCEL"
    assert reading["events"][0]["attendees"] == ["mailto:ana@example.org"]
    assert reading["events"][0]["status"] is None

    # The organisers' cancellation of the whole event says so.
    event.status = event.Status.CANCELLED
    cancelled = ics(
        calendars.invitation_calendar(event, method=calendars.CANCEL, attendees=[attendee])
    )
    assert props(cancelled, "STATUS") == ["STATUS:CANCELLED"]


def test_itip_rules_are_enforced(seed_event):
    event = loaded(seed_event)
    attendee = calendars.Attendee(email="ana@example.org")
    with pytest.raises(ValueError, match="PUBLISH carries no ATTENDEE"):
        calendars.event_component(event, attendees=[attendee])
    with pytest.raises(ValueError, match="needs at least one attendee"):
        calendars.invitation_calendar(event, method=calendars.REQUEST, attendees=[])
    with pytest.raises(ValueError, match="REQUEST or a CANCEL"):
        calendars.invitation_calendar(event, method=calendars.PUBLISH, attendees=[attendee])
    lonely = loaded(make_event())
    with pytest.raises(ValueError, match="needs an ORGANIZER"):
        calendars.invitation_calendar(lonely, method=calendars.REQUEST, attendees=[attendee])
    organised = calendars.invitation_calendar(
        lonely,
        method=calendars.REQUEST,
        attendees=[attendee],
        organizer=calendars.Organizer(email="desk@example.org", name="Front desk"),
    )
    assert props(ics(organised), "ORGANIZER") == [
        'ORGANIZER;CN="Front desk":mailto:desk@example.org'
    ]


# ---------------------------------------------------------------------------
# Add-event links


def query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert " " not in url
    return {key: values[0] for key, values in parse_qs(parts.query, strict_parsing=True).items()}


def test_google_link_has_utc_times_and_encoded_values(seed_event):
    url = calendar_links.google_calendar_url(loaded(seed_event))
    assert url.startswith("https://calendar.google.com/calendar/render?")
    values = query(url)
    assert values["action"] == "TEMPLATE"
    assert values["dates"] == "20170904T111500Z/20170904T124500Z"
    assert values["ctz"] == "Europe/Vienna"
    assert values["text"] == seed_event.title
    assert values["location"] == "Board Room A, Vienna International Centre, Vienna, Austria"
    assert values["details"].endswith(
        "\nhttp://127.0.0.1:8000/events/counter-migrant-smuggling-vienna-2017/"
    )


def test_outlook_link_has_utc_times_and_encoded_values(seed_event):
    url = calendar_links.outlook_calendar_url(loaded(seed_event))
    assert url.startswith("https://outlook.office.com/calendar/0/action/compose?")
    values = query(url)
    assert values["startdt"] == "2017-09-04T11:15:00Z"
    assert values["enddt"] == "2017-09-04T12:45:00Z"
    assert values["subject"] == seed_event.title
    assert values["rru"] == "addevent"


def test_links_encode_reserved_characters():
    event = make_event(
        title="Q&A: 100% #1 + ü?",
        time_zone="America/New_York",
        start=local(2030, 1, 15, 9, zone="America/New_York"),
        end=local(2030, 1, 15, 10, zone="America/New_York"),
    )
    for url in (
        calendar_links.google_calendar_url(event),
        calendar_links.outlook_calendar_url(event),
    ):
        assert "Q%26A%3A%20100%25%20%231%20%2B%20%C3%BC%3F" in url
        values = query(url)
        assert "Q&A: 100% #1 + ü?" in (values.get("text"), values.get("subject"))
    assert (
        query(calendar_links.google_calendar_url(event))["dates"]
        == "20300115T140000Z/20300115T150000Z"
    )
    assert query(calendar_links.outlook_calendar_url(event))["startdt"] == "2030-01-15T14:00:00Z"


def test_template_tags(seed_event):
    request = RequestFactory().get("/", HTTP_HOST="localhost:8000")
    rendered = Template(
        "{% load calendar_tags %}"
        "{% google_calendar_url event %}|{% outlook_calendar_url event %}|{% webcal_url %}"
    ).render(Context({"event": loaded(seed_event), "request": request}))
    google, outlook, webcal = rendered.split("|")
    assert google.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&amp;")
    assert "dates=20170904T111500Z%2F20170904T124500Z" in google
    assert "startdt=2017-09-04T11%3A15%3A00Z" in outlook
    assert webcal == "webcal://localhost:8000/calendar.ics"
