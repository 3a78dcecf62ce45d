"""The public documents an event's page and exports name (agenda's `event_documents`
hook): files by their download address, links as given; reports once the event is over."""

from __future__ import annotations

from agenda.hooks import Document

from .models import Attachment


def public_documents(event, base: str) -> list[Document]:
    if not event.is_public:
        return []
    rows = (
        Attachment.objects.public()
        .filter(event=event)
        .exclude(file="", link="")
        .select_related("event", "participation")
    )
    return [_document(a, base) for a in rows if a.shown_now()]


def _document(attachment: Attachment, base: str) -> Document:
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
    )
