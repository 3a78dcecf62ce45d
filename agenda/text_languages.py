"""Which language an organiser's text is in, for `lang` attributes and LANGUAGE parameters.

`language_of(obj, field_name, language)` is `language` (default: the active one)
when the object holds a text in it (`<field>_<language>`, the column
django-modeltranslation adds beside the original), else the original language
(`MODELTRANSLATION_DEFAULT_LANGUAGE`, or English): what `obj.<field>` then shows
is the original, untranslated text.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def original_language() -> str:
    return getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", None) or "en"


def language_of(obj: object, field_name: str, language: str | None = None) -> str:
    language = language or get_language() or original_language()
    if getattr(obj, f"{field_name}_{language}", None):
        return language
    return original_language()
