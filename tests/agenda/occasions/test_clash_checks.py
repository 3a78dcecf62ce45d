"""Clash checks against the database: publishing refuses a room clash, saving warns, the list filters."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from agenda import clash_checks
from agenda.models import Event, Participation
from tests.support.admin_forms import form_data, text
from tests.support.builders import add_items, local, make_event, make_person
from tests.support.occasions import make_room

pytestmark = pytest.mark.django_db


def in_room(room, title, start, end, status=Event.Status.PUBLISHED, **fields):
    return make_event(
        title=title,
        room_ref=room,
        room=room.name,
        start=local(2030, 9, 4, *start),
        end=local(2030, 9, 4, *end),
        status=status,
        **fields,
    )


def test_publishing_into_a_booked_room_is_refused_naming_both(organiser_client):
    room = make_room(name="Board Room A")
    in_room(room, "Smuggling", (13, 15), (14, 45))
    second = in_room(room, "Trafficking", (14, 0), (15, 0), status=Event.Status.DRAFT)
    url = reverse("admin:agenda_event_publish", args=[second.pk])
    response = organiser_client.post(url, {"acknowledged": "on"})
    assert response.status_code == 400
    page = text(response)
    assert "Room clash: Board Room A is booked by “Smuggling”" in page
    assert "and by “Trafficking”" in page
    assert "13:15–14:45 CEST (UTC+2)" in page
    assert "14:00–15:00 CEST (UTC+2)" in page
    assert Event.objects.get(pk=second.pk).status == "draft"


def test_a_draft_in_a_booked_room_saves_with_a_warning(organiser_client):
    room = make_room(name="Board Room A")
    in_room(room, "Smuggling", (13, 15), (14, 45))
    draft = in_room(room, "Trafficking", (10, 0), (11, 0), status=Event.Status.DRAFT)
    url = reverse("admin:agenda_event_change", args=[draft.pk])
    data = form_data(organiser_client.get(url), "event_form")
    data.update(start_1="14:00", end_1="15:00")
    response = organiser_client.post(url, data)
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(w.startswith("Room clash: Board Room A") and "Smuggling" in w for w in warnings)
    assert Event.objects.get(pk=draft.pk).start == local(2030, 9, 4, 14, 0)


def test_a_published_event_cannot_be_moved_onto_another_in_its_room(organiser_client):
    room = make_room(name="Board Room A")
    in_room(room, "Smuggling", (13, 15), (14, 45))
    other = in_room(room, "Trafficking", (10, 0), (11, 0))
    url = reverse("admin:agenda_event_change", args=[other.pk])
    data = form_data(organiser_client.get(url), "event_form")
    data.update(start_1="14:00", end_1="15:00")
    response = organiser_client.post(url, data)
    assert response.status_code == 200
    assert "Room clash: Board Room A is booked by “Smuggling”" in text(response)
    assert Event.objects.get(pk=other.pk).start == local(2030, 9, 4, 10, 0)


def test_cancelled_events_back_to_back_and_other_rooms_do_not_clash():
    room, other_room = make_room(), make_room()
    event = in_room(room, "Mine", (13, 0), (14, 0))
    in_room(room, "Before", (12, 0), (13, 0))
    in_room(room, "After", (14, 0), (15, 0))
    in_room(room, "Cancelled", (13, 0), (14, 0), status=Event.Status.CANCELLED)
    in_room(other_room, "Elsewhere", (13, 0), (14, 0))
    assert clash_checks.room_clash_messages(event) == []
    assert not clash_checks.with_room_clash(Event.objects.filter(pk=event.pk)).exists()


def test_a_person_in_two_events_at_once_is_a_warning_naming_both():
    jc = make_person(full_name="Jørgen Carling", honorific="Prof.")
    first = make_event(
        title="Smuggling", start=local(2030, 9, 4, 13, 15), end=local(2030, 9, 4, 14, 45)
    )
    second = make_event(
        title="Trafficking", start=local(2030, 9, 4, 13, 30), end=local(2030, 9, 4, 14, 0)
    )
    later = make_event(
        title="Evening", start=local(2030, 9, 4, 18, 0), end=local(2030, 9, 4, 19, 0)
    )
    (panel,) = add_items(first, [30])  # 13:15–13:45
    (remarks,) = add_items(second, [10])  # 13:30–13:40
    (evening,) = add_items(later, [10])
    for item in (panel, remarks, evening):
        Participation.objects.create(agenda_item=item, person=jc, role="speaker")
    messages = clash_checks.person_clash_messages(first)
    assert messages == [
        "Prof. Jørgen Carling is due in two places at once: “Item 1” in “Smuggling” "
        "(Wednesday, 4 September 2030, 13:15–13:45 CEST (UTC+2)) and “Item 1” in “Trafficking” "
        "(Wednesday, 4 September 2030, 13:30–13:40 CEST (UTC+2))."
    ]
    assert clash_checks.person_clash_messages(later) == []
    flagged = set(
        clash_checks.with_person_clash(Event.objects.all()).values_list("title", flat=True)
    )
    assert flagged == {"Smuggling", "Trafficking"}


def test_the_clashes_filter_lists_only_clashing_events(organiser_client):
    room = make_room(name="Board Room A")
    in_room(room, "Smuggling", (13, 15), (14, 45))
    in_room(room, "Trafficking", (14, 0), (15, 0), status=Event.Status.DRAFT)
    in_room(room, "Morning", (9, 0), (10, 0))
    url = reverse("admin:agenda_event_changelist")
    page = text(organiser_client.get(url, {"clashes": "room"}))
    assert "Smuggling" in page
    assert "Trafficking" in page
    assert "Morning" not in page
    assert "Person in two places" in page


def test_checks_run_a_fixed_number_of_queries(django_assert_num_queries):
    room = make_room()
    event = in_room(room, "Mine", (9, 0), (18, 0))
    add_items(event, [30, 30], people_per_item=2)
    for n in (1, 6):
        for i in range(n):
            other = in_room(room, f"Other {n}-{i}", (10, 0), (11, 0))
            (item,) = add_items(other, [30])
            for p in Participation.objects.filter(agenda_item__event=event):
                Participation.objects.create(agenda_item=item, person=p.person, role="speaker")
        with django_assert_num_queries(1):
            clash_checks.room_clash_messages(event)
        with django_assert_num_queries(6):
            clash_checks.person_clash_messages(event)
