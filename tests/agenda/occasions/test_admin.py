"""The admin of occasions, venues and rooms, and an event's occasion and room on its page."""

import pytest
from django.urls import reverse

from agenda.models import Event, Occasion, Room, Venue
from tests.support.admin_forms import form_data, text
from tests.support.builders import make_event
from tests.support.occasions import make_occasion, make_room

pytestmark = pytest.mark.django_db


def change_url(event) -> str:
    return reverse("admin:agenda_event_change", args=[event.pk])


def test_an_event_books_an_existing_room_and_takes_its_place_texts(organiser_client):
    event = make_event(room="", building="", city="", country="")
    room = make_room(name="M1", building="M", venue_name="VIC", city="Vienna", country="Austria")
    occasion = make_occasion()
    data = form_data(organiser_client.get(change_url(event)), "event_form")
    data.update(room_ref=str(room.pk), occasion_ref=str(occasion.pk))
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 302, text(response)[:2000]
    event.refresh_from_db()
    assert event.room_ref == room
    assert (event.room, event.building, event.city, event.country) == (
        "M1",
        "M",
        "Vienna",
        "Austria",
    )
    assert event.occasion_ref == occasion
    assert event.occasion == occasion.name


def test_a_new_room_is_typed_on_the_event_page_without_a_pop_up(organiser_client):
    event = make_event(room="", building="Vienna International Centre", city="Vienna")
    page = organiser_client.get(change_url(event)).content.decode()
    assert 'name="room_ref"' in page
    assert 'name="new_room"' in page
    for link in ("add_id_room_ref", "change_id_room_ref", "add_id_occasion_ref"):
        assert link not in page  # Django's pop-up links
    data = form_data(organiser_client.get(change_url(event)), "event_form")
    data.update(new_room="Board Room B")
    assert organiser_client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    room = Room.objects.select_related("venue").get(name="Board Room B")
    assert event.room_ref == room
    assert room.venue.name == "Vienna International Centre"
    assert event.room == "Board Room B"
    # Typed again on another event: the same room, not a second one.
    other = make_event(room="", building="Vienna International Centre", city="Vienna")
    data = form_data(organiser_client.get(change_url(other)), "event_form")
    data.update(new_room="Board Room B")
    assert organiser_client.post(change_url(other), data).status_code == 302
    assert Room.objects.filter(name="Board Room B").count() == 1
    assert Venue.objects.count() == 1


def test_a_booked_room_and_a_new_one_together_are_refused(organiser_client):
    event = make_event()
    room = make_room()
    data = form_data(organiser_client.get(change_url(event)), "event_form")
    data.update(room_ref=str(room.pk), new_room="Another")
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 200
    assert "Choose a booked room or type a new one, not both." in text(response)


def test_room_autocomplete_names_the_venue_in_few_queries(
    organiser_client, django_assert_max_num_queries
):
    for n in range(6):
        make_room(name=f"Room {n}", building="", venue_name=f"Venue {n}")
    url = reverse("admin:autocomplete")
    params = {
        "app_label": "agenda",
        "model_name": "event",
        "field_name": "room_ref",
        "term": "Room",
    }
    with django_assert_max_num_queries(8):
        response = organiser_client.get(url, params)
    names = [r["text"] for r in response.json()["results"]]
    assert "Room 3 · Venue 3" in names


def test_occasion_venue_and_room_admin_pages_open(organiser_client):
    occasion = make_occasion()
    room = make_room()
    for url in (
        reverse("admin:agenda_occasion_changelist"),
        reverse("admin:agenda_occasion_change", args=[occasion.pk]),
        reverse("admin:agenda_occasion_add"),
        reverse("admin:agenda_venue_change", args=[room.venue_id]),
        reverse("admin:agenda_room_changelist"),
    ):
        assert organiser_client.get(url).status_code == 200, url


def test_an_occasion_cannot_end_before_it_starts_or_contain_itself():
    from django.core.exceptions import ValidationError

    occasion = make_occasion()
    occasion.ends_on = occasion.starts_on.replace(day=1)
    with pytest.raises(ValidationError, match="last day"):
        occasion.full_clean()
    child = make_occasion(parent=occasion)
    fresh = Occasion.objects.get(pk=occasion.pk)
    fresh.parent = child
    with pytest.raises(ValidationError, match="part of itself"):
        fresh.full_clean()
    assert Event.objects.count() == 0
