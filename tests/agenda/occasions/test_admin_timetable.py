"""The occasion's admin page: its timetable, read-only, with room and person clashes marked."""

import pytest
from django.urls import reverse

from agenda.models import Event, Participation
from speakers.models import Person
from tests.support.builders import add_items, local, make_event, make_person
from tests.support.occasions import make_occasion, make_programme, make_room

pytestmark = pytest.mark.django_db


def page(client, occasion) -> str:
    response = client.get(reverse("admin:agenda_occasion_change", args=[occasion.pk]))
    assert response.status_code == 200
    return response.content.decode()


def timetable_of(html: str) -> str:
    start = html.index('<div class="occasion-admin-timetable">')
    return (
        html[start : html.index("</table>", start)] if "</table>" in html[start:] else html[start:]
    )


def event_in(occasion, title, start, end, **fields):
    if "room_ref" in fields:  # choosing a room fills the text place, as the admin does
        fields["room"] = fields["room_ref"].name
    return make_event(
        title=title,
        occasion_ref=occasion,
        start=start,
        end=end,
        time_zone="Europe/Vienna",
        **fields,
    )


def test_a_room_clash_marks_both_events_and_names_them(organiser_client):
    occasion = make_occasion()
    room = make_room(name="Board Room A")
    event_in(
        occasion,
        "Smuggling panel",
        local(2030, 5, 6, 13, 15),
        local(2030, 5, 6, 14, 45),
        room_ref=room,
    )
    event_in(
        occasion,
        "Trafficking roundtable",
        local(2030, 5, 6, 14, 0),
        local(2030, 5, 6, 15, 0),
        room_ref=room,
        status=Event.Status.DRAFT,
    )
    event_in(
        occasion, "Later talk", local(2030, 5, 6, 15, 0), local(2030, 5, 6, 16, 0), room_ref=room
    )
    html = timetable_of(page(organiser_client, occasion))
    assert "2 events have a clash" in html
    assert html.count('timetable-entry clash"') == 2
    assert html.count("Room clash: Board Room A is booked by “Smuggling panel”") == 2
    assert "“Trafficking roundtable”" in html
    # The later talk starts as the roundtable ends: the only one unmarked.
    assert html.count('class="timetable-entry"') == 1
    unmarked = html.index('class="timetable-entry"')
    assert "Later talk" in html[unmarked : html.index("</div>", unmarked)]
    assert "(Draft)" in html
    assert "13:15–14:45 CEST (UTC+2)" in html


def test_a_person_due_elsewhere_marks_the_event(organiser_client):
    occasion = make_occasion()
    speaker = make_person(full_name="Morgane Nicot", slug="m-nicot")
    mine = event_in(occasion, "Side event", local(2030, 5, 6, 10), local(2030, 5, 6, 11))
    elsewhere = make_event(
        title="Elsewhere", start=local(2030, 5, 6, 10, 30), end=local(2030, 5, 6, 12)
    )
    for event in (mine, elsewhere):
        (item,) = add_items(event, [60])
        Participation.objects.create(agenda_item=item, person=speaker, role="speaker")
    html = timetable_of(page(organiser_client, occasion))
    assert "1 event has a clash" in html
    assert "Morgane Nicot is due in two places at once" in html
    assert "“Elsewhere”" in html


def test_no_clash_no_mark_and_nothing_to_edit(organiser_client):
    occasion = make_occasion()
    event_in(occasion, "Alone", local(2030, 5, 6, 10), local(2030, 5, 6, 11), room_ref=make_room())
    html = page(organiser_client, occasion)
    part = timetable_of(html)
    assert "Alone" in part
    assert "clash" not in part.replace("occasion-admin-timetable", "")
    assert 'name="timetable"' not in html


def test_the_add_page_has_no_timetable(organiser_client):
    html = organiser_client.get(reverse("admin:agenda_occasion_add")).content.decode()
    assert "occasion-admin-timetable" not in html


# The page's own five (session, user, the occasion, two of permissions) and the
# timetable's seven: events with rooms, their items, people and organisations; the
# people's other events, their items and people.
@pytest.mark.parametrize("events", [6, 60])
def test_the_admin_timetable_runs_a_constant_number_of_queries(
    organiser_client, django_assert_num_queries, events
):
    occasion = make_programme(events, slug=f"a{events}")
    # Its first speaker is also due elsewhere: the people's other events are read too.
    elsewhere = make_event(start=local(2030, 5, 6, 9), end=local(2030, 5, 6, 10))
    (item,) = add_items(elsewhere, [60])
    Participation.objects.create(
        agenda_item=item, person=Person.objects.get(slug=f"a{events}-person-0-0")
    )
    url = reverse("admin:agenda_occasion_change", args=[occasion.pk])
    organiser_client.get(url)  # the session and permissions warm up alike at both sizes
    with django_assert_num_queries(ADMIN_PAGE_QUERIES):
        response = organiser_client.get(url)
    html = response.content.decode()
    assert html.count('class="timetable-entry"') == events - 1
    assert html.count('class="timetable-entry clash"') == 1


ADMIN_PAGE_QUERIES = 12
