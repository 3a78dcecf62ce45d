"""The organisers' admin: who comes, the CSV export, promoting, and confirming the
e-mails an event change will send."""

import csv
import io
import re

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from agenda.admin import EventAdmin
from agenda.models import Event
from registrations import services
from registrations.admin import (
    RegistrationSettingsInline,
    review_url,
)
from registrations.models import OutboxMessage, Registration, RegistrationSettings
from tests.support.registrations import details, make_registration_event

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def busy_event():
    """2 seats: two confirmed (one for refreshments), one waiting, one cancelled."""
    event = make_registration_event(capacity=2)
    services.register(event=event, details=details(1, refreshments=True))
    services.register(event=event, details=details(2, refreshments=False))
    services.register(event=event, details=details(3, refreshments=True))
    fourth = services.register(event=event, details=details(4)).registration
    services.cancel(registration=fourth)
    return event


def test_settings_list_shows_the_counts(admin_client, busy_event):
    other = make_registration_event(title="Another event")
    response = admin_client.get(reverse("admin:registrations_registrationsettings_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    busy_row = re.search(rf"<tr>((?!</tr>).)*{re.escape(busy_event.title)}.*?</tr>", html, re.S)
    cells = re.findall(r'<td class="field-(\w+)">(.*?)</td>', busy_row.group(0))
    wanted = {"confirmed", "waiting", "cancelled", "refreshments"}
    counts = {name: value for name, value in cells if name in wanted}
    assert counts == {"confirmed": "2", "waiting": "1", "cancelled": "1", "refreshments": "1"}
    assert other.title in html


def test_settings_page_shows_the_headcount(admin_client, busy_event):
    settings = RegistrationSettings.objects.get(event=busy_event)
    url = reverse("admin:registrations_registrationsettings_change", args=[settings.pk])
    text = text_of(admin_client.get(url))
    assert (
        "2 confirmed of 2 seats · 1 waiting · 1 cancelled · 1 for the refreshments before the event"
    ) in text


def test_the_inline_for_the_event_page_shows_the_headcount(busy_event):
    inline = RegistrationSettingsInline(Event, admin.site)
    html = inline.headcount(RegistrationSettings.objects.get(event=busy_event))
    text = re.sub(r"<[^>]+>", "", html)
    assert text == (
        "2 confirmed of 2 seats · 1 waiting · 1 cancelled · 1 for the refreshments before the event"
    )
    assert f"event__id__exact={busy_event.pk}&amp;status__exact=waiting" in html


def test_registration_list_filters_searches_and_counts(admin_client, busy_event):
    other = make_registration_event()
    services.register(event=other, details=details(9, name="Marie McAuliffe"))
    url = reverse("admin:registrations_registration_changelist")
    response = admin_client.get(url, {"event__id__exact": busy_event.pk})
    text = text_of(response)
    assert "2 confirmed · 1 waiting · 1 cancelled · 1 for the refreshments" in text
    assert "Marie McAuliffe" not in text
    response = admin_client.get(url, {"q": "McAuliffe"})
    assert "Marie McAuliffe" in text_of(response)
    assert "0 waiting" in text_of(response)


def test_csv_export_is_excel_friendly_utf8(admin_client, busy_event):
    services.register(
        event=busy_event,
        details=details(5, name='=HYPERLINK("http://evil.example")', organisation="Koç University"),
    )
    url = reverse("admin:registrations_registration_changelist")
    selected = list(Registration.objects.filter(event=busy_event).values_list("pk", flat=True))
    response = admin_client.post(url, {"action": "export_csv", "_selected_action": selected})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="registrations-{busy_event.slug}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Event",
        "Status",
        "Name",
        "E-mail",
        "Organisation",
        "Affiliation type",
        "Access or dietary needs",
        "Refreshments before the event",
        "Registered at",
    ]
    assert len(rows) == 6
    first = rows[1]
    assert first[1:4] == ["Confirmed", "Jørgen Carling", "jorgen1@prio.example"]
    assert first[5] == "Academia"
    assert first[7] == "yes"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d CES?T \(UTC\+[12]\)", first[8])
    spreadsheet_safe = rows[5]
    assert spreadsheet_safe[2] == '\'=HYPERLINK("http://evil.example")'
    assert spreadsheet_safe[4] == "Koç University"
    assert b"\r\n" in response.content


def test_promote_from_waiting_list_action(admin_client, busy_event):
    waiting = Registration.objects.get(event=busy_event, status="waiting")
    url = reverse("admin:registrations_registration_changelist")
    response = admin_client.post(
        url, {"action": "promote_from_waiting_list", "_selected_action": [waiting.pk]}, follow=True
    )
    assert "Not promoted, no free seat: Jørgen Carling 3." in text_of(response)
    RegistrationSettings.objects.filter(event=busy_event).update(capacity=3)
    mail.outbox.clear()
    response = admin_client.post(
        url, {"action": "promote_from_waiting_list", "_selected_action": [waiting.pk]}, follow=True
    )
    assert "Promoted 1: Jørgen Carling 3." in text_of(response)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert OutboxMessage.objects.filter(registration=waiting, kind="promotion").exists()


def test_registrations_are_not_added_by_hand(admin_client):
    url = reverse("admin:registrations_registration_add")
    assert admin_client.get(url).status_code == 403


def move(event, **fields) -> Event:
    event = Event.objects.get(pk=event.pk)
    for name, value in fields.items():
        setattr(event, name, value)
    event.save()
    return event


def test_review_shows_what_will_be_sent_and_sends_on_confirmation(
    admin_client, busy_event, django_capture_on_commit_callbacks
):
    event = move(busy_event, room="Board Room B")
    response = admin_client.get(review_url(event.pk))
    assert response.status_code == 200
    text = text_of(response)
    assert "will be e-mailed to 2 registrants. Nothing has been sent yet." in text
    assert "METHOD:REQUEST, SEQUENCE:1" in text
    assert "Place: Board Room B, Vienna International Centre" in text
    assert "(was: Board Room A, Vienna International Centre" in text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(review_url(event.pk), {"decision": "send"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:agenda_event_change", args=[event.pk])
    assert sorted(m.to[0] for m in mail.outbox) == [
        "Jørgen Carling 2 <jorgen2@prio.example>",
        "Jørgen Carling <jorgen1@prio.example>",
    ]
    assert all(m.subject.startswith("Changed: ") for m in mail.outbox)


def test_review_can_decline(admin_client, busy_event):
    event = move(busy_event, title="A corrected title")
    admin_client.post(review_url(event.pk), {"decision": "discard"})
    assert not OutboxMessage.objects.held().exists()
    assert not OutboxMessage.objects.filter(kind="event-update", status="pending").exists()
    assert "No e-mails are waiting" in text_of(admin_client.get(review_url(event.pk)))


def test_review_needs_staff(client, busy_event):
    response = client.get(review_url(busy_event.pk))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_event_admin_goes_to_the_review_after_a_change(admin_user, busy_event):
    # The event admin takes the redirect registrations registered with agenda.hooks.
    model_admin = EventAdmin(Event, admin.AdminSite())
    request = RequestFactory().post("/admin/agenda/event/1/change/", {})
    request.user = admin_user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)

    untouched = model_admin.response_change(request, busy_event)
    assert untouched.url != review_url(busy_event.pk)

    event = move(busy_event, status=Event.Status.CANCELLED)
    response = model_admin.response_change(request, event)
    assert response.url == review_url(event.pk)
