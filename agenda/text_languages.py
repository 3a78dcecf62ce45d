"""Which language an event text is in, and which languages an event offers.

An organiser writes the texts in English, the original; a French or Spanish
text (``title_fr``, ``title_es``, django-modeltranslation's columns) may be
added beside it. ``language_of`` answers for one text what a page or an export
shows in a language: that language when the translation is there, else the
original. The exports' LANGUAGE parameters and the pages' ``lang`` attributes
both ask it. Pure: no query, no request.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

from common.admin_languages import original_language

__all__ = [
    "language_of",
    "missing_translations",
    "original_language",
    "parse",
    "pattern",
    "problems",
    "site_languages",
]


def language_of(obj, field_name: str, language: str | None = None) -> str:
    """``language`` (default: the active one) when obj's text in it is not empty, else the
    original language."""
    language = language or get_language() or original_language()
    if getattr(obj, f"{field_name}_{language}", None):
        return language
    return original_language()


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def parse(value: str) -> list[str]:
    """The codes of an event's ``languages`` ("en fr"), in their order."""
    return value.split()


def problems(value: str) -> list[str]:
    """What is wrong with a ``languages`` value: codes the site does not have, repeats,
    none at all. Empty when it is right."""
    codes = parse(value)
    found = []
    if not codes:
        found.append("none")
    found += [f"unknown:{code}" for code in codes if code not in site_languages()]
    found += [f"repeated:{code}" for code in sorted(set(codes)) if codes.count(code) > 1]
    return found


def pattern() -> str:
    """The regular expression the database checks ``languages`` against."""
    one = "(" + "|".join(site_languages()) + ")"
    return f"^{one}( {one})*$"


def missing_translations(obj, field_names, languages) -> list[tuple[str, str]]:
    """(field, language) for every non-empty original text of obj not given in a
    language other than the original."""
    original = original_language()
    return [
        (name, language)
        for language in languages
        if language != original
        for name in field_names
        if getattr(obj, f"{name}_{original}", None) and not getattr(obj, f"{name}_{language}", None)
    ]
