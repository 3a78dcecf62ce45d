"""agenda/labels.py: the exports' choice labels are get_FIELD_display()'s."""

import pytest

from agenda import labels
from agenda.models import AgendaItem, Participation


@pytest.mark.parametrize("kind", [*AgendaItem.Kind.values, "not-a-kind"])
def test_kind_labels(kind):
    item = AgendaItem(kind=kind)
    assert labels.kind(item) == item.get_kind_display()


@pytest.mark.parametrize("role", [*Participation.Role.values, "not-a-role"])
def test_role_labels(role):
    participation = Participation(role=role)
    assert labels.role(participation) == participation.get_role_display()


def test_labels_are_the_choices_labels():
    assert labels.kind(AgendaItem(kind=AgendaItem.Kind.BREAK)) == "Break"
    assert labels.role(Participation(role=Participation.Role.CHAIR)) == "Chair"
