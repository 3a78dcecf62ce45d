"""Which language a text is in (agenda.text_languages) and the languages an event offers."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from agenda import text_languages
from agenda.models import Event
from tests.support.builders import make_event


class Texts:
    def __init__(self, **columns):
        self.__dict__.update(columns)


@pytest.mark.parametrize(
    ("columns", "language", "expected"),
    [
        ({"title_en": "Water", "title_fr": "Eau"}, "fr", "fr"),
        ({"title_en": "Water", "title_fr": ""}, "fr", "en"),
        ({"title_en": "Water", "title_fr": None}, "fr", "en"),
        ({"title_en": "Water", "title_es": "Agua"}, "fr", "en"),
        ({"title_en": "Water", "title_es": "Agua"}, "es", "es"),
        ({"title_en": "Water"}, "en", "en"),
        ({"title_en": "", "title_fr": "Eau"}, "fr", "fr"),
    ],
)
def test_language_of(columns, language, expected):
    assert text_languages.language_of(Texts(**columns), "title", language) == expected


@pytest.mark.parametrize(("active", "expected"), [("fr", "fr"), ("es", "en"), ("en", "en")])
def test_language_of_defaults_to_the_active_language(active, expected):
    with translation.override(active):
        assert text_languages.language_of(Texts(title_en="W", title_fr="E"), "title") == expected


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("en", []),
        ("en fr es", []),
        ("fr", []),
        ("", ["none"]),
        ("en de", ["unknown:de"]),
        ("en fr fr", ["repeated:fr"]),
    ],
)
def test_problems(value, found):
    assert text_languages.problems(value) == found


def test_missing_translations_names_offered_languages_only():
    texts = Texts(title_en="Water", title_fr="", title_es="", theme_en="", theme_fr="")
    assert text_languages.missing_translations(texts, ["title", "theme"], ["en", "fr"]) == [
        ("title", "fr")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["en de", "en en", ""])
def test_clean_refuses_wrong_languages(value):
    event = make_event()
    event.languages = value
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "languages" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["en de", "", "en,fr", "EN"])
def test_database_refuses_unknown_languages(value):
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(languages=value)


@pytest.mark.django_db
def test_a_french_title_is_read_in_french_and_english_stays():
    event = make_event(title="Water and migration")
    event.title_fr = "L’eau et la migration"
    event.save()
    event = Event.objects.get(pk=event.pk)
    with translation.override("fr"):
        assert event.title == "L’eau et la migration"
    with translation.override("es"):
        assert event.title == "Water and migration"
    assert event.title == "Water and migration"
