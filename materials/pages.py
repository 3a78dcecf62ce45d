"""The event page's Documents section: the event's own public documents, the
report (with its citation) once the event is over. Private ones never show here:
the page is cached alike for everyone."""

from __future__ import annotations

from .models import Attachment


def documents_block_context(request, event) -> dict:
    rows = Attachment.objects.public().of_event().filter(event=event).select_related("event")
    return {"documents": [a for a in rows if a.shown_now()]}
