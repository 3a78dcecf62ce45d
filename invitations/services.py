"""What organisers and speakers do: invite, answer, correct; each change in one transaction.

History records who: organisers' changes carry their user (simple_history's
middleware), a speaker's carry the reason "by <name> through their invitation link".

A photo is checked and re-encoded by `speakers.photos`, then stored at once under
an unguessable name in the person photo's storage (`STORAGES["default"]`); the
proposal holds that name and accepting it points the person's photo at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import Event, Participation
from speakers import photos
from speakers.models import Organisation, Person

from . import mail
from .models import Invitation, InvitationMail, Proposal


class CannotInvite(Exception):
    pass


def _email_for(participation: Participation) -> str:
    return participation.person.email.strip()


def invite(participation: Participation, *, email: str = "") -> Invitation:
    """Write the invitation e-mail and mark the person invited; safe to call again.

    A second call re-sends the same invitation (a new e-mail, the same row); a
    person who confirmed stays confirmed.
    """
    email = email.strip() or _email_for(participation)
    if not email:
        raise CannotInvite(
            _("%(name)s has no e-mail address: add one to invite them.")
            % {"name": participation.person.display_name}
        )
    now = timezone.now()
    with transaction.atomic():
        row = Participation.objects.select_for_update().get(pk=participation.pk)
        invitation = Invitation.objects.filter(participation=row).first()
        if invitation is None:
            invitation = Invitation.objects.create(participation=row, email=email)
        else:
            invitation.email = email
            invitation.last_sent_at = now
            invitation.times_sent += 1
            invitation.reminders_sent = 0
            invitation.save()
        # A re-sent invitation leaves a "yes" standing; the first one asks afresh.
        asks_again = row.status != Participation.Status.CONFIRMED or invitation.times_sent == 1
        if asks_again and row.set_status(Participation.Status.INVITED, now=now):
            row.save()
        message = mail.write(invitation, InvitationMail.Kind.INVITATION)
        mail.send_after_commit([message.pk])
    return invitation


def not_yet_invited(event: Event):
    return (
        Participation.objects.filter(agenda_item__event=event, invitation__isnull=True)
        .exclude(status__in=[Participation.Status.DECLINED, Participation.Status.WITHDRAWN])
        .select_related("person")
    )


def invite_all(event: Event) -> tuple[list[Invitation], list[str]]:
    """Invite everyone on the event not invited yet: (invitations, problems)."""
    sent, problems = [], []
    for participation in not_yet_invited(event):
        try:
            sent.append(invite(participation))
        except CannotInvite as error:
            problems.append(str(error))
    return sent, problems


@dataclass
class Answer:
    status: str  # confirmed or declined
    note: str = ""
    consent: bool | None = None
    corrections: dict[str, str] | None = None


PERSON_FIELDS = ("honorific", "full_name", "position", "bio")


def current_value(participation: Participation, field: str) -> str:
    person = participation.person
    if field == Proposal.Field.TALK_TITLE:
        return participation.presentation_title
    if field == Proposal.Field.ORGANISATION:
        return person.organisation.name if person.organisation else ""
    if field == Proposal.Field.PHOTO:
        return person.photo.name or ""
    return getattr(person, field)


def _link_reason(invitation: Invitation) -> str:
    return _("by %(name)s through their invitation link") % {
        "name": invitation.participation.person.display_name
    }


def respond(invitation: Invitation, answer: Answer) -> list[Proposal]:
    """The speaker's answer through their link; corrections are proposals unless the
    event applies them directly. Returns the proposals written."""
    reason = _link_reason(invitation)
    with transaction.atomic():
        participation = (
            # Only the row itself is locked: PostgreSQL refuses FOR UPDATE on the
            # nullable side of the outer join to the organisation.
            Participation.objects.select_for_update(of=("self",))
            .select_related("person__organisation", "agenda_item__event")
            .get(pk=invitation.participation_id)
        )
        participation.set_status(answer.status)
        participation.note_to_organisers = answer.note.strip()
        participation.public_consent = answer.consent
        changes = {
            field: value.strip()
            for field, value in (answer.corrections or {}).items()
            if value.strip() != current_value(participation, field)
        }
        proposals: list[Proposal] = []
        if participation.agenda_item.event.apply_speaker_changes:
            _apply(participation, changes, reason)
        else:
            Proposal.objects.filter(participation=participation, accepted__isnull=True).filter(
                field__in=list(changes)
            ).delete()  # the newest proposal per field replaces an undecided older one
            proposals = [
                Proposal.objects.create(participation=participation, field=f, value=v)
                for f, v in changes.items()
            ]
        participation._change_reason = reason
        participation.save()
    return proposals


def photo_limit() -> int:
    return int(settings.EVENTSITE_PHOTO_MAX_BYTES)


def _photo_storage():
    return Person._meta.get_field("photo").storage


def correct_photo(invitation: Invitation, file) -> Proposal | None:
    """The person's new photo through their link: a proposal, or their photo at once
    if the event applies corrections directly (then None). Raises
    `photos.PhotoRefused` with the person's message for anything but a real photo."""
    photo = photos.prepare(file, limit=photo_limit())
    name = _photo_storage().save(
        f"people/{photos.stored_name(photo.extension)}", ContentFile(photo.content)
    )
    try:
        proposal, replaced = _record_photo(invitation, name)
    except BaseException:
        # Nothing refers to the file the failed transaction meant to record: remove it
        # (a crash that kills the process is swept by `manage.py prune_photos`).
        _photo_storage().delete(name)
        raise
    # Photos nobody accepted and nobody can reach any more.
    for stale in replaced:
        _photo_storage().delete(stale)
    return proposal


def _record_photo(invitation: Invitation, name: str) -> tuple[Proposal | None, list[str]]:
    with transaction.atomic():
        participation = (
            Participation.objects.select_for_update(of=("self",))
            .select_related("person__organisation", "agenda_item__event")
            .get(pk=invitation.participation_id)
        )
        if participation.agenda_item.event.apply_speaker_changes:
            _apply(participation, {Proposal.Field.PHOTO: name}, _link_reason(invitation))
            return None, []
        older = Proposal.objects.filter(
            participation=participation, field=Proposal.Field.PHOTO, accepted__isnull=True
        )
        replaced = list(older.values_list("value", flat=True))
        older.delete()
        proposal = Proposal.objects.create(
            participation=participation, field=Proposal.Field.PHOTO, value=name
        )
    return proposal, replaced


def _apply(participation: Participation, changes: dict[str, str], reason: str) -> None:
    person = participation.person
    person_changed = False
    for field, value in changes.items():
        if field == Proposal.Field.TALK_TITLE:
            participation.presentation_title = value
        elif field == Proposal.Field.ORGANISATION:
            person.organisation = (
                Organisation.objects.filter(name__iexact=value).first()
                or Organisation.objects.create(name=value)
                if value
                else None
            )
            person_changed = True
        else:
            setattr(person, field, value)
            person_changed = True
    if person_changed:
        person.full_clean()
        person._change_reason = reason
        person.save()
    participation.full_clean()


def accept(proposal: Proposal, *, user) -> None:
    """One click: the organiser accepts the correction; history names them."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.accepted is not None:
            return
        participation = Participation.objects.select_related("person__organisation").get(
            pk=proposal.participation_id
        )
        reason = _("accepted %(name)s's correction") % {"name": participation.person.display_name}
        _apply(participation, {proposal.field: proposal.value}, reason)
        participation._change_reason = reason
        participation.save()
        proposal.accepted = True
        proposal.decided_at = timezone.now()
        proposal.save()


def prune_photos(older_than: timedelta) -> list[str]:
    """Delete the stored photos nothing refers to (no person, no proposal) that are
    older than `older_than`, and return their names. Such files are left by a process
    killed between storing a photo and recording it; the age spares uploads in flight."""
    storage = _photo_storage()
    try:
        _, names = storage.listdir("people")
    except FileNotFoundError:
        return []
    referred = set(Person.objects.exclude(photo="").values_list("photo", flat=True))
    referred |= set(
        Proposal.objects.filter(field=Proposal.Field.PHOTO).values_list("value", flat=True)
    )
    cutoff = timezone.now() - older_than
    pruned = []
    for stored in sorted(f"people/{n}" for n in names):
        if stored not in referred and storage.get_modified_time(stored) < cutoff:
            storage.delete(stored)
            pruned.append(stored)
    return pruned
