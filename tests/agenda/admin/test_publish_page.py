"""Publishing from the admin: a button, a checklist, refused when blocked, asked when advised."""

import pytest
from django.urls import reverse

from agenda import hooks
from agenda.models import Contact, Event, Participation
from tests.support.admin_forms import form_data, text
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


# -- the status drop-down on the event form goes through the same checks -----------------


def change_url(event) -> str:
    return reverse("admin:agenda_event_change", args=[event.pk])


def publish_with_the_drop_down(client, event, **changes):
    data = form_data(client.get(change_url(event)), "event_form")
    data.update({"status": "published", **changes})
    return client.post(change_url(event), data)


def without_hooked_advisories(monkeypatch):
    # Only agenda's own checks: apps above agenda (registrations) add advisories by hook.
    monkeypatch.setattr(hooks, "publish_advisories", lambda event: [])


def test_the_drop_down_does_not_publish_around_advisories(organiser_client):
    event = draft()  # no contact: an advisory
    response = publish_with_the_drop_down(organiser_client, event, title="Renamed")
    assert response.status_code == 302
    assert response["Location"] == publish_url(event)  # the checklist asks
    assert status_of(event) == "draft"
    assert Event.objects.get(pk=event.pk).title == "Renamed"  # the rest was saved
    checklist = text(organiser_client.get(response["Location"]))
    assert "Saved, not published yet: look at the advisories below, then publish." in checklist
    assert "The event has no contact for attendees." in checklist


def test_the_drop_down_does_not_publish_around_a_blocking_check(organiser_client, monkeypatch):
    without_hooked_advisories(monkeypatch)
    event = draft()
    Contact.objects.create(event=event, name="Desk", email="desk@example.org")
    # An item without people: advisory; a clash with a published event in the room: blocking.
    event.items.first().participations.all().delete()
    monkeypatch.setattr(
        "agenda.publishing.clash_checks.room_clash_messages",
        lambda event, published_only=False: ["Board Room A is booked then."],
    )
    response = publish_with_the_drop_down(organiser_client, event)
    assert response["Location"] == publish_url(event)
    assert status_of(event) == "draft"
    page = text(organiser_client.get(response["Location"]))
    assert "something blocks it" in page
    assert "Board Room A is booked then." in page


def test_the_drop_down_publishes_when_the_checklist_is_clear(organiser_client, monkeypatch):
    without_hooked_advisories(monkeypatch)
    event = draft()
    Contact.objects.create(event=event, name="Desk", email="desk@example.org")
    response = publish_with_the_drop_down(organiser_client, event)
    assert response.status_code == 302
    assert response["Location"] != publish_url(event)
    assert status_of(event) == "published"


def test_an_event_added_as_published_is_saved_as_a_draft_until_checked(organiser_client):
    data = form_data(organiser_client.get(reverse("admin:agenda_event_add")), "event_form")
    data.update(
        {
            "title": "Added",
            "slug": "added",
            "status": "published",
            "time_zone": "Europe/Vienna",
            "start_0": "2030-09-02",
            "start_1": "13:15",
            "end_0": "2030-09-02",
            "end_1": "14:45",
        }
    )
    response = organiser_client.post(reverse("admin:agenda_event_add"), data)
    event = Event.objects.get(slug="added")
    assert response["Location"] == publish_url(event)
    assert status_of(event) == "draft"


def test_a_cancelled_event_is_published_again_only_through_the_checklist(organiser_client):
    event = draft()
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    page = organiser_client.get(change_url(event)).content.decode()
    assert f'href="{publish_url(event)}"' in page
    response = publish_with_the_drop_down(organiser_client, event)
    assert response["Location"] == publish_url(event)
    assert status_of(event) == "cancelled"
