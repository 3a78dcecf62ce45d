"""The occasion pages: the seed's session, the timetable, filters, now/next, the event's links, JSON-LD, query counts."""

import json
import re
from datetime import UTC, datetime

import pytest

from agenda.models import Event, Occasion
from tests.support.admin_forms import text
from tests.support.builders import local, make_event
from tests.support.occasions import make_occasion, make_programme, make_room

pytestmark = pytest.mark.django_db

SEED_OCCASION = "fifth-thematic-session-global-compact-vienna-2017"
# occasion (with its parent) · events with rooms · their organisations (links, organisations)
OCCASION_PAGE_QUERIES = 3


def jsonld_of(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode()
    )
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_the_seed_session_page_lists_the_seed_event_in_its_room(client, seed_event):
    response = client.get(f"/occasions/{SEED_OCCASION}/")
    assert response.status_code == 200
    page = text(response)
    assert (
        "Fifth informal thematic session for the Global Compact for Safe, Orderly and Regular Migration"
        in page
    )
    assert "4 September 2017 – 5 September 2017 · Vienna, Austria" in page
    assert "Smuggling of migrants, trafficking in persons" in page
    assert "Monday, 4 September 2017" in page
    assert "Board Room A · Vienna International Centre" in page
    assert "13:15–14:45 CEST (UTC+2)" in page
    assert seed_event.get_absolute_url() in response.content.decode()
    assert (
        f"webcal://testserver/occasions/{SEED_OCCASION}/calendar.ics" in response.content.decode()
    )


def test_the_list_shows_published_occasions_only(client, seed_event):
    make_occasion(name="A draft session", status=Occasion.Status.DRAFT)
    page = text(client.get("/occasions/"))
    assert "Fifth informal thematic session" in page
    assert "A draft session" not in page


def test_a_draft_occasion_is_a_404_for_the_public(client):
    draft = make_occasion(status=Occasion.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_seed_event_links_to_its_session_and_says_it_is_a_sub_event(client, seed_event):
    response = client.get(seed_event.get_absolute_url())
    assert f'<a href="/occasions/{SEED_OCCASION}/">' in response.content.decode()
    data = jsonld_of(response)
    assert data["superEvent"]["@type"] == "EventSeries"
    assert data["superEvent"]["@id"].endswith(f"/occasions/{SEED_OCCASION}/")


def test_an_event_names_its_neighbours_in_the_occasion(client):
    occasion = make_occasion()
    first = make_event(
        title="Early", occasion_ref=occasion, start=local(2030, 5, 6, 9), end=local(2030, 5, 6, 10)
    )
    middle = make_event(
        title="Middle",
        occasion_ref=occasion,
        start=local(2030, 5, 6, 11),
        end=local(2030, 5, 6, 12),
    )
    make_event(
        title="Late", occasion_ref=occasion, start=local(2030, 5, 7, 9), end=local(2030, 5, 7, 10)
    )
    make_event(
        title="Hidden",
        occasion_ref=occasion,
        status=Event.Status.DRAFT,
        start=local(2030, 5, 6, 10),
        end=local(2030, 5, 6, 11),
    )
    page = text(client.get(middle.get_absolute_url()))
    assert "Before: Early (Monday, 6 May 2030, 09:00 CEST (UTC+2))" in page
    assert "After: Late (Tuesday, 7 May 2030, 09:00 CEST (UTC+2))" in page
    assert "Hidden" not in page
    assert "Before:" not in text(client.get(first.get_absolute_url()))


def test_the_timetable_has_a_column_per_room_and_filters_without_javascript(client):
    occasion = make_occasion()
    m1, m2 = make_room(name="M1"), make_room(name="M2")
    make_event(
        title="In M1",
        occasion_ref=occasion,
        room_ref=m1,
        room="M1",
        start=local(2030, 5, 6, 13, 15),
        end=local(2030, 5, 6, 14, 45),
    )
    make_event(
        title="In M2",
        occasion_ref=occasion,
        room_ref=m2,
        room="M2",
        start=local(2030, 5, 6, 13, 15),
        end=local(2030, 5, 6, 14, 0),
    )
    make_event(
        title="Next day",
        occasion_ref=occasion,
        room_ref=m1,
        room="M1",
        start=local(2030, 5, 7, 9),
        end=local(2030, 5, 7, 10),
    )
    response = client.get(occasion.get_absolute_url())
    html = response.content.decode()
    first_day = html.split('id="day-2030-05-06"')[1].split('id="day-2030-05-07"')[0]
    assert re.search(r'<th scope="col">M1 · VIC</th><th scope="col">M2 · VIC</th>', first_day)
    row = re.search(
        r"<tr><th scope=\"row\"><time[^>]*>13:15</time></th>(.*?)</tr>", first_day
    ).group(1)
    assert row.index("In M1") < row.index("In M2")
    assert "<script" not in html.split("<main")[1].split("</main>")[0]
    assert 'class="occasion-list d-md-none' in html  # the list shown on phones
    page = text(client.get(occasion.get_absolute_url(), {"day": "2030-05-07"}))
    assert "Next day" in page
    assert "In M1" not in page
    page = text(client.get(occasion.get_absolute_url(), {"room": f"r{m2.pk}"}))
    assert "In M2" in page
    assert "Next day" not in page
    page = text(client.get(occasion.get_absolute_url(), {"day": "not a day", "organisation": "x"}))
    assert "Next day" in page  # a bad filter value is ignored, not a 500


def test_now_and_next_while_it_runs(client, monkeypatch):
    occasion = make_occasion()
    room = make_room(name="M1")
    make_event(
        title="On now",
        occasion_ref=occasion,
        room_ref=room,
        room="M1",
        start=local(2030, 5, 6, 13),
        end=local(2030, 5, 6, 14),
    )
    make_event(
        title="Coming up",
        occasion_ref=occasion,
        start=local(2030, 5, 6, 15),
        end=local(2030, 5, 6, 16),
    )
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: datetime(2030, 5, 6, 11, 30, tzinfo=UTC)
    )
    page = text(client.get(occasion.get_absolute_url()))
    assert "Now: On now (M1 · VIC, until 14:00)" in page
    assert "Next: Coming up (15:00–16:00 CEST (UTC+2)" in page


def test_the_occasion_jsonld_is_an_event_series_of_its_events(client, seed_event):
    data = jsonld_of(client.get(f"/occasions/{SEED_OCCASION}/"))
    assert data["@type"] == "EventSeries"
    assert data["startDate"] == "2017-09-04"
    assert data["endDate"] == "2017-09-05"
    (sub,) = data["subEvent"]
    assert sub["@id"].endswith(seed_event.get_absolute_url())
    assert sub["startDate"] == "2017-09-04T13:15:00+02:00"


@pytest.mark.parametrize("events", [6, 60])
def test_the_occasion_page_runs_a_constant_number_of_queries(
    client, django_assert_num_queries, events
):
    occasion = make_programme(events, slug=f"p{events}")
    with django_assert_num_queries(OCCASION_PAGE_QUERIES):
        response = client.get(occasion.get_absolute_url())
    assert response.status_code == 200
    assert text(response).count("Side event ") >= events * 2  # grid and phone list
