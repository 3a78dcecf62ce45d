"""/organisations/<slug>/calendar.ics and /speakers/<slug>/calendar.ics: what they hold,
read by ical.js and vobject with the UIDs and SEQUENCE of the events' own files, and
their query counts at 6 and 60 events."""

import pytest

from agenda.models import AgendaItem, Event, EventOrganisation, Participation
from speakers.models import Organisation, Person
from tests.support.builders import local, make_event
from tests.support.calendar_readers import icaljs_read, times, vobject_read
from tests.support.occasions import make_programme

pytestmark = pytest.mark.django_db

SEED_SLUG = "counter-migrant-smuggling-vienna-2017"
UNODC = "/organisations/united-nations-office-on-drugs-and-crime/calendar.ics"
NICOT = "/speakers/morgane-nicot/calendar.ics"
# The events' versions (ETag) · the organisation or person · the events with their
# public agenda (items, people, organisations, contacts, questions).
FEED_QUERIES = 8


def test_an_organisation_feed_holds_its_co_hosted_event_as_the_event_file(client, seed_event):
    feed = client.get(UNODC)
    assert feed.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    own = client.get(f"/events/{SEED_SLUG}.ics").content
    expected = [(seed_event.calendar_uid, "2017-09-04T11:15:00Z", "2017-09-04T12:45:00Z")]
    reading = vobject_read(feed.content)
    assert times(reading) == expected
    assert reading["events"][0]["sequence"] == vobject_read(own)["events"][0]["sequence"]


def test_ical_js_reads_the_organisation_feed_as_the_event_file(client, seed_event):
    feed_js, own_js = icaljs_read(
        client.get(UNODC).content, client.get(f"/events/{SEED_SLUG}.ics").content
    )
    expected = [(seed_event.calendar_uid, "2017-09-04T11:15:00Z", "2017-09-04T12:45:00Z")]
    assert times(feed_js) == expected
    assert feed_js["events"][0]["sequence"] == own_js["events"][0]["sequence"]


def test_a_person_feed_holds_the_items_they_are_on_as_the_agenda_file(client, seed_event):
    feed = client.get(NICOT).content
    agenda = client.get(f"/events/{SEED_SLUG}/agenda.ics").content
    panel = AgendaItem.objects.get(event=seed_event, title="Panel")
    expected = [(panel.calendar_uid, "2017-09-04T11:22:00Z", "2017-09-04T11:52:00Z")]
    reading, in_agenda = vobject_read(feed), vobject_read(agenda)
    assert times(reading) == expected
    (same,) = [e for e in in_agenda["events"] if e["uid"] == panel.calendar_uid]
    assert reading["events"][0]["sequence"] == same["sequence"]


def test_ical_js_reads_the_person_feed_as_the_agenda_file(client, seed_event):
    feed = client.get(NICOT).content
    agenda = client.get(f"/events/{SEED_SLUG}/agenda.ics").content
    panel = AgendaItem.objects.get(event=seed_event, title="Panel")
    expected = [(panel.calendar_uid, "2017-09-04T11:22:00Z", "2017-09-04T11:52:00Z")]
    feed_js, agenda_js = icaljs_read(feed, agenda)
    assert times(feed_js) == expected
    (in_agenda,) = [e for e in agenda_js["events"] if e["uid"] == panel.calendar_uid]
    assert feed_js["events"][0]["sequence"] == in_agenda["sequence"]


def test_a_raised_sequence_shows_in_both_feeds(client, seed_event):
    Event.objects.filter(pk=seed_event.pk).update(sequence=5)
    for url in (UNODC, NICOT):
        (event,) = vobject_read(client.get(url).content)["events"]
        assert event["sequence"] == 5, url


def test_only_public_events_the_organisation_organises_or_co_hosts(client):
    organisation = Organisation.objects.create(name="Forum on Migration")
    events = {
        role_or_status: make_event(
            title=f"Event {role_or_status}",
            status=status,
            start=local(2030, 5, 6 + n, 10),
            end=local(2030, 5, 6 + n, 12),
        )
        for n, (role_or_status, status) in enumerate(
            [
                ("organiser", Event.Status.PUBLISHED),
                ("co-host", Event.Status.PUBLISHED),
                ("supporter", Event.Status.PUBLISHED),
                ("draft", Event.Status.DRAFT),
                ("cancelled", Event.Status.CANCELLED),
            ]
        )
    }
    for key, event in events.items():
        role = key if key in ("organiser", "co-host", "supporter") else "organiser"
        EventOrganisation.objects.create(event=event, organisation=organisation, role=role)
    reading = vobject_read(client.get(f"/organisations/{organisation.slug}/calendar.ics").content)
    uids = [e["uid"] for e in reading["events"]]
    assert uids == [events[k].calendar_uid for k in ("organiser", "co-host", "cancelled")]
    assert reading["events"][2]["status"] == "CANCELLED"


@pytest.mark.parametrize(
    "change",
    [
        {"status": Participation.Status.DECLINED},
        {"status": Participation.Status.WITHDRAWN, "status_changed_at": local(2017, 9, 1, 9)},
        {"public_consent": False},
        {"status": Participation.Status.INVITED},  # the seed does not mark unconfirmed people
    ],
    ids=["declined", "withdrawn", "no consent", "invited"],
)
def test_a_person_not_shown_publicly_has_no_feed(client, seed_event, change):
    Participation.objects.filter(person__slug="morgane-nicot").update(**change)
    assert client.get(NICOT).status_code == 404


def test_a_person_on_a_draft_only_has_no_feed(client, seed_event):
    Event.objects.filter(pk=seed_event.pk).update(status=Event.Status.DRAFT)
    assert client.get(NICOT).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/organisations/no-such-organisation/calendar.ics",
        "/speakers/no-such-person/calendar.ics",
    ],
)
def test_unknown_slugs_are_a_404(client, seed_event, url):
    assert client.get(url).status_code == 404


def test_an_organisation_that_only_supports_has_no_feed(client, seed_event):
    EventOrganisation.objects.filter(organisation__acronym="UNODC").update(role="supporter")
    assert client.get(UNODC).status_code == 404


def test_a_second_request_with_its_etag_is_not_modified_until_the_event_changes(client, seed_event):
    for url in (UNODC, NICOT):
        first = client.get(url)
        again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304, url
    Event.objects.filter(pk=seed_event.pk).update(sequence=3)
    for url in (UNODC, NICOT):
        assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_renaming_the_organisation_renames_its_feed(client, seed_event):
    assert b"X-WR-CALNAME:United Nations Office on Drugs and Crime: events" in (
        client.get(UNODC).content
    )
    organisation = Organisation.objects.get(acronym="UNODC")
    organisation.name = "UN Office on Drugs and Crime"
    organisation.save()
    assert b"X-WR-CALNAME:UN Office on Drugs and Crime: events" in client.get(UNODC).content


def _on_every_event(events: int) -> tuple[Organisation, Person]:
    """One organisation co-hosting, and one person speaking on the first item of, every event."""
    make_programme(events, slug=f"q{events}")
    organisation = Organisation.objects.create(name=f"Everywhere {events}")
    person = Person.objects.create(full_name=f"Everywhere {events}", slug=f"everywhere-{events}")
    programme = list(Event.objects.filter(slug__startswith=f"q{events}-"))
    EventOrganisation.objects.bulk_create(
        EventOrganisation(event=e, organisation=organisation, role="co-host") for e in programme
    )
    Participation.objects.bulk_create(
        Participation(agenda_item=item, person=person, role="speaker")
        for item in AgendaItem.objects.filter(event__in=programme, position=0)
    )
    return organisation, person


@pytest.mark.parametrize("events", [6, 60])
def test_feeds_run_a_constant_number_of_queries(client, django_assert_num_queries, events):
    organisation, person = _on_every_event(events)
    for url in (
        f"/organisations/{organisation.slug}/calendar.ics",
        f"/speakers/{person.slug}/calendar.ics",
    ):
        with django_assert_num_queries(FEED_QUERIES):
            response = client.get(url)
        assert response.status_code == 200
        assert len(vobject_read(response.content)["events"]) == events, url


def test_the_speaker_page_links_to_the_feed_and_its_webcal_address(client, seed_event):
    page = client.get("/speakers/morgane-nicot/").content.decode()
    assert f'href="{NICOT}"' in page
    assert f'href="webcal://testserver{NICOT}"' in page


def test_a_staff_preview_of_a_person_offers_no_feed(client, staff_user, seed_event):
    Event.objects.filter(pk=seed_event.pk).update(status=Event.Status.DRAFT)
    client.force_login(staff_user)
    page = client.get("/speakers/morgane-nicot/")
    assert page.status_code == 200
    assert "calendar.ics" not in page.content.decode()
