"""The admin in organisers' words: its title, labels, sidebar groups, tables kept out of sight."""

import pytest
from django.urls import reverse

from tests.support.admin_forms import text
from tests.support.builders import add_items, make_event

pytestmark = pytest.mark.django_db


def test_the_admin_is_titled_eventsite(organiser_client):
    page = organiser_client.get(reverse("admin:index")).content.decode()
    assert "<title>Plan events | eventsite</title>" in page
    assert "Django administration" not in page


def test_event_and_item_fields_say_what_organisers_say(organiser_client):
    event = make_event()
    (item,) = add_items(event, [10])
    event_page = text(organiser_client.get(reverse("admin:agenda_event_change", args=[event.pk])))
    for label in ["Web address", "Type", "Pinned start time", "People"]:
        assert label in event_page
    assert "Slug" not in event_page
    assert "Kind" not in event_page
    assert "Fixed start" not in event_page
    item_page = text(
        organiser_client.get(reverse("admin:agenda_agendaitem_change", args=[item.pk]))
    )
    assert "Pinned start time" in item_page
    assert "Type" in item_page


def test_the_sidebar_groups_events_people_registrations_without_technical_tables(
    organiser_client,
):
    page = text(organiser_client.get(reverse("admin:index")))
    for group in ["Events", "People", "Registrations"]:
        assert group in page
    for table in [
        "Participations",
        "Outgoing e-mails",
        "Contacts",
        "Discussion questions",
        "Event organisations",
        "Recommendations",
    ]:
        assert table not in page
    assert "Agenda items" in page


def test_superusers_still_see_every_table(admin_client):
    page = text(admin_client.get(reverse("admin:index")))
    assert "Participations" in page
    assert "Outgoing e-mails" in page


def test_a_table_out_of_sight_still_answers_organisers(organiser_client):
    response = organiser_client.get(reverse("admin:agenda_participation_changelist"))
    assert response.status_code == 200
