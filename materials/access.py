"""Who may open a document: everyone for a public document of a published
event, the event's team (staff who may change that event, agenda.teams) for the rest."""

from __future__ import annotations

from .models import Attachment


def is_organiser(user, event) -> bool:
    return bool(
        user.is_authenticated
        and user.is_staff
        # The table right (the group's) and the team's right on this event.
        and user.has_perm("agenda.change_event")
        and user.has_perm("agenda.change_event", event)
    )


def may_open(user, attachment: Attachment) -> bool:
    if attachment.is_public and attachment.event.is_public:
        return True
    return is_organiser(user, attachment.event)
