"""No lost mail: the outbox keeps what could not be sent, retries with backoff,
shows failures, and sends each message once."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse

from agenda.models import Event
from registrations import outbox, services
from registrations.models import OutboxMessage, Registration
from tests.support.registrations import details, form_data, make_registration_event

pytestmark = pytest.mark.django_db

FAILING = "tests.registrations.test_outbox.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient for good (550) or for now (450)."""

    code = 550

    def send_messages(self, email_messages):
        recipients = {m.to[0]: (self.code, b"No such user") for m in email_messages}
        raise smtplib.SMTPRecipientsRefused(recipients)


class BusyBackend(RefusingBackend):
    code = 450


@pytest.mark.parametrize(
    ("attempts", "minutes"),
    [(1, 1), (2, 2), (3, 4), (4, 8), (6, 32), (9, 256), (10, 360), (30, 360)],
)
def test_backoff_doubles_up_to_six_hours(attempts, minutes):
    assert outbox.backoff(attempts) == timedelta(minutes=minutes)


def test_registration_succeeds_while_the_mail_server_is_down(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    event = make_registration_event()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registrations:register", kwargs={"slug": event.slug}), form_data()
        )
    assert response.status_code == 302
    assert Registration.objects.filter(email="jorgen1@prio.example").exists()
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert message.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"


def test_retries_wait_out_the_backoff_then_give_up_visibly(settings):
    settings.EMAIL_BACKEND = FAILING
    event = make_registration_event()
    services.register(event=event, details=details())
    message = OutboxMessage.objects.get()
    now = message.next_attempt_at
    for attempt in range(1, outbox.MAX_ATTEMPTS):
        report = outbox.send_pending(now=now)
        assert report.failed == [message.pk]
        message.refresh_from_db()
        assert message.attempts == attempt
        assert message.next_attempt_at == now + outbox.backoff(attempt)
        # Not due yet: nothing is tried.
        assert outbox.send_pending(now=message.next_attempt_at - timedelta(seconds=1)).failed == []
        now = message.next_attempt_at
    report = outbox.send_pending(now=now)
    assert report.gave_up == [message.pk]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == outbox.MAX_ATTEMPTS
    assert outbox.send_pending(now=now + timedelta(days=1), ignore_backoff=True).sent == []


def test_when_the_server_returns_everything_goes_exactly_once(settings):
    settings.EMAIL_BACKEND = FAILING
    event = make_registration_event(capacity=2)
    for n in range(1, 5):
        services.register(event=event, details=details(n))
    assert outbox.send_pending().failed  # all four fail
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_outbox", "--now")
    call_command("send_outbox", "--now")  # a second run finds nothing to send
    outbox.send_pending(ignore_backoff=True)
    assert sorted(m.to[0].split("<")[1].rstrip(">") for m in mail.outbox) == [
        f"jorgen{n}@prio.example" for n in range(1, 5)
    ]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_the_admin_shows_failures_and_sends_again(admin_client, settings):
    settings.EMAIL_BACKEND = FAILING
    event = make_registration_event()
    services.register(event=event, details=details())
    outbox.send_pending()
    OutboxMessage.objects.update(status=OutboxMessage.Status.FAILED)
    changelist = reverse("admin:registrations_outboxmessage_changelist")
    response = admin_client.get(changelist, {"status__exact": "failed"})
    text = response.content.decode()
    assert "jorgen1@prio.example" in text
    assert "SMTPServerDisconnected" in text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = OutboxMessage.objects.get()
    response = admin_client.post(
        changelist, {"action": "send_now", "_selected_action": [message.pk]}, follow=True
    )
    assert "Sent 1; failed 0." in response.content.decode()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


def test_held_notices_are_never_sent_by_the_sender():
    event = make_registration_event()
    services.register(event=event, details=details())
    outbox.send_pending()
    mail.outbox.clear()
    event = Event.objects.get(pk=event.pk)
    event.room = "Board Room B"
    event.save()
    assert outbox.send_pending(ignore_backoff=True).sent == []
    assert mail.outbox == []


def test_a_message_that_cannot_be_built_fails_at_once_and_shows_in_the_admin(admin_client):
    """A name stored with a line break (before names were checked) can never be a
    To header: failed at the first attempt, with the reason, not retried for hours."""
    event = make_registration_event()
    services.register(event=event, details=details())
    OutboxMessage.objects.update(to_name="Eve\r\nBcc: x@example.org")
    message = OutboxMessage.objects.get()
    report = outbox.send_pending()
    assert report.gave_up == [message.pk]
    assert report.failed == []
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 1
    assert message.last_error.startswith("ValueError: ")
    assert len(mail.outbox) == 0
    changelist = reverse("admin:registrations_outboxmessage_changelist")
    text = admin_client.get(changelist, {"status__exact": "failed"}).content.decode()
    assert "jorgen1@prio.example" in text
    assert "ValueError" in text


@pytest.mark.parametrize(
    ("backend", "status", "attempts"),
    [
        ("RefusingBackend", OutboxMessage.Status.FAILED, 1),
        ("BusyBackend", OutboxMessage.Status.PENDING, 1),
        ("FailingBackend", OutboxMessage.Status.PENDING, 1),
    ],
)
def test_only_a_permanent_refusal_gives_up_at_once(settings, backend, status, attempts):
    settings.EMAIL_BACKEND = f"tests.registrations.test_outbox.{backend}"
    event = make_registration_event()
    services.register(event=event, details=details())
    outbox.send_pending()
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (status, attempts)
