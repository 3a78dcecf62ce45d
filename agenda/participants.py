"""A person's line on an agenda item, as the .ics and schedule.xml/json print it.

    Speaker: Ambassador Mehmet Samsar, Director General …: “Presentation title”

Role, then the person's display name, then their affiliation and the
presentation title when there are any. Plain text; each export escapes it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from agenda.models import Participation

if TYPE_CHECKING:
    from agenda.models import AgendaItem


def role_label(participation: Participation) -> str:
    """`get_role_display()` without its per-call hashing of the choices (an export
    asks once per person on every item)."""
    return str(_role_labels().get(participation.role, participation.role))


@functools.cache
def _role_labels() -> dict[str, str]:
    return dict(Participation.Role.choices)


def line(participation: Participation) -> str:
    person = participation.person
    text = f"{role_label(participation)}: {person.display_name}"
    if person.affiliation:
        text += f", {person.affiliation}"
    if participation.presentation_title:
        text += f": “{participation.presentation_title}”"
    return text


def lines(item: AgendaItem) -> list[str]:
    """One line per person on the item, in the item's order (prefetched participations)."""
    return [line(participation) for participation in item.participations.all()]
