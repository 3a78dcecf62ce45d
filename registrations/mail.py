"""Registration e-mails: written into outbox rows, then turned into MIME messages.

An invitation e-mail is laid out the way Outlook, Gmail, Apple Mail and
Thunderbird all recognise (RFC 6047):

    multipart/mixed
      multipart/alternative
        text/plain
        text/html
        text/calendar; charset="utf-8"; method="REQUEST"   (or CANCEL)
      application/ics; invite.ics                          (for clients that ignore the inline part)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from agenda import timefmt
from agenda.ical import calendars
from agenda.models import Event
from common import outbox

from . import admission, tokens
from .models import OutboxMessage, Registration

Kind = OutboxMessage.Kind

SUBJECTS = {
    Kind.CONFIRMATION: _("Registration confirmed: {title}"),
    Kind.WAITING_LIST: _("Waiting list: {title}"),
    Kind.PROMOTION: _("A seat is yours: {title}"),
    Kind.EVENT_UPDATE: _("Changed: {title}"),
    Kind.EVENT_CANCELLED: _("Cancelled: {title}"),
    Kind.ATTENDEE_CANCELLED: _("Registration cancelled: {title}"),
}
RESENT_SUBJECTS = {
    Kind.CONFIRMATION: _("Your registration (sent again): {title}"),
    Kind.WAITING_LIST: _("Waiting list (sent again): {title}"),
}
# The keys of calendar_facts() are stored with an update's changes; these are their words.
FACT_LABELS = {"Title": _("Title"), "Time": _("Time"), "Place": _("Place")}
INVITATION_FILENAME = "invite.ics"


def calendar_facts(event: Event) -> dict[str, str]:
    """What a calendar entry shows, in words; an update lists the ones that changed."""
    return {
        "Title": event.title,
        "Time": timefmt.time_slot(event.start, event.end, event.zone),
        "Place": event.venue or str(_("To be announced")),
    }


def organizer(event: Event) -> calendars.Organizer:
    """The event's first contact; the site's sender when the event has none."""
    contact = calendars.first_contact(event)
    if contact is not None:
        return contact
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return calendars.Organizer(email=address, name=name)


def attendee(registration: Registration) -> calendars.Attendee:
    """The ATTENDEE line says the registration's state and asks for no reply:
    eventsite reads no iTIP REPLY, and a confirmed seat needs none. Only a seat
    gets an invitation (never the waiting list), so it is ACCEPTED, or DECLINED
    once its holder cancelled."""
    cancelled = registration.status == Registration.Status.CANCELLED
    return calendars.Attendee(
        email=registration.email,
        name=registration.name,
        partstat="DECLINED" if cancelled else "ACCEPTED",
        rsvp=False,
    )


@dataclass(frozen=True)
class Rendered:
    subject: str
    text_body: str
    html_body: str
    calendar_method: str
    calendar: str
    sequence: int | None


def calendar_method(kind: str, *, holds_seat: bool) -> str:
    """REQUEST for a seat, CANCEL for a seat that was in their calendar; people on
    the waiting list have no calendar entry, so they get none."""
    if not holds_seat:
        return ""
    if kind in (Kind.CONFIRMATION, Kind.PROMOTION, Kind.EVENT_UPDATE):
        return calendars.REQUEST
    if kind in (Kind.EVENT_CANCELLED, Kind.ATTENDEE_CANCELLED):
        return calendars.CANCEL
    return ""


def render(*, registration: Registration, **facts) -> Rendered:
    """Subject, bodies and invitation for one person, in the language they
    registered in (whatever language the organiser's admin or the sender runs in).
    `event` must come from `Event.objects.with_agenda(public=True)` (the
    invitation carries the agenda)."""
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        return _render(registration=registration, **facts)


def _render(
    *,
    kind: str,
    event: Event,
    registration: Registration,
    now: datetime,
    changes: dict[str, str] | None = None,
    resent: bool = False,
    waiting_position: int | None = None,
    holds_seat: bool,
) -> Rendered:
    method = calendar_method(kind, holds_seat=holds_seat)
    sequence = None
    ics = ""
    if method:
        sequence = admission.next_sequence(
            event_sequence=event.sequence,
            last_sent=registration.calendar_sequence,
            changes_their_copy=not resent,
        )
        invitation = calendars.invitation_calendar(
            event,
            method=method,
            attendees=[attendee(registration)],
            organizer=organizer(event),
            sequence=sequence,
            now=now,
        )
        ics = calendars.to_ics(invitation).decode("utf-8")
    facts = calendar_facts(event)
    context = {
        "kind": kind,
        "event": event,
        "registration": registration,
        "facts": facts,
        "changes": [
            {
                "label": label,
                "label_text": FACT_LABELS.get(label, label),
                "before": before,
                "after": facts.get(label, ""),
            }
            for label, before in (changes or {}).items()
        ],
        "resent": resent,
        "waiting_position": waiting_position,
        "has_invitation": bool(ics),
        "manage_url": tokens.manage_url(registration),
        "event_url": event.public_url,
        "register_url": settings.EVENTSITE_BASE_URL
        + reverse("registrations:register", kwargs={"slug": event.slug}),
        "contacts": list(event.contacts.all()),
    }
    subjects = RESENT_SUBJECTS if resent and kind in RESENT_SUBJECTS else SUBJECTS
    subject = str(subjects[kind]).format(title=event.title)
    if len(subject) > 200:
        subject = subject[:199] + "…"
    return Rendered(
        subject=subject,
        text_body=render_to_string("registrations/emails/message.txt", context),
        html_body=render_to_string("registrations/emails/message.html", context),
        calendar_method=method,
        calendar=ics,
        sequence=sequence,
    )


def fill(message: OutboxMessage, rendered: Rendered) -> None:
    for field in ("subject", "text_body", "html_body", "calendar_method", "calendar", "sequence"):
        setattr(message, field, getattr(rendered, field))


class CalendarEmail(EmailMultiAlternatives):
    """Lets an alternative carry MIME parameters: 'text/calendar; method=REQUEST'."""

    def _create_mime_attachment(self, content, mimetype):
        base, *params = (part.strip() for part in mimetype.split(";"))
        part = super()._create_mime_attachment(content, base)
        for param in params:
            key, _, value = param.partition("=")
            part.set_param(key.strip(), value.strip().strip('"'))
        return part


def build_email(message: OutboxMessage, *, connection=None) -> EmailMultiAlternatives:
    email = CalendarEmail(**outbox.envelope(message, connection=connection))
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    if message.calendar:
        email.attach_alternative(
            message.calendar, f"text/calendar; method={message.calendar_method}"
        )
        email.attach(
            INVITATION_FILENAME,
            message.calendar.encode("utf-8"),
            f"application/ics; name={INVITATION_FILENAME}",
        )
    return email
