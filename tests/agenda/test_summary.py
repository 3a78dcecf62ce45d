"""agenda/summary.py: the minutes wording, kept per language and number."""

import pytest
from django.utils import translation

from agenda.summary import minutes_label


def test_minutes_label_follows_a_language_switch():
    seen = {}
    for language in ("en", "fr", "es", "fr", "en"):
        with translation.override(language):
            seen[language] = (minutes_label(1), minutes_label(7))
    assert seen == {
        "en": ("1 minute", "7 minutes"),
        "fr": ("1 minute", "7 minutes"),
        "es": ("1 minuto", "7 minutos"),
    }


@pytest.mark.parametrize("minutes", [0, 1, 2, 5, 90])
def test_minutes_label_follows_the_number(minutes):
    with translation.override("en"):
        assert minutes_label(minutes) == f"{minutes} minute{'' if minutes == 1 else 's'}"


def test_a_given_language_is_the_one_written_whatever_is_active():
    with translation.override("en"):
        assert minutes_label(7, language="es") == "7 minutos"
    with translation.override("es"):
        assert minutes_label(7, language="en") == "7 minutes"
