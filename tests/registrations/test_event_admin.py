"""The event admin with registrations: edit the room on the event's page, see
what will be sent to registrants, send it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from agenda.models import Event
from registrations.services import register
from tests.support.admin_forms import form_data
from tests.support.registrations import details, make_registration_event

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def change_form_data(client, event: Event, **changes) -> dict:
    """The real change form, as a browser would submit it, with some fields changed."""
    response = client.get(reverse("admin:agenda_event_change", args=[event.pk]))
    data = form_data(response, "event_form")
    data.update(changes)
    data["_save"] = "Save"
    return data


def test_event_page_shows_the_headcount(admin_client):
    event = make_registration_event(capacity=1)
    register(event=event, details=details(1, refreshments=True))
    register(event=event, details=details(2))
    response = admin_client.get(reverse("admin:agenda_event_change", args=[event.pk]))
    assert response.status_code == 200
    assert (
        "1 confirmed of 1 seats · 1 waiting · 0 cancelled · 1 for the refreshments before the event"
    ) in text_of(response)


def test_changing_the_room_asks_before_telling_registrants(
    admin_client, django_capture_on_commit_callbacks
):
    event = make_registration_event(capacity=5)
    register(event=event, details=details(1))
    register(event=event, details=details(2))
    mail.outbox.clear()
    url = reverse("admin:agenda_event_change", args=[event.pk])

    response = admin_client.post(
        url, change_form_data(admin_client, event, room="Conference Room 3")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    review = reverse("admin:registrations_outboxmessage_review", args=[event.pk])
    assert response["Location"] == review
    assert mail.outbox == []  # nothing goes before the organiser says so

    text = text_of(admin_client.get(review))
    assert "will be e-mailed to 2 registrants" in text
    assert "Place: Conference Room 3" in text
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(review, {"decision": "send"})
    assert len(mail.outbox) == 2
    assert all("SEQUENCE:1" in m.alternatives[-1][0] for m in mail.outbox)
    assert all("LOCATION:Conference Room 3" in m.alternatives[-1][0] for m in mail.outbox)

    # Saving again without a calendar change goes back to the usual page.
    response = admin_client.post(
        url, change_form_data(admin_client, Event.objects.get(pk=event.pk))
    )
    assert response["Location"] == reverse("admin:agenda_event_changelist")
