"""A person's line on an agenda item, as the .ics and schedule.xml/json print it.

    Speaker: Ambassador Mehmet Samsar, Director General …: “Presentation title”

Role, then the person's display name, then their affiliation and the
presentation title when there are any. Plain text; each export escapes it.
`language` is the caller's, read once for a whole export (default: the active one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agenda import labels

if TYPE_CHECKING:
    from agenda.models import AgendaItem, Participation


def line(participation: Participation, *, language: str | None = None) -> str:
    person = participation.person
    text = f"{labels.role(participation, language=language)}: {person.display_name}"
    # Each translated text is read once: modeltranslation's descriptor costs ~5 µs a read.
    affiliation = person.affiliation
    if affiliation:
        text += f", {affiliation}"
    presentation_title = participation.presentation_title
    if presentation_title:
        text += f": “{presentation_title}”"
    if participation.to_be_confirmed:
        text += f" ({_('to be confirmed')})"
    return text


def lines(item: AgendaItem, *, language: str | None = None) -> list[str]:
    """One line per person on the item, in the item's order (prefetched participations)."""
    language = language or get_language()
    return [line(participation, language=language) for participation in item.participations.all()]
