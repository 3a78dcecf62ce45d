"""The e-mails themselves: MIME structure, and the calendar part as two independent
parsers (Mozilla's ical.js and vobject) read it. Expected values are written out."""

import icalendar
import pytest
import vobject
from django.core import mail
from django.urls import reverse

from agenda.models import Event
from registrations import services
from tests.support.builders import local
from tests.support.calendar_readers import icaljs_read, require_icaljs, vobject_read
from tests.support.registrations import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    INVITATION_TREE,
    calendar_part,
    details,
    form_data,
    make_registration_event,
    mime_tree,
    parse,
)

pytestmark = pytest.mark.django_db

# 13:15–14:45 CEST on 4 September 2030 is 11:15–12:45 UTC.
START_UTC, END_UTC = "2030-09-04T11:15:00Z", "2030-09-04T12:45:00Z"


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def raw(message) -> bytes:
    """The bytes an SMTP server receives."""
    return message.message().as_bytes(linesep="\r\n")


def public_uid(client, event) -> str:
    response = client.get(reverse("agenda:event_ics", kwargs={"slug": event.slug}))
    return str(icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]["UID"])


def confirmation(sent):
    event = make_registration_event()
    with sent():
        services.register(event=event, details=details())
    return event, parse(raw(mail.outbox[-1]))


def test_confirmation_mime_structure(sent):
    _, message = confirmation(sent)
    assert mime_tree(message) == INVITATION_TREE
    part = calendar_part(message)
    assert part.get_content_charset() == "utf-8"
    assert part.get_param("method") == "REQUEST"
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content_type() == "application/ics"
    # The attachment is the same invitation as the inline part.
    assert attachment.get_content() == part.get_content().encode("utf-8")
    assert part.get_content().startswith("BEGIN:VCALENDAR\r\n")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (text, html):
        assert "Jørgen Carling" in body
        assert "Wednesday, 4 September 2030, 13:15–14:45 CEST (UTC+2)" in body
        assert "/registrations/" in body  # the manage link
    assert message["Reply-To"] == CONTACT_EMAIL
    assert str(message["To"]) == "Jørgen Carling <jorgen1@prio.example>"


def test_waiting_list_mail_has_no_invitation(sent):
    event = make_registration_event(capacity=0)
    with sent():
        services.register(event=event, details=details())
    message = parse(raw(mail.outbox[-1]))
    assert mime_tree(message) == ["multipart/alternative", "  text/plain", "  text/html"]


def change(event, **fields):
    event = Event.objects.get(pk=event.pk)
    for name, value in fields.items():
        setattr(event, name, value)
    event.save()
    return event


def scenario_mails(sent, kind: str):
    """(event, the e-mail to read, the times it must show, METHOD, SEQUENCE, STATUS)."""
    event, message = confirmation(sent)
    registration = event.registrations.get()
    if kind == "confirmation":
        return event, message, (START_UTC, END_UTC), "REQUEST", 0, "CONFIRMED"
    if kind == "new time":
        event = change(event, start=local(2030, 9, 4, 15, 0), end=local(2030, 9, 4, 16, 0))
        with sent():
            services.release_held(event=event)
        times = ("2030-09-04T13:00:00Z", "2030-09-04T14:00:00Z")
        return event, parse(raw(mail.outbox[-1])), times, "REQUEST", 1, "CONFIRMED"
    if kind == "organisers cancel":
        event = change(event, status=Event.Status.CANCELLED)
        with sent():
            services.release_held(event=event)
        return event, parse(raw(mail.outbox[-1])), (START_UTC, END_UTC), "CANCEL", 1, "CANCELLED"
    assert kind == "attendee cancels"
    with sent():
        services.cancel(registration=registration)
    # Only their seat is cancelled: no STATUS (RFC 5546 3.2.5).
    return event, parse(raw(mail.outbox[-1])), (START_UTC, END_UTC), "CANCEL", 1, None


KINDS = ["confirmation", "new time", "organisers cancel", "attendee cancels"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_invitation_mail_has_the_same_structure(sent, kind):
    _, message, _, method, _, _ = scenario_mails(sent, kind)
    assert mime_tree(message) == INVITATION_TREE
    assert calendar_part(message).get_param("method") == method


@pytest.mark.parametrize("kind", KINDS)
def test_icaljs_reads_the_invitation(client, sent, kind):
    require_icaljs()
    event, message, (start, end), method, sequence, status = scenario_mails(sent, kind)
    reading = icaljs_read(calendar_part(message).get_content().encode("utf-8"))[0]
    assert reading["method"] == method
    (vevent,) = reading["events"]
    assert vevent["uid"] == public_uid(client, event) == event.calendar_uid
    assert vevent["sequence"] == sequence
    assert vevent["status"] == status
    assert (vevent["start"], vevent["end"]) == (start, end)
    assert vevent["start_tzid"] == "Europe/Vienna"
    assert vevent["organizer"] == f"mailto:{CONTACT_EMAIL}"
    assert vevent["organizer_cn"] == CONTACT_NAME
    assert vevent["attendees"] == ["mailto:jorgen1@prio.example"]


@pytest.mark.parametrize("kind", KINDS)
def test_vobject_reads_the_invitation(client, sent, kind):
    event, message, (start, end), method, sequence, status = scenario_mails(sent, kind)
    text = calendar_part(message).get_content()
    reading = vobject_read(text.encode("utf-8"))
    assert reading["method"] == method
    (vevent,) = reading["events"]
    assert vevent["uid"] == public_uid(client, event)
    assert vevent["sequence"] == sequence
    assert vevent["status"] == status
    assert (vevent["start"], vevent["end"]) == (start, end)
    assert vevent["attendees"] == ["mailto:jorgen1@prio.example"]
    # The registration's state, and no reply asked for (nobody reads one).
    parsed = vobject.readOne(text).vevent
    assert parsed.organizer.value == f"mailto:{CONTACT_EMAIL}"
    assert parsed.organizer.params["CN"] == [CONTACT_NAME]
    attendee = parsed.attendee.params
    assert attendee["CN"] == ["Jørgen Carling"]
    assert attendee["RSVP"] == ["FALSE"]
    assert attendee["PARTSTAT"] == ["DECLINED" if kind == "attendee cancels" else "ACCEPTED"]


def test_an_event_without_contact_is_organised_by_the_site(sent, settings):
    settings.DEFAULT_FROM_EMAIL = "Events team <events@example.org>"
    event = make_registration_event()
    event.contacts.all().delete()
    with sent():
        services.register(event=event, details=details())
    vevent = vobject.readOne(calendar_part(parse(raw(mail.outbox[-1]))).get_content()).vevent
    assert vevent.organizer.value == "mailto:events@example.org"
    assert vevent.organizer.params["CN"] == ["Events team"]


def test_mailed_links_use_the_site_address_not_the_request(client, sent, settings):
    """The outbox writes e-mails without a request: EVENTSITE_BASE_URL, whatever host
    the form was posted to."""
    settings.ALLOWED_HOSTS = ["other.example.org"]
    settings.EVENTSITE_BASE_URL = "https://events.example.org"
    event = make_registration_event()
    url = reverse("registrations:register", kwargs={"slug": event.slug})
    with sent():
        response = client.post(url, form_data(), HTTP_HOST="other.example.org")
    assert response.status_code == 302
    text = parse(raw(mail.outbox[-1])).get_body(("plain",)).get_content()
    assert "https://events.example.org/registrations/" in text
    assert f"https://events.example.org/events/{event.slug}/" in text
    assert "other.example.org" not in text
