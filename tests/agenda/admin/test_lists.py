"""Event and person lists, the actions on events, and bounded query counts."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from agenda.interchange import export_event
from agenda.models import AgendaItem, Event, Participation
from tests.support.admin_forms import text
from tests.support.builders import add_items, local, make_event, make_person

pytestmark = pytest.mark.django_db


def events_url() -> str:
    return reverse("admin:agenda_event_changelist")


def act(client, action: str, events, **extra):
    return client.post(
        events_url(),
        {"action": action, "_selected_action": [e.pk for e in events], **extra},
    )


# -- the event list -------------------------------------------------------------------


def test_event_list_columns(organiser_client, seed_event):
    page = text(organiser_client.get(events_url()))
    row = (
        "Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2) "
        f"{seed_event.title} Published Board Room A, Vienna International Centre, Vienna, Austria "
        "4 67 of 90 allocated, 23 free"
    )
    assert row in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("when=upcoming", "Future event", "Past event"),
        ("when=past", "Past event", "Future event"),
        ("status__exact=draft", "Future event", "Past event"),
        ("q=future", "Future event", "Past event"),
        ("start__year=2015", "Past event", "Future event"),
    ],
)
def test_event_list_filters_search_and_dates(organiser_client, query, shown, hidden):
    make_event(title="Future event", status=Event.Status.DRAFT)
    make_event(title="Past event", start=local(2015, 3, 1, 9), end=local(2015, 3, 1, 12))
    page = text(organiser_client.get(f"{events_url()}?{query}"))
    assert shown in page
    assert hidden not in page


def test_date_hierarchy_lists_the_years(organiser_client):
    make_event(title="Future event")
    make_event(title="Past event", start=local(2015, 3, 1, 9), end=local(2015, 3, 1, 12))
    page = text(organiser_client.get(events_url()))
    assert "2015 2030" in page


# -- the person list ------------------------------------------------------------------


def test_person_list_shows_organisation_and_events(organiser_client, seed_event):
    carling = seed_event.items.get(title="Panel").participations.get(person__slug="jorgen-carling")
    other = make_event(title="Another side event")
    talk = AgendaItem.objects.create(event=other, title="Talk", position=1)
    Participation.objects.create(agenda_item=talk, person_id=carling.person_id)
    page = text(organiser_client.get(reverse("admin:speakers_person_changelist")))
    assert (
        "Jørgen Carling Research Professor - Peace Research Institute Oslo (PRIO) "
        f"{seed_event.title}, Another side event"
    ) in page


# -- actions --------------------------------------------------------------------------


def test_duplicate_asks_for_the_date_then_makes_a_draft_with_agenda_people_and_contacts(
    organiser_client, seed_event
):
    response = act(organiser_client, "duplicate", [seed_event])
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:agenda_event_duplicate", args=[seed_event.pk])
    assert Event.objects.count() == 1  # nothing yet: the page asks for the date
    made = organiser_client.post(
        response["Location"], {"title": seed_event.title, "on": "2030-09-02", "at": "13:15"}
    )
    copy = Event.objects.exclude(pk=seed_event.pk).get()
    assert made["Location"] == reverse("admin:agenda_event_change", args=[copy.pk])
    assert copy.status == Event.Status.DRAFT
    assert copy.slug == (
        "reflecting-on-the-necessity-of-international-cooperation-and-supporting-new-models-"
        "of-cooperation-to-2030-09-02"
    )
    assert copy.title == seed_event.title
    assert copy.uid != seed_event.uid
    assert (copy.start, copy.end, copy.time_zone) == (
        local(2030, 9, 2, 13, 15),
        local(2030, 9, 2, 14, 45),
        seed_event.time_zone,
    )

    def agenda(event):
        return [
            (
                item.title,
                item.minutes,
                [(p.person.full_name, p.role) for p in item.participations.all()],
            )
            for item in event.items.all()
        ]

    assert agenda(copy) == agenda(seed_event)
    assert "Jørgen Carling" in str(agenda(copy))
    assert list(copy.contacts.values_list("email", flat=True)) == list(
        seed_event.contacts.values_list("email", flat=True)
    )
    assert set(copy.items.values_list("uid", flat=True)).isdisjoint(
        seed_event.items.values_list("uid", flat=True)
    )


def test_duplicate_takes_one_event_at_a_time(organiser_client, seed_event):
    other = make_event()
    response = organiser_client.post(
        events_url(),
        {"action": "duplicate", "_selected_action": [seed_event.pk, other.pk]},
        follow=True,
    )
    assert "Choose one event to duplicate." in text(response)
    assert Event.objects.count() == 2


def test_export_action_downloads_the_json_of_export_event(organiser_client, seed_event):
    response = act(organiser_client, "export_json", [seed_event])
    assert response["Content-Type"] == "application/json"
    assert f'filename="{seed_event.slug}.json"' in response["Content-Disposition"]
    assert json.loads(response.content) == json.loads(json.dumps(export_event(seed_event)))
    assert "Jørgen Carling" in response.content.decode()


def test_export_of_several_events_is_a_zip(organiser_client, seed_event):
    other = make_event(title="Other")
    response = act(organiser_client, "export_json", [seed_event, other])
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted([f"{seed_event.slug}.json", f"{other.slug}.json"])
    assert json.loads(archive.read(f"{other.slug}.json"))["event"]["title"] == "Other"


def test_export_link_on_the_change_form(organiser_client, seed_event):
    export_url = reverse("admin:agenda_event_export", args=[seed_event.pk])
    page = organiser_client.get(reverse("admin:agenda_event_change", args=[seed_event.pk]))
    assert f'href="{export_url}"' in page.content.decode()
    assert json.loads(organiser_client.get(export_url).content)["event"]["slug"] == seed_event.slug


def test_download_ics_goes_to_the_event_calendar(organiser_client, seed_event):
    ics_url = reverse("agenda:event_ics", kwargs={"slug": seed_event.slug})
    response = act(organiser_client, "download_ics", [seed_event])
    assert response.status_code == 302
    assert response["Location"] == ics_url
    page = organiser_client.get(reverse("admin:agenda_event_change", args=[seed_event.pk]))
    assert f'href="{ics_url}"' in page.content.decode()


def test_download_ics_needs_one_event(organiser_client, seed_event):
    response = act(organiser_client, "download_ics", [seed_event, make_event()])
    assert response.status_code == 302
    follow = organiser_client.get(response["Location"])
    assert "Choose one event to download its calendar file." in text(follow)


# -- query counts ---------------------------------------------------------------------


def event_with_items(n_items: int, **fields) -> Event:
    event = make_event(start=local(2030, 1, 1, 9), end=local(2030, 1, 3, 9), **fields)
    add_items(event, [5] * n_items, people_per_item=1)
    return event


@pytest.mark.parametrize("size", [3, 100])
def test_event_list_query_count(organiser_client, django_assert_num_queries, size):
    for _ in range(size):
        event_with_items(3)
    organiser_client.get(events_url())
    with django_assert_num_queries(EVENT_LIST_QUERIES):
        response = organiser_client.get(events_url())
    assert text(response).count("15 of 2880 allocated") == size


@pytest.mark.parametrize("size", [3, 100])
def test_person_list_query_count(organiser_client, django_assert_num_queries, size):
    event_with_items(size)
    organiser_client.get(reverse("admin:speakers_person_changelist"))
    with django_assert_num_queries(PERSON_LIST_QUERIES):
        response = organiser_client.get(reverse("admin:speakers_person_changelist"))
    assert text(response).count("Speaker ") == size


@pytest.mark.parametrize("size", [3, 100])
def test_agenda_item_list_query_count(organiser_client, django_assert_num_queries, size):
    event_with_items(size)
    url = reverse("admin:agenda_agendaitem_changelist")
    organiser_client.get(url)
    with django_assert_num_queries(ITEM_LIST_QUERIES):
        response = organiser_client.get(url)
    assert text(response).count("Item ") >= size


# Each: session, user, the user's and the group's permissions, then the list's own:
# events: count, filtered count, the page (item counts and minutes in it), date range, days;
# people: count, filtered count, the page, everyone's events (one prefetch);
# items: count, filtered count, the page with its events.
EVENT_LIST_QUERIES = 9
PERSON_LIST_QUERIES = 8
ITEM_LIST_QUERIES = 7


def test_person_events_are_linked(organiser_client, seed_event):
    person = make_person(full_name="Nobody Yet")
    page = organiser_client.get(reverse("admin:speakers_person_changelist")).content.decode()
    assert reverse("admin:agenda_event_change", args=[seed_event.pk]) in page
    assert person.full_name in page
