"""The invitation and reminder e-mails: what the person is asked to do, and delivery.

The text names the item, the role, the item's time in the event's zone, the talk
title, the moderator(s) and the event's contacts, and carries the private link.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda import labels, timefmt
from agenda.models import Participation
from common import outbox

from . import tokens
from .models import Invitation, InvitationMail

MAX_REMINDERS = 2


def reminder_days() -> list[int]:
    """Days before the event's start when still-invited people get a reminder (at most two)."""
    days = getattr(settings, "EVENTSITE_CONFIRMATION_REMINDER_DAYS", (7, 2))
    return sorted({int(d) for d in days}, reverse=True)[:MAX_REMINDERS]


def _item_time(participation: Participation) -> str:
    event = participation.agenda_item.event
    slot = event.slot_of(participation.agenda_item_id)
    if slot is None:
        return timefmt.long_date(event.start, event.zone)
    return (
        f"{timefmt.long_date(slot.start, event.zone)}, "
        f"{timefmt.clock_labelled(slot.start, event.zone)} – "
        f"{timefmt.clock(slot.end, event.zone)}"
    )


def context(invitation: Invitation, kind: str) -> dict:
    participation = invitation.participation
    item = participation.agenda_item
    event = item.event
    moderators = [
        p.person.display_name
        for p in item.participations.select_related("person")
        if p.role in (Participation.Role.MODERATOR, Participation.Role.CHAIR)
        and p.pk != participation.pk
    ]
    return {
        "kind": kind,
        "person": participation.person,
        "participation": participation,
        "role": labels.role(participation),
        "item": item,
        "event": event,
        "when": _item_time(participation),
        "moderators": moderators,
        "contacts": list(event.contacts.all()),
        "link": tokens.respond_url(invitation),
    }


def write(invitation: Invitation, kind: str, *, now: datetime | None = None) -> InvitationMail:
    """Put one e-mail in the outbox (inside the caller's transaction), due at `now`."""
    data = context(invitation, kind)
    event = data["event"]
    if kind == InvitationMail.Kind.REMINDER:
        subject = _("Reminder: please confirm your part in “%(title)s”") % {"title": event.title}
    else:
        subject = _("Invitation: %(role)s at “%(title)s”") % {
            "role": data["role"],
            "title": event.title,
        }
    contacts = data["contacts"]
    return InvitationMail.objects.create(
        invitation=invitation,
        kind=kind,
        to_email=invitation.email,
        to_name=invitation.participation.person.display_name,
        reply_to=contacts[0].email if contacts else "",
        subject=subject[:300],
        text_body=render_to_string("invitations/invitation.txt", data),
        next_attempt_at=now or timezone.now(),
    )


def build_email(message: InvitationMail, *, connection=None) -> EmailMessage:
    return EmailMessage(**outbox.envelope(message, connection=connection))


def send_pending(*, ids=None, now=None, ignore_backoff=False) -> outbox.Report:
    return outbox.send_pending(
        InvitationMail, build_email, ids=ids, now=now, ignore_backoff=ignore_backoff
    )


def send_after_commit(ids) -> None:
    outbox.send_after_commit(send_pending, ids)


def due_reminders(now: datetime) -> list[Invitation]:
    """Invitations still unanswered whose next reminder day has come (before the start)."""
    days = reminder_days()
    due = []
    candidates = Invitation.objects.filter(
        participation__status=Participation.Status.INVITED,
        reminders_sent__lt=len(days),
        participation__agenda_item__event__start__gt=now,
    ).select_related("participation__agenda_item__event")
    for invitation in candidates:
        start = invitation.participation.agenda_item.event.start
        passed = sum(1 for d in days if now >= start - timedelta(days=d))
        # Not before the invitation itself: a fresh invitation is reminder enough.
        if passed > invitation.reminders_sent and invitation.last_sent_at < now - timedelta(days=1):
            due.append(invitation)
    return due


def queue_reminders(now: datetime) -> list[int]:
    ids = []
    for candidate in due_reminders(now):
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update()
                .filter(pk=candidate.pk, reminders_sent=candidate.reminders_sent)
                .first()
            )
            if invitation is None:
                continue  # another sender wrote this reminder meanwhile
            ids.append(write(invitation, InvitationMail.Kind.REMINDER, now=now).pk)
            invitation.reminders_sent += 1
            invitation.save(update_fields=["reminders_sent"])
    return ids


def send_due(*, now: datetime | None = None, ignore_backoff: bool = False) -> outbox.Report:
    """What `manage.py send_outbox` runs: write due reminders, then deliver everything due."""
    now = now or timezone.now()
    queue_reminders(now)
    return send_pending(now=now, ignore_backoff=ignore_backoff)
