"""The event admin as it will be once RegistrationSettingsInline and
NotifyRegistrantsAdminMixin are wired into agenda/admin.py: edit the room on
the event's page, see what will be sent, send it.

The test mounts its own admin site (this module is the URLconf), so it does not
depend on how agenda/admin.py looks today.
"""

import re

import pytest
from django.contrib import admin
from django.core import mail
from django.urls import include, path, reverse
from django.utils import timezone

from agenda.models import Event
from registrations.admin import (
    NotifyRegistrantsAdminMixin,
    OutboxMessageAdmin,
    RegistrationAdmin,
    RegistrationSettingsInline,
)
from registrations.models import OutboxMessage, Registration, RegistrationSettings
from registrations.services import register
from tests.registration_support import details, make_registration_event

pytestmark = pytest.mark.django_db

site = admin.AdminSite(name="admin")


class EventAdmin(NotifyRegistrantsAdminMixin, admin.ModelAdmin):
    fields = ["title", "slug", "status", "start", "end", "time_zone", "room"]
    search_fields = ["title"]
    inlines = [RegistrationSettingsInline]


site.register(Event, EventAdmin)
site.register(OutboxMessage, OutboxMessageAdmin)
site.register(Registration, RegistrationAdmin)

urlpatterns = [
    path("admin/", site.urls),
    path("speakers/", include("speakers.urls")),
    path("", include("registrations.urls")),
    path("", include("agenda.urls")),
]


@pytest.fixture(autouse=True)
def this_urlconf(settings):
    settings.ROOT_URLCONF = __name__


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def change_form_data(event: Event, **changes) -> dict:
    settings = RegistrationSettings.objects.get(event=event)
    zone = timezone.get_current_timezone()  # the admin's form reads times in it
    data = {
        "title": event.title,
        "slug": event.slug,
        "status": event.status,
        "start_0": event.start.astimezone(zone).strftime("%Y-%m-%d"),
        "start_1": event.start.astimezone(zone).strftime("%H:%M:%S"),
        "end_0": event.end.astimezone(zone).strftime("%Y-%m-%d"),
        "end_1": event.end.astimezone(zone).strftime("%H:%M:%S"),
        "time_zone": event.time_zone,
        "room": event.room,
        "registration_settings-TOTAL_FORMS": "1",
        "registration_settings-INITIAL_FORMS": "1",
        "registration_settings-MIN_NUM_FORMS": "0",
        "registration_settings-MAX_NUM_FORMS": "1",
        "registration_settings-0-id": str(settings.pk),
        "registration_settings-0-event": str(event.pk),
        "registration_settings-0-is_open": "on",
        "registration_settings-0-capacity": str(settings.capacity),
        "registration_settings-0-waiting_list": "on",
        "_save": "Save",
    }
    data.update(changes)
    return data


def test_event_page_shows_the_headcount(admin_client):
    event = make_registration_event(capacity=1)
    register(event=event, details=details(1, refreshments=True))
    register(event=event, details=details(2))
    response = admin_client.get(reverse("admin:agenda_event_change", args=[event.pk]))
    assert response.status_code == 200
    assert (
        "1 confirmed of 1 seats · 1 waiting · 0 cancelled · "
        "1 for the sandwiches and refreshments before the event"
    ) in text_of(response)


def test_changing_the_room_asks_before_telling_registrants(
    admin_client, django_capture_on_commit_callbacks
):
    event = make_registration_event(capacity=5)
    register(event=event, details=details(1))
    register(event=event, details=details(2))
    mail.outbox.clear()
    url = reverse("admin:agenda_event_change", args=[event.pk])

    response = admin_client.post(url, change_form_data(event, room="Conference Room 3"))
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
    response = admin_client.post(url, change_form_data(Event.objects.get(pk=event.pk)))
    assert response["Location"] == reverse("admin:agenda_event_changelist")
