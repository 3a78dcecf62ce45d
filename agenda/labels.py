"""Choice labels for the exports, looked up fast.

`get_FIELD_display()` hashes the field's choices on every call and each label
is a lazy string translated when read; an export asks for a label once per item
and per person, so these read one dict of plain strings per language, built
once per process (`language`: the caller's, read once; default: the active one).
Same answers: the label, or the stored value when it has none.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import get_language

from agenda.models import AgendaItem, Participation

if TYPE_CHECKING:
    from django.db.models import Choices


@functools.lru_cache(maxsize=64)
def _labels(choices: type[Choices], language: str | None) -> dict[str, str]:
    with translation.override(language):
        return {value: str(label) for value, label in choices.choices}


def role(participation: Participation, *, language: str | None = None) -> str:
    labels = _labels(Participation.Role, language or get_language())
    return labels.get(participation.role, participation.role)


def kind(item: AgendaItem, *, language: str | None = None) -> str:
    labels = _labels(AgendaItem.Kind, language or get_language())
    return labels.get(item.kind, item.kind)
