"""People inside each agenda row of the event page: add, reorder, edit, remove, errors."""

import json

import pytest
from django.urls import reverse

from agenda.models import AgendaItem, Participation
from tests.support.admin_forms import add_rows, event_fields, form_data, text
from tests.support.builders import add_items, local, make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db


def change_url(event) -> str:
    return reverse("admin:agenda_event_change", args=[event.pk])


def people(*rows) -> str:
    return json.dumps([dict(row) for row in rows])


def lines_of(item: AgendaItem) -> list[tuple[str, str, str]]:
    return [
        (p.person.full_name, p.role, p.presentation_title)
        for p in item.participations.select_related("person").order_by("position")
    ]


def test_people_are_added_to_new_rows_on_the_add_page(organiser_client):
    moderator, panelist = make_person(full_name="Morgane Nicot"), make_person(full_name="J C")
    data = form_data(organiser_client.get(reverse("admin:agenda_event_add")), "event_form")
    data.update(event_fields())
    panel = people(
        {"id": None, "person": moderator.pk, "role": "moderator", "label": "ignored"},
        {"id": None, "person": panelist.pk, "role": "panelist", "title": " Trends "},
    )
    add_rows(data, "items", [{"title": "Panel", "minutes": "30", "people": panel}])
    response = organiser_client.post(reverse("admin:agenda_event_add"), data)
    assert response.status_code == 302, text(response)
    item = AgendaItem.objects.get(title="Panel")
    assert lines_of(item) == [("Morgane Nicot", "moderator", ""), ("J C", "panelist", "Trends")]


@pytest.fixture
def panel_event():
    event = make_event(start=local(2030, 9, 2, 13, 15), end=local(2030, 9, 2, 14, 45))
    (item,) = add_items(event, [30])
    for position, name in enumerate(["Ann", "Ben", "Cy"]):
        Participation.objects.create(
            agenda_item=item,
            person=make_person(full_name=name),
            role="panelist",
            position=position,
        )
    return event, item


def saved_lines(data: dict[str, str]) -> list[dict]:
    return json.loads(data["items-0-people"])


def test_the_row_shows_its_people_and_a_save_keeps_them(organiser_client, panel_event):
    event, item = panel_event
    data = form_data(organiser_client.get(change_url(event)), "event_form")
    assert [line["label"] for line in saved_lines(data)] == ["Ann", "Ben", "Cy"]
    history = Participation.history.count()
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 302, text(response)
    assert lines_of(item) == [
        ("Ann", "panelist", ""),
        ("Ben", "panelist", ""),
        ("Cy", "panelist", ""),
    ]
    assert Participation.history.count() == history  # nothing changed, nothing written


def test_reorder_edit_and_remove_people_in_one_save(organiser_client, panel_event):
    event, item = panel_event
    data = form_data(organiser_client.get(change_url(event)), "event_form")
    _ann, ben, cy = saved_lines(data)
    ben["role"] = "moderator"
    cy["title"] = "Routes"
    data["items-0-people"] = people(ben, cy)  # Ann removed, Ben first
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 302, text(response)
    assert lines_of(item) == [("Ben", "moderator", ""), ("Cy", "panelist", "Routes")]
    assert not Participation.objects.filter(person__full_name="Ann").exists()


@pytest.mark.parametrize(
    ("extra_line", "message"),
    [
        ("first again", "Person 4 is already on this item in the same role."),
        ({"id": None, "person": None}, "Person 4: choose someone, or remove the line."),
        ({"id": None, "person": 999999}, "Someone chosen on this page was deleted meanwhile"),
    ],
)
def test_a_wrong_line_is_refused_in_its_row_and_nothing_is_saved(
    organiser_client, panel_event, extra_line, message
):
    event, item = panel_event
    data = form_data(organiser_client.get(change_url(event)), "event_form")
    lines = saved_lines(data)
    if extra_line == "first again":
        extra_line = {**lines[0], "id": None}
    data["items-0-people"] = people(*lines, extra_line)
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 200
    assert message in text(response)
    assert len(lines_of(item)) == 3


def test_the_editor_gets_roles_and_urls_from_the_server(organiser_client, panel_event):
    event, _ = panel_event
    make_organisation()
    page = organiser_client.get(change_url(event)).content.decode()
    assert 'id="agenda-people-config"' in page
    assert reverse("admin:speakers_person_quick_add") in page
    assert "admin-eventsite/agenda-people.js" in page


def test_the_french_admin_edits_the_english_talk_title_and_keeps_the_french(
    organiser_client, panel_event
):
    """On /fr/admin/ the editor shows and writes the original title; its translation,
    edited on the item's page, is kept."""
    event, _item = panel_event
    url = change_url(event)  # built before a French request leaves French active
    Participation.objects.filter(person__full_name="Ann").update(
        presentation_title_en="Trends", presentation_title_fr="Tendances"
    )
    data = form_data(organiser_client.get("/fr" + url), "event_form")
    lines = saved_lines(data)
    assert [line.get("title", "") for line in lines] == ["Trends", "", ""]
    lines[0]["title"] = "New trends"
    data["items-0-people"] = json.dumps(lines)
    response = organiser_client.post("/fr" + url, data)
    assert response.status_code == 302, text(response)
    ann = Participation.objects.get(person__full_name="Ann")
    assert (ann.presentation_title_en, ann.presentation_title_fr) == ("New trends", "Tendances")
