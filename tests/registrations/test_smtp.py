"""Against a real SMTP server (aiosmtpd on 127.0.0.1, started by the test): the
message it receives, read by two calendar parsers; and the server going down
and coming back without losing or doubling a message."""

import pytest
import vobject
from django.core.management import call_command
from django.urls import reverse

from registrations.models import OutboxMessage
from tests.support.calendar_readers import icaljs_read, vobject_read
from tests.support.registrations import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    calendar_part,
    form_data,
    make_registration_event,
    mime_tree,
    parse,
)
from tests.support.smtp import smtp_server

# A real SMTP server and its threads: one worker runs the live tests in turn.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("live")]


@pytest.fixture
def smtp(settings):
    """An SMTP server's address, wired into the settings; start it with `start()`."""
    yield from smtp_server(settings)


def register(client, django_capture_on_commit_callbacks, event, n=1):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registrations:register", kwargs={"slug": event.slug}),
            form_data(n),
            REMOTE_ADDR=f"192.0.2.{n}",
        )
    assert response.status_code == 302


def test_the_smtp_server_receives_a_real_invitation(
    client, smtp, django_capture_on_commit_callbacks
):
    inbox = smtp()
    event = make_registration_event()
    register(client, django_capture_on_commit_callbacks, event)
    ((recipients, raw),) = inbox.messages
    assert recipients == ["jorgen1@prio.example"]
    message = parse(raw)
    assert mime_tree(message) == [
        "multipart/mixed",
        "  multipart/alternative",
        "    text/plain",
        "    text/html",
        "    text/calendar",
        "  application/ics",
    ]
    part = calendar_part(message)
    assert part.get_content_charset() == "utf-8"
    assert part.get_param("method") == "REQUEST"
    ics = part.get_content().encode("utf-8")
    assert b"\r\nMETHOD:REQUEST\r\n" in ics

    expected_times = ("2030-09-04T11:15:00Z", "2030-09-04T12:45:00Z")
    for reading in [*icaljs_read(ics), vobject_read(ics)]:
        assert reading["method"] == "REQUEST"
        (vevent,) = reading["events"]
        assert vevent["uid"] == event.calendar_uid
        assert vevent["sequence"] == 0
        assert (vevent["start"], vevent["end"]) == expected_times
        assert vevent["attendees"] == ["mailto:jorgen1@prio.example"]
    (icaljs,) = icaljs_read(ics)
    assert icaljs["events"][0]["organizer"] == f"mailto:{CONTACT_EMAIL}"
    assert icaljs["events"][0]["organizer_cn"] == CONTACT_NAME
    vevent = vobject.readOne(ics.decode("utf-8")).vevent
    assert vevent.organizer.params["CN"] == [CONTACT_NAME]
    assert vevent.attendee.params["CN"] == ["Jørgen Carling"]
    assert vevent.attendee.params["RSVP"] == ["FALSE"]
    assert vevent.attendee.params["PARTSTAT"] == ["ACCEPTED"]


def test_server_down_then_back_delivers_everything_exactly_once(
    client, smtp, django_capture_on_commit_callbacks
):
    event = make_registration_event(capacity=2)
    for n in range(1, 5):  # the server is not running yet
        register(client, django_capture_on_commit_callbacks, event, n)
    messages = OutboxMessage.objects.all()
    assert messages.count() == 4
    assert all(m.status == "pending" and m.attempts == 1 and m.last_error for m in messages)

    inbox = smtp()
    call_command("send_outbox", "--now")
    call_command("send_outbox", "--now")
    received = sorted(recipients[0] for recipients, _ in inbox.messages)
    assert received == [f"jorgen{n}@prio.example" for n in range(1, 5)]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


class SenderKilled(BaseException):
    """Stands for `kill -9` of the sender: not an Exception, so nothing catches it."""


def test_a_resend_after_a_crash_between_accept_and_commit_has_the_same_message_id(
    client, smtp, django_capture_on_commit_callbacks, monkeypatch
):
    """At least once, never under two IDs: the sender dies after the SMTP server
    accepted the message and before the row was marked sent; the next run sends
    it again with the same Message-ID, so the receiving side can drop it."""
    inbox = smtp()
    event = make_registration_event()

    save = OutboxMessage.save

    def killed(self, *args, **kwargs):
        if "sent_at" in (kwargs.get("update_fields") or ()):  # the sender marking it sent
            raise SenderKilled
        save(self, *args, **kwargs)

    monkeypatch.setattr(OutboxMessage, "save", killed)  # the commit that never comes
    with pytest.raises(SenderKilled):
        register(client, django_capture_on_commit_callbacks, event)
    monkeypatch.undo()
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING  # rolled back with the sender
    assert len(inbox.messages) == 1  # but the server has it

    call_command("send_outbox", "--now")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    first, second = (parse(raw)["Message-ID"] for _, raw in inbox.messages)
    assert first == second == f"<outbox-{message.uid}@eventsite.local>"
