"""The event page's Documents section: the event's own public documents, the
report (with its citation) once the event is over. Private ones never show here:
the page is cached alike for everyone."""

from __future__ import annotations

from .exports import public_rows


def documents_block_context(request, event) -> dict:
    return {"documents": [a for a in public_rows(event, fresh=False) if a.participation_id is None]}
