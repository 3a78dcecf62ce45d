"""agenda/labels.py: the exports' choice labels are get_FIELD_display()'s."""

import pytest
from django.utils import translation

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


def test_labels_follow_a_language_switch():
    item = AgendaItem(kind=AgendaItem.Kind.BREAK)
    participation = Participation(role=Participation.Role.CHAIR)
    seen = {}
    for language in ("en", "fr", "es", "fr", "en"):
        with translation.override(language):
            seen[language] = (labels.kind(item), labels.role(participation))
    assert seen == {
        "en": ("Break", "Chair"),
        "fr": ("Pause", "Président"),
        "es": ("Pausa", "Presidente"),
    }


def test_a_given_language_is_the_one_written_whatever_is_active():
    item = AgendaItem(kind=AgendaItem.Kind.BREAK)
    with translation.override("en"):
        assert labels.kind(item, language="fr") == "Pause"
        assert labels.role(Participation(role="chair"), language="es") == "Presidente"
    with translation.override("es"):
        assert labels.kind(item, language="en") == "Break"
