"""Choice labels for the exports, looked up fast.

`get_FIELD_display()` hashes the field's choices on every call; an export asks
for a label once per item and per person, so these read one dict built once.
Same answers: the label, or the stored value when it has none.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from agenda.models import AgendaItem, Participation

if TYPE_CHECKING:
    from django.db.models import Choices


@functools.cache
def _labels(choices: type[Choices]) -> dict[str, str]:
    return dict(choices.choices)


def role(participation: Participation) -> str:
    return str(_labels(Participation.Role).get(participation.role, participation.role))


def kind(item: AgendaItem) -> str:
    return str(_labels(AgendaItem.Kind).get(item.kind, item.kind))
