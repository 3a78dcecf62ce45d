"""Translated one-line texts (titles, talk titles, an occasion's name, a position) refuse
a line break in every language's column: in clean() (the copied validator) and in the
database (common.single_line.translated_single_line_constraints)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agenda.models import AgendaItem, Event, Participation
from speakers.models import Person
from tests.support.builders import add_items, make_event, make_person
from tests.support.occasions import make_occasion

pytestmark = pytest.mark.django_db


def rows():
    event = make_event()
    item = add_items(event, [10])[0]
    person = make_person()
    talk = Participation.objects.create(agenda_item=item, person=person)
    return {
        "event title": (Event, event.pk, "title"),
        "item title": (AgendaItem, item.pk, "title"),
        "talk title": (Participation, talk.pk, "presentation_title"),
        "occasion name": (type(make_occasion()), None, "name"),
        "position": (Person, person.pk, "position"),
    }


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize(
    "text", ["event title", "item title", "talk title", "occasion name", "position"]
)
def test_a_line_break_is_refused_in_every_language(text, language):
    model, pk, field = rows()[text]
    pk = pk or model.objects.get().pk
    column = f"{field}_{language}"
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**{column: "one\nline"})
    obj = model.objects.get(pk=pk)
    setattr(obj, column, "one\rline")
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    assert column in refused.value.message_dict
    model.objects.filter(pk=pk).update(**{column: "One line, accents: é ñ"})
