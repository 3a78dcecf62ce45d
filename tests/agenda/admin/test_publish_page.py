"""Publishing from the admin: a button, a checklist, refused when blocked, asked when advised."""

import pytest
from django.urls import reverse

from agenda.models import Contact, Event, Participation
from tests.support.admin_forms import text
from tests.support.builders import add_items, local, make_person, make_vienna_draft

pytestmark = pytest.mark.django_db


def draft(budgets=(30, 30), **overrides) -> Event:
    event = make_vienna_draft(**overrides)
    for item in add_items(event, list(budgets)):
        Participation.objects.create(agenda_item=item, person=make_person(), role="speaker")
    return event


def publish_url(event) -> str:
    return reverse("admin:agenda_event_publish", args=[event.pk])


def status_of(event) -> str:
    return Event.objects.values_list("status", flat=True).get(pk=event.pk)


def test_a_draft_shows_the_publish_button(organiser_client):
    event = draft()
    page = organiser_client.get(reverse("admin:agenda_event_change", args=[event.pk]))
    assert f'href="{publish_url(event)}"' in page.content.decode()


def test_a_blocking_problem_refuses_publishing(organiser_client):
    event = draft(budgets=(60, 60))
    checklist = text(organiser_client.get(publish_url(event)))
    assert "The agenda runs 30 minutes past the event's end" in checklist
    response = organiser_client.post(publish_url(event), {"acknowledged": "on"})
    assert response.status_code == 400
    assert "Not published: fix what blocks it first." in text(response)
    assert status_of(event) == "draft"


def test_advisories_are_asked_then_publishing_goes_ahead(organiser_client):
    event = draft()  # no contact, no registration settings
    asked = organiser_client.post(publish_url(event))
    assert asked.status_code == 400
    page = text(asked)
    assert "The event has no contact for attendees." in page
    assert "No registration settings: attendees cannot register." in page
    assert "tick that you have looked at the advisories" in page
    assert status_of(event) == "draft"
    version = Event.objects.get(pk=event.pk).version
    done = organiser_client.post(publish_url(event), {"acknowledged": "on"})
    assert done.status_code == 302
    assert status_of(event) == "published"
    assert Event.objects.get(pk=event.pk).version == version + 1  # an edit like any other


def test_an_unconfirmed_zone_blocks_until_ticked(organiser_client):
    event = draft(
        time_zone="UTC",
        start=local(2030, 9, 2, 11, 15, zone="UTC"),
        end=local(2030, 9, 2, 12, 45, zone="UTC"),
    )
    Contact.objects.create(event=event, name="Desk", email="desk@example.org")
    refused = organiser_client.post(publish_url(event), {"acknowledged": "on"})
    assert refused.status_code == 400
    assert status_of(event) == "draft"
    organiser_client.post(publish_url(event), {"acknowledged": "on", "zone_confirmed": "on"})
    assert status_of(event) == "published"


def test_staff_without_the_right_to_change_events_may_not_publish(client, django_user_model):
    event = draft()
    client.force_login(django_user_model.objects.create_user("bare", is_staff=True))
    assert client.post(publish_url(event), {"acknowledged": "on"}).status_code == 403
    assert status_of(event) == "draft"
