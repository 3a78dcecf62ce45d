"""The event file's "documents": the event's own documents that the file can
carry whole — external links and reports known by their citation. Uploaded
files stay in the site's storage (back them up with it) and are left out.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from .models import Attachment

FIELDS = ("kind", "title", "language", "link", "is_public", "editors", "year", "publisher", "place")


def export(event) -> list[dict[str, Any]] | None:
    rows = [
        {name: getattr(a, name) for name in FIELDS}
        for a in event.attachments.of_event().filter(file="")
    ]
    return rows or None


def load(event, rows: Any, where: str) -> None:
    if not isinstance(rows, list):
        raise ValueError(f"{where}: a list of documents is expected.")
    for index, row in enumerate(rows):
        place = f"{where}[{index}]"
        if not isinstance(row, dict):
            raise ValueError(f"{place}: a document is an object.")
        unknown = set(row) - set(FIELDS)
        if unknown:
            raise ValueError(f"{place}: unknown field(s) {', '.join(sorted(unknown))}.")
        attachment = Attachment(event=event, position=index, **row)
        try:
            attachment.full_clean(exclude=["event", "participation"])
        except ValidationError as error:
            messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            raise ValueError(f"{place}: {messages}") from error
        attachment.save()
