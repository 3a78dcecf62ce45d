"""Seats under real concurrency, on PostgreSQL: 30 people post the form at the same
moment from 30 threads (each its own database connection) for 10 seats.

SQLite runs one writer at a time, so it cannot show a race; these tests skip
there and run in CI's PostgreSQL pass (DATABASE_URL=postgres://…).
"""

import smtplib
import time
from collections import Counter

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import Client
from django.urls import reverse

from registrations import outbox, services
from registrations.models import OutboxMessage, Registration
from tests.support.registrations import details, form_data, make_registration_event
from tests.support.threads import run_together

# Real threads: one worker runs the live tests in turn.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("live")]

PEOPLE = 30
SEATS = 10


@pytest.fixture(autouse=True)
def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (set DATABASE_URL=postgres://…): SQLite serialises all "
            "writes, so no registrations can race"
        )
    cache.clear()


def test_30_concurrent_registrations_for_10_seats():
    event = make_registration_event(capacity=SEATS)
    url = reverse("registrations:register", kwargs={"slug": event.slug})

    def post(n):
        client = Client(REMOTE_ADDR=f"10.0.{n}.1")
        return client.post(url, form_data(n + 1)).status_code

    started = time.perf_counter()
    statuses = run_together(PEOPLE, post)
    elapsed = time.perf_counter() - started

    assert statuses == [302] * PEOPLE
    registrations = list(Registration.objects.filter(event=event))
    by_status = Counter(r.status for r in registrations)
    assert by_status == {"confirmed": SEATS, "waiting": PEOPLE - SEATS}
    # None lost, none twice.
    assert sorted(r.email for r in registrations) == sorted(
        f"jorgen{n}@prio.example" for n in range(1, PEOPLE + 1)
    )
    positions = sorted(services.waiting_position(r) for r in registrations if r.status == "waiting")
    assert positions == list(range(1, PEOPLE - SEATS + 1))
    # One e-mail each, sent once: invitations to the seated, notices to the waiting.
    kinds = Counter(OutboxMessage.objects.values_list("kind", "status"))
    assert kinds == {
        ("confirmation", "sent"): SEATS,
        ("waiting-list", "sent"): PEOPLE - SEATS,
    }
    recipients = Counter(message.to[0].split("<")[1] for message in mail.outbox)
    assert len(recipients) == PEOPLE
    assert set(recipients.values()) == {1}
    print(
        f"\n{PEOPLE} concurrent registrations for {SEATS} seats: "
        f"{by_status['confirmed']} confirmed, {by_status['waiting']} waiting, "
        f"{len(registrations)} rows, {len(mail.outbox)} e-mails, in {elapsed:.2f} s"
    )


def test_the_same_person_twice_at_once_registers_once():
    event = make_registration_event(capacity=SEATS)
    url = reverse("registrations:register", kwargs={"slug": event.slug})

    def post(n):
        return Client(REMOTE_ADDR=f"10.1.{n}.1").post(url, form_data(1)).status_code

    assert run_together(8, post) == [302] * 8
    assert Registration.objects.filter(event=event).count() == 1
    assert Counter(OutboxMessage.objects.values_list("kind", flat=True)) == {"confirmation": 8}


class DownBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "down")


def test_concurrent_senders_send_each_message_once(settings):
    settings.EMAIL_BACKEND = "tests.registrations.test_concurrency.DownBackend"
    event = make_registration_event(capacity=None)
    for n in range(1, 21):
        services.register(event=event, details=details(n))
    assert OutboxMessage.objects.filter(status="pending").count() == 20
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reports = run_together(6, lambda n: outbox.send_pending(ignore_backoff=True))
    sent = [pk for report in reports for pk in report.sent]
    assert len(sent) == len(set(sent)) == 20
    assert len(mail.outbox) == 20
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
