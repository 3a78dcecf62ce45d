"""The people on one agenda row, as the event page's people editor sends them. Pure.

Each agenda row on the event's admin page carries its people as one JSON list
in a hidden field: ``[{"id": 12 | null, "person": 7, "role": "panelist",
"title": "…"}, …]`` in the order the organiser put them. ``id`` is the saved
participation it edits (null for a new one); ``person`` the chosen person.
`parse` turns the text into `PersonRow`s or raises a ValidationError with a
message an organiser can act on; `as_json` is the reverse for saved rows.
Whether the people exist is checked by the formset, once for the whole page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ROLES = ("speaker", "panelist", "moderator", "chair")
TITLE_MAX_LENGTH = 500


@dataclass(frozen=True)
class PersonRow:
    participation_id: int | None
    person_id: int
    role: str
    title: str = ""


def _whole_number(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value


def parse(text: str) -> list[PersonRow]:
    """The rows in the organiser's order; a row with no person chosen is an error."""
    if not (text or "").strip():
        return []
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, list) or not all(isinstance(entry, dict) for entry in data):
        raise ValidationError(_("The list of people could not be read; reload the page."))
    rows: list[PersonRow] = []
    for number, entry in enumerate(data, start=1):
        person = _whole_number(entry.get("person"))
        if person is None:
            raise ValidationError(
                _("Person %(number)s: choose someone, or remove the line.") % {"number": number}
            )
        role = entry.get("role") or "speaker"
        if role not in ROLES:
            raise ValidationError(
                _("Person %(number)s: choose a role from the list.") % {"number": number}
            )
        title = entry.get("title") or ""
        if not isinstance(title, str) or len(title) > TITLE_MAX_LENGTH:
            raise ValidationError(
                _("Person %(number)s: the talk title is longer than %(limit)s characters.")
                % {"number": number, "limit": TITLE_MAX_LENGTH}
            )
        rows.append(PersonRow(_whole_number(entry.get("id")), person, role, title.strip()))
    seen: set[tuple[int, str]] = set()
    for number, row in enumerate(rows, start=1):
        if (row.person_id, row.role) in seen:
            raise ValidationError(
                _("Person %(number)s is already on this item in the same role.")
                % {"number": number}
            )
        seen.add((row.person_id, row.role))
    return rows


def as_json(rows: Iterable[dict]) -> str:
    """The field's text for saved rows (dicts with id, person, role, title and label)."""
    return json.dumps(list(rows), ensure_ascii=False)
