"""Writes: registering, cancelling, promoting, and the e-mails they cause.

Every function here runs in one transaction, and writes its e-mails to the
outbox in that same transaction; they are sent after it commits.

Lock order, to stay free of deadlocks: the event's RegistrationSettings row
first, then registrations. Every change to who holds a seat takes the settings
row lock, so seats are counted by one transaction at a time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agenda.models import Event

from . import admission, mail, outbox
from .models import OutboxMessage, Registration, RegistrationSettings

Kind = OutboxMessage.Kind
Status = Registration.Status


class Placement(StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    ALREADY_REGISTERED = "already-registered"  # confirmation sent again
    FULL = "full"
    CLOSED = "closed"


@dataclass(frozen=True)
class Details:
    """What the attendee tells us on the form."""

    name: str
    email: str
    organisation: str
    affiliation_type: str
    needs: str = ""
    refreshments: bool = False
    language: str = ""  # the page's language; empty: the site's default


@dataclass(frozen=True)
class Result:
    outcome: Placement
    registration: Registration | None = None
    waiting_position: int | None = None


# -- reads used inside the writes ----------------------------------------------------


def availability_for(
    event: Event, *, settings: RegistrationSettings | None, now: datetime
) -> admission.Availability:
    confirmed = event.registrations.confirmed().count() if settings is not None else 0
    return admission.availability(
        now=now,
        event_start=event.start,
        event_end=event.end,
        event_published=event.status == Event.Status.PUBLISHED,
        settings=settings,
        confirmed=confirmed,
    )


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when not waiting."""
    if registration.status != Status.WAITING:
        return None
    ahead = Registration.objects.waiting().filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk),
        event_id=registration.event_id,
    )
    return ahead.count() + 1


def _lock_settings(event: Event) -> RegistrationSettings | None:
    return RegistrationSettings.objects.select_for_update().filter(event_id=event.pk).first()


def _event_for_mail(event_id: int) -> Event:
    return Event.objects.with_agenda(public=True).get(pk=event_id)


# -- e-mails ---------------------------------------------------------------------------


def _write(
    *,
    kind: str,
    event: Event,
    registration: Registration,
    now: datetime,
    held: bool = False,
    changes: dict[str, str] | None = None,
    resent: bool = False,
    holds_seat: bool | None = None,
) -> OutboxMessage:
    """Write one e-mail to the outbox; a held one waits for the organisers' go-ahead."""
    rendered = mail.render(
        kind=kind,
        event=event,
        registration=registration,
        now=now,
        changes=changes,
        resent=resent,
        waiting_position=waiting_position(registration),
        holds_seat=registration.status == Status.CONFIRMED if holds_seat is None else holds_seat,
    )
    message = OutboxMessage(
        event=event,
        registration=registration,
        kind=kind,
        status=OutboxMessage.Status.HELD if held else OutboxMessage.Status.PENDING,
        to_email=registration.email,
        to_name=registration.name,
        reply_to=mail.organizer(event).email,
        changes=changes or {},
        created_at=now,
        next_attempt_at=now,
    )
    mail.fill(message, rendered)
    message.full_clean()
    message.save()
    if not held:
        _sent_calendar(registration, rendered.sequence)
        outbox.send_after_commit([message.pk])
    return message


def _sent_calendar(registration: Registration, sequence: int | None) -> None:
    if sequence is not None and sequence != registration.calendar_sequence:
        registration.calendar_sequence = sequence
        Registration.objects.filter(pk=registration.pk).update(calendar_sequence=sequence)


def _discard_held(registration: Registration) -> dict[str, str]:
    """Drop notices still waiting for the organisers; returns what they said had changed."""
    changes: dict[str, str] = {}
    held = OutboxMessage.objects.held().filter(registration=registration)
    for message in held:
        for label, before in message.changes.items():
            changes.setdefault(label, before)
    held.update(status=OutboxMessage.Status.DISCARDED)
    return changes


# -- registering -----------------------------------------------------------------------


@transaction.atomic
def register(*, event: Event, details: Details, now: datetime | None = None) -> Result:
    """Register someone, or put them on the waiting list, or say why not.

    The same e-mail address twice does not register twice: the confirmation
    (or waiting-list notice) is sent again.
    """
    now = now or timezone.now()
    settings = _lock_settings(event)
    existing = Registration.objects.select_for_update().for_email(details.email)
    existing = existing.filter(event=event).first()
    if existing is not None and existing.is_active:
        kind = Kind.CONFIRMATION if existing.status == Status.CONFIRMED else Kind.WAITING_LIST
        _write(
            kind=kind, event=_event_for_mail(event.pk), registration=existing, now=now, resent=True
        )
        return Result(Placement.ALREADY_REGISTERED, existing, waiting_position(existing))

    availability = availability_for(event, settings=settings, now=now)
    if availability.state == admission.State.FULL:
        return Result(Placement.FULL)
    if not availability.accepts_registrations:
        return Result(Placement.CLOSED)
    status = Status.WAITING if availability.joins_waiting_list else Status.CONFIRMED

    registration = existing or Registration(event=event)
    registration.status = status
    registration.name = details.name.strip()
    registration.email = details.email.strip()
    registration.organisation = details.organisation.strip()
    registration.affiliation_type = details.affiliation_type
    registration.needs = details.needs.strip()
    registration.refreshments = details.refreshments
    registration.language = details.language or django_settings.LANGUAGE_CODE
    registration.consent_at = now
    registration.registered_at = now
    registration.cancelled_at = None
    registration.cancelled_by = ""
    registration.full_clean()
    registration.save()

    kind = Kind.CONFIRMATION if status == Status.CONFIRMED else Kind.WAITING_LIST
    _write(kind=kind, event=_event_for_mail(event.pk), registration=registration, now=now)
    outcome = Placement.CONFIRMED if status == Status.CONFIRMED else Placement.WAITING
    return Result(outcome, registration, waiting_position(registration))


@transaction.atomic
def update_details(
    *,
    registration: Registration,
    name: str,
    organisation: str,
    affiliation_type: str,
    needs: str,
    refreshments: bool,
) -> Registration:
    """What the attendee may change through the manage link (not the e-mail address)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.name = name.strip()
    registration.organisation = organisation.strip()
    registration.affiliation_type = affiliation_type
    registration.needs = needs.strip()
    registration.refreshments = refreshments
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def cancel(
    *,
    registration: Registration,
    by: str = Registration.CancelledBy.ATTENDEE,
    now: datetime | None = None,
) -> list[Registration]:
    """Cancel a registration: a CANCEL for their calendar, and the freed seat goes
    to the first person waiting. Returns who was promoted."""
    now = now or timezone.now()
    event = registration.event
    _lock_settings(event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return []
    held_seat = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.cancelled_by = by
    registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
    _discard_held(registration)
    event = _event_for_mail(event.pk)
    _write(
        kind=Kind.ATTENDEE_CANCELLED,
        event=event,
        registration=registration,
        now=now,
        holds_seat=held_seat,
    )
    if not held_seat:
        return []
    return _fill_free_seats(event, now=now)


@transaction.atomic
def promote(*, event: Event, registrations=None, now: datetime | None = None) -> list[Registration]:
    """Give free seats to people on the waiting list, first come first served
    (only among `registrations` if given). Never beyond the capacity."""
    now = now or timezone.now()
    _lock_settings(event)
    return _fill_free_seats(_event_for_mail(event.pk), now=now, among=registrations)


def _fill_free_seats(event: Event, *, now: datetime, among=None) -> list[Registration]:
    settings = RegistrationSettings.objects.filter(event_id=event.pk).first()
    if settings is None or event.is_past(now) or event.status != Event.Status.PUBLISHED:
        return []
    waiting = Registration.objects.waiting().filter(event=event).select_for_update()
    if among is not None:
        waiting = waiting.filter(pk__in=[r.pk for r in among])
    if settings.capacity is None:
        chosen = list(waiting)
    else:
        free = settings.capacity - event.registrations.confirmed().count()
        chosen = list(waiting[: max(free, 0)])
    for registration in chosen:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        _write(kind=Kind.PROMOTION, event=event, registration=registration, now=now)
    return chosen


# -- the organisers change or cancel the event ------------------------------------------


def event_changed(*, event_id: int, changes: dict[str, str], now: datetime | None = None) -> int:
    """Called in the transaction that changed the event. `changes` maps each changed
    calendar fact ("Time", "Place", "Title", or "Status") to what it was before.

    Writes an updated REQUEST (or a CANCEL, if the event is now cancelled) for every
    confirmed registrant, and a notice for those waiting if it was cancelled. They
    are held until an organiser confirms them in the admin. Returns how many.
    """
    now = now or timezone.now()
    event = _event_for_mail(event_id)
    if event.is_past(now):
        return 0
    if event.is_cancelled and "Status" not in changes:
        return 0  # they were told it is cancelled; a later edit is no news to them
    recipients = [Status.CONFIRMED]
    if event.is_cancelled:
        recipients.append(Status.WAITING)
    written = 0
    for registration in event.registrations.filter(status__in=recipients).order_by("pk"):
        merged = _discard_held(registration)
        for label, before in changes.items():
            merged.setdefault(label, before)
        merged.pop("Status", None)
        kind = Kind.EVENT_CANCELLED if event.is_cancelled else Kind.EVENT_UPDATE
        _write(
            kind=kind, event=event, registration=registration, now=now, held=True, changes=merged
        )
        written += 1
    return written


def held_preview(*, event: Event, now: datetime | None = None) -> list[OutboxMessage]:
    """The held notices as they would go out now (rendered afresh, not saved)."""
    now = now or timezone.now()
    event = _event_for_mail(event.pk)
    messages = list(event.outbox_messages.held().select_related("registration").order_by("pk"))
    for message in messages:
        if message.registration is not None:
            mail.fill(message, _render_notice(message, event, now))
    return messages


def _render_notice(message: OutboxMessage, event: Event, now: datetime) -> mail.Rendered:
    kind = Kind.EVENT_CANCELLED if event.is_cancelled else Kind.EVENT_UPDATE
    message.kind = kind
    return mail.render(
        kind=kind,
        event=event,
        registration=message.registration,
        now=now,
        changes=message.changes,
        holds_seat=message.registration.status == Status.CONFIRMED,
    )


@transaction.atomic
def release_held(*, event: Event, now: datetime | None = None) -> int:
    """The organisers confirmed: send the held notices, written afresh with the
    event as it is now (the agenda and contacts may have changed after the event)."""
    now = now or timezone.now()
    event = _event_for_mail(event.pk)
    messages = list(
        event.outbox_messages.held()
        .select_for_update(of=("self",))
        .select_related("registration")
        .order_by("pk")
    )
    released = []
    for message in messages:
        registration = message.registration
        if registration is None or not _still_concerned(registration, event):
            message.status = OutboxMessage.Status.DISCARDED
            message.save(update_fields=["status"])
            continue
        rendered = _render_notice(message, event, now)
        mail.fill(message, rendered)
        message.status = OutboxMessage.Status.PENDING
        message.next_attempt_at = now
        message.save()
        _sent_calendar(registration, rendered.sequence)
        released.append(message.pk)
    outbox.send_after_commit(released)
    return len(released)


def _still_concerned(registration: Registration, event: Event) -> bool:
    if registration.status == Status.CONFIRMED:
        return True
    return registration.status == Status.WAITING and event.is_cancelled


@transaction.atomic
def discard_held(*, event: Event) -> int:
    return event.outbox_messages.held().update(status=OutboxMessage.Status.DISCARDED)


# -- privacy ------------------------------------------------------------------------------

DEFAULT_RETENTION_DAYS = 180


def retention_days() -> int:
    """How long after an event its registrants' data is kept."""
    return int(getattr(django_settings, "REGISTRATION_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


@transaction.atomic
def forget_registrants(
    *, older_than_days: int, delete: bool = False, now: datetime | None = None
) -> int:
    """Remove personal data of registrants of events that ended more than
    `older_than_days` ago: anonymise (keeping the counts) or delete. Their e-mails
    in the outbox are deleted either way. Returns how many registrations."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=older_than_days)
    registrations = Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)
    OutboxMessage.objects.filter(event__end__lt=cutoff).delete()
    OutboxMessage.objects.filter(registration__in=registrations).delete()
    if delete:
        _, per_model = registrations.delete()
        return per_model.get(Registration._meta.label, 0)
    count = 0
    for registration in registrations.select_for_update():
        registration.uid = uuid.uuid4()  # the old manage link stops working
        registration.name = ""
        registration.email = ""
        registration.organisation = ""
        registration.needs = ""
        registration.anonymised_at = now
        registration.save()
        count += 1
    return count
