"""The public documents an event's page and exports name (agenda's `event_documents`
hook): files by their download address, links as given; reports once the event is over;
a talk's documents only while its person is shown publicly (no slides of someone who
declined or withheld consent).

The event page asks for the talks' documents first; the rows read then are kept on
the event object for the page's Documents block (`public_rows(event, fresh=False)`),
so the page reads them once."""

from __future__ import annotations

from django.db.models import Q

from agenda.hooks import Document
from agenda.models import Participation

from .models import Attachment


def public_rows(event, *, fresh: bool = True) -> list[Attachment]:
    """The event's public attachments shown now (reports after the event), reports
    known only by their citation included; kept on `event` for `fresh=False`."""
    cached = None if fresh else getattr(event, "_public_attachments", None)
    if cached is None:
        shown_people = Participation.objects.shown_publicly().filter(agenda_item__event=event)
        rows = (
            Attachment.objects.public()
            .filter(event=event)
            .filter(Q(participation__isnull=True) | Q(participation__in=shown_people))
            .select_related("participation")
        )
        cached = [a for a in rows if _shown_now(a, event)]
        event._public_attachments = cached
    return cached


def _shown_now(attachment: Attachment, event) -> bool:
    attachment.event = event  # the same object: no query per row
    return attachment.shown_now()


def public_documents(event, base: str) -> list[Document]:
    if not event.is_public or event._state.adding:  # an event built in memory has none
        return []
    return [document_of(a, base) for a in public_rows(event) if a.is_available]


def document_of(attachment: Attachment, base: str) -> Document:
    url = attachment.get_absolute_url()
    if attachment.file:
        url = base + url
    details = ", ".join(
        p for p in (str(attachment.get_kind_display()), attachment.description) if p
    )
    participation = attachment.participation
    return Document(
        title=attachment.title,
        url=url,
        content_type=attachment.content_type if attachment.file else "",
        item_pk=participation.agenda_item_id if participation else None,
        participation_pk=participation.pk if participation else None,
        description=details,
        kind=attachment.kind,
    )
