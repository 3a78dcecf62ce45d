"""The public pages over HTTP: query counts, conditional GET, drafts, list, speakers,
robots.txt, sitemap.xml, favicon and the error pages."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import path
from django.utils import timezone

from agenda import selectors
from agenda.models import AgendaItem, Event, Outcome, Participation
from eventsite import urls as site_urls
from speakers.models import Organisation, Person
from tests.support.builders import add_items, local, make_event, make_person
from tests.support.pages import page_text

pytestmark = pytest.mark.django_db

# version (ETag) · event+outcome · items · participations+people+organisations
# · event organisations · contacts · questions · recommendations · registration state
# · whether to show planned against actual (run of show; past events with an outcome)
# · the event's public documents (materials, issue 18)
EVENT_PAGE_QUERIES = 11
# An event in an occasion also reads its neighbours there (the seed is in one).
IN_OCCASION_QUERIES = 1


def with_outcome(event: Event) -> Event:
    outcome = Outcome.objects.create(event=event, summary="What came out.")
    outcome.recommendations.create(text="Do more.")
    outcome.recommendations.create(text="Do it better.")
    return event


# -- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("item_count", [4, 300])
def test_event_page_queries_are_constant(client, django_assert_num_queries, item_count):
    event = with_outcome(make_event(start=local(2001, 1, 1, 0), end=local(2001, 1, 31, 0)))
    add_items(event, [5] * item_count, people_per_item=5)
    with django_assert_num_queries(EVENT_PAGE_QUERIES):
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert len(response.content.decode().split('<li id="item-')) == item_count + 1
    assert page_text(response).count("Speaker ") >= item_count * 5


def test_seed_event_page_query_count(client, seed_event, django_assert_num_queries):
    with django_assert_num_queries(EVENT_PAGE_QUERIES + IN_OCCASION_QUERIES):
        assert client.get(seed_event.get_absolute_url()).status_code == 200


def test_not_modified_costs_one_query(client, seed_event, django_assert_num_queries):
    etag = client.get(seed_event.get_absolute_url())["ETag"]
    with django_assert_num_queries(1):
        response = client.get(seed_event.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 304


@pytest.mark.parametrize("event_count", [2, 40])
def test_event_list_queries_are_constant(client, django_assert_num_queries, event_count):
    for n in range(event_count):
        make_event(start=local(2001 + n * 2, 1, 1, 9), end=local(2001 + n * 2, 1, 1, 10))
    # version (ETag), upcoming, past
    with django_assert_num_queries(3):
        response = client.get("/")
    assert response.content.decode().count('<li class="event-row') == event_count


@pytest.mark.parametrize("people", [1, 30])
def test_speaker_pages_queries_are_constant(client, django_assert_num_queries, people):
    event = make_event()
    items = add_items(event, [5] * people, people_per_item=1)
    person = Participation.objects.get(agenda_item=items[0]).person
    with django_assert_num_queries(1):
        assert page_text(client.get("/speakers/")).count("Speaker ") == people
    # person, participations with items and events, the events' items (for the times)
    with django_assert_num_queries(3):
        assert client.get(person.get_absolute_url()).status_code == 200


# -- conditional GET --------------------------------------------------------------------


def test_event_page_conditional_get(client, seed_event):
    url = seed_event.get_absolute_url()
    first = client.get(url)
    assert first["ETag"]
    assert first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def edit_title(event):
    event.title = "Renamed"
    event.save()


def edit_item(event):
    item = event.items.first()
    item.minutes = 8
    item.save()


def edit_person(event):
    person = Person.objects.get(slug="jorgen-carling")
    person.position = "Research Director"
    person.save()


def edit_organisation(event):
    organisation = Organisation.objects.get(acronym="PRIO")
    organisation.name = "PRIO Oslo"
    organisation.save()


def edit_recommendation(event):
    recommendation = event.outcome.recommendations.first()
    recommendation.text = "Changed."
    recommendation.save()


def delete_participation(event):
    Participation.objects.filter(agenda_item__event=event).first().delete()


@pytest.mark.parametrize(
    "edit",
    [
        edit_title,
        edit_item,
        edit_person,
        edit_organisation,
        edit_recommendation,
        delete_participation,
    ],
)
def test_an_edit_changes_the_etag_at_once(client, seed_event, edit):
    url = seed_event.get_absolute_url()
    etag = client.get(url)["ETag"]
    edit(seed_event)
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_an_admin_edit_shows_at_once(client, admin_client, seed_event):
    url = seed_event.get_absolute_url()
    first = client.get(url)
    prio = Organisation.objects.get(acronym="PRIO")
    response = admin_client.post(
        f"/admin/speakers/organisation/{prio.pk}/change/",
        {"name": "Peace Research Institute Oslo", "acronym": "PRIO-Oslo", "url": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert "Peace Research Institute Oslo (PRIO-Oslo)" in page_text(again)


def test_staff_and_public_get_different_etags(client, seed_event, staff_user):
    url = seed_event.get_absolute_url()
    public = client.get(url)["ETag"]
    client.force_login(staff_user)
    response = client.get(url, headers={"if-none-match": public})
    assert response.status_code == 200
    assert response["ETag"] != public
    assert "private" in response["Cache-Control"]


def test_page_version_moves_when_the_event_ends():
    """'This event took place…' appears with no edit: the version must change then."""
    event = make_event(start=local(2030, 5, 6, 9), end=local(2030, 5, 6, 10))
    anonymous = type("Anonymous", (), {"is_authenticated": False, "is_staff": False})()
    before = selectors.event_page_version(slug=event.slug, user=anonymous, now=event.end)
    after = selectors.event_page_version(
        slug=event.slug, user=anonymous, now=event.end + timedelta(seconds=1)
    )
    assert before.parts != after.parts
    assert after.last_modified == event.end


def test_event_list_conditional_get(client, seed_event):
    first = client.get("/")
    assert first["ETag"]
    assert client.get("/", headers={"if-none-match": first["ETag"]}).status_code == 304
    make_event(title="A new event")
    response = client.get("/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert "A new event" in page_text(response)


def test_event_list_etag_changes_when_an_event_is_deleted(client, seed_event):
    other = make_event()
    etag = client.get("/")["ETag"]
    other.delete()
    assert client.get("/", headers={"if-none-match": etag}).status_code == 200


# -- drafts and unpublished people ------------------------------------------------------------


def test_draft_preview_for_staff_is_labelled_and_not_indexed(client, staff_user):
    draft = make_event(status=Event.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    response = client.get(draft.get_absolute_url())
    assert "Preview: this event is a draft and is not public." in page_text(response)
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_person_in_no_public_event_is_404_for_public_preview_for_staff(client, staff_user):
    draft = make_event(status=Event.Status.DRAFT, title="Secret planning")
    person = make_person(full_name="Hidden Speaker")
    Participation.objects.create(agenda_item=add_items(draft, [10])[0], person=person)
    loner = make_person(full_name="On no agenda")
    for who in (person, loner):
        assert client.get(who.get_absolute_url()).status_code == 404
    assert "Hidden Speaker" not in page_text(client.get("/speakers/"))
    client.force_login(staff_user)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    assert "Preview: this person appears in no public event" in text
    assert "Secret planning Draft" in text  # staff see the draft appearance, labelled
    assert client.get(loner.get_absolute_url()).status_code == 200


def test_public_person_page_lists_only_public_appearances(client, seed_event):
    draft = make_event(status=Event.Status.DRAFT, title="Secret planning")
    carling = Person.objects.get(slug="jorgen-carling")
    Participation.objects.create(agenda_item=add_items(draft, [10])[0], person=carling)
    text = page_text(client.get(carling.get_absolute_url()))
    assert "Secret planning" not in text
    assert "Preview" not in text


# -- the list --------------------------------------------------------------------------------


def test_list_upcoming_first_then_past_with_date_time_venue(client, seed_event, staff_user):
    now = timezone.now()
    soon = make_event(
        title="Soon", start=now + timedelta(days=1), end=now + timedelta(days=1, hours=2)
    )
    later = make_event(
        title="Later", start=now + timedelta(days=9), end=now + timedelta(days=9, hours=2)
    )
    off = make_event(
        title="Called off",
        status=Event.Status.CANCELLED,
        start=now + timedelta(days=5),
        end=now + timedelta(days=5, hours=1),
    )
    older = make_event(title="Long ago", start=local(2001, 1, 1, 9), end=local(2001, 1, 1, 10))
    make_event(title="Secret draft", status=Event.Status.DRAFT)
    client.force_login(staff_user)  # drafts are never listed, not even for staff
    text = page_text(client.get("/"))
    order = [text.index(e.title) for e in (soon, off, later, seed_event, older)]
    assert order == sorted(order)
    assert (
        text.index("Upcoming")
        < text.index("Soon")
        < text.index("Past")
        < text.index(seed_event.title)
    )
    assert "Called off Cancelled" in text
    assert "Secret draft" not in text
    assert (
        f"{seed_event.title} Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2) "
        "Board Room A, Vienna International Centre, Vienna, Austria"
    ) in text


def test_list_says_when_nothing_is_upcoming(client, seed_event):
    assert "No upcoming events at the moment." in page_text(client.get("/"))


# -- speakers --------------------------------------------------------------------------------


def test_speaker_list_shows_honorific_name_and_affiliation(client, seed_event):
    text = page_text(client.get("/speakers/"))
    assert "Research Professor Jørgen Carling Peace Research Institute Oslo (PRIO)" in text
    assert (
        "Ambassador Mehmet Samsar Director General for Consular Affairs, "
        "Ministry of Foreign Affairs of the Republic of Turkey"
    ) in text


def test_speaker_page_shows_every_appearance_linked_back(client, seed_event):
    panel = AgendaItem.objects.get(event=seed_event, title="Panel")
    response = client.get("/speakers/marie-mcauliffe/")
    text = page_text(response)
    assert "Ms. Marie McAuliffe" in text
    assert "Head of Migration Research Division" in text
    assert "International Organization for Migration (IOM)" in text
    assert (
        f"{seed_event.title} Monday, 4 September 2017, 13:22 CEST (UTC+2) II. Panel · Panelist: "
        "Key findings of IOM's 'Migrant Smuggling Data and Research' report and the upcoming volume"
    ) in text
    content = response.content.decode()
    assert f'href="{seed_event.get_absolute_url()}#item-{panel.uid}"' in content


def test_speaker_page_shows_bio_and_photo(client, seed_event):
    from django.core.files.base import ContentFile

    person = Person.objects.get(slug="morgane-nicot")
    person.bio = "Works on *migrant smuggling*.\n\nSecond paragraph."
    person.photo.save("nicot.png", ContentFile(b"not really a png"), save=True)
    content = client.get(person.get_absolute_url()).content.decode()
    assert "<p>Works on <em>migrant smuggling</em>.</p>" in content
    assert f'src="{person.photo.url}" alt="Photo of Ms. Morgane Nicot"' in content


# -- robots, sitemap, favicon, errors ------------------------------------------------------


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_lists_published_events_and_public_speakers(client, seed_event):
    draft = make_event(status=Event.Status.DRAFT)
    hidden = make_person()
    Participation.objects.create(agenda_item=add_items(draft, [5])[0], person=hidden)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        el.text for el in ET.fromstring(response.content).findall("s:url/s:loc", namespace)
    }
    assert f"http://testserver{seed_event.get_absolute_url()}" in locations
    assert "http://testserver/speakers/jorgen-carling/" in locations
    assert len(locations) == 1 + 5
    assert not any(draft.slug in loc or hidden.slug in loc for loc in locations)


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert finders.find("favicon.ico")
    assert finders.find("favicon.svg")


def test_404_page_is_in_the_site_style(client, db):
    response = client.get("/events/no-such-event/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content
    assert "bootstrap.min.css" in content
    assert 'href="/speakers/"' in content


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view), *site_urls.urlpatterns]


@pytest.mark.urls("tests.agenda.pages.test_http")
def test_500_page_is_in_the_site_style(db):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong" in content
    assert "bootstrap.min.css" in content


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_pages_only_answer_safe_methods(client, seed_event, method):
    assert getattr(client, method)(seed_event.get_absolute_url()).status_code == 405
