"""The event file carries the French and Spanish texts and brings them back."""

import copy

import pytest
from django.utils import translation

from agenda.interchange import EventImportError, export_event, import_event
from agenda.models import AgendaItem, DiscussionQuestion, Event, Outcome, Participation
from speakers.models import Person
from tests.support.builders import seed_data

pytestmark = pytest.mark.django_db


def _translate(event: Event) -> None:
    Event.objects.filter(pk=event.pk).update(
        title_fr="Migration et climat", context_es="Contexto", languages="en fr es"
    )
    item = event.items.order_by("position").first()
    AgendaItem.objects.filter(pk=item.pk).update(title_fr="Ouverture")
    talk = Participation.objects.filter(agenda_item__event=event).first()
    Participation.objects.filter(pk=talk.pk).update(presentation_title_fr="Exposé")
    Person.objects.filter(pk=talk.person_id).update(position_es="Directora")
    question = event.questions.first()
    DiscussionQuestion.objects.filter(pk=question.pk).update(text_fr="Que faire ?")
    Outcome.objects.update_or_create(event=event, defaults={"summary": "S", "summary_fr": "R"})


def test_an_event_without_translations_has_no_translations_key(seed_event):
    assert "translations" not in export_event(seed_event)
    assert "languages" not in export_event(seed_event)["event"]


def test_translations_round_trip(seed_event):
    _translate(seed_event)
    exported = export_event(seed_event)
    french = exported["translations"]["fr"]
    assert french["event"] == {"title": "Migration et climat"}
    assert french["agenda"][0]["title"] == "Ouverture"
    assert exported["translations"]["es"]["event"] == {"context": "Contexto"}
    assert exported["event"]["title"] == seed_event.title_en
    assert exported["event"]["languages"] == "en fr es"

    Event.objects.all().delete()
    Person.objects.all().delete()  # imported afresh, with their translations
    copied = copy.deepcopy(exported)
    copied["event"]["slug"] = "copy"
    event, created = import_event(copied)
    assert created
    with translation.override("fr"):
        assert event.title == "Migration et climat"
    assert export_event(event) == {**exported, "event": {**exported["event"], "slug": "copy"}}


def test_the_export_is_in_the_original_language_in_a_french_request(seed_event):
    _translate(seed_event)
    with translation.override("fr"):
        exported = export_event(seed_event)
    assert exported["event"]["title"] == seed_event.title_en


def test_an_unknown_language_is_refused():
    data = seed_data()
    data["translations"] = {"de": {"event": {"title": "Migration"}}}
    with pytest.raises(EventImportError, match="unknown language “de”"):
        import_event(data)
