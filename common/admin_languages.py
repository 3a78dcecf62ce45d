"""Texts in several languages on the admin's forms, side by side.

A text registered with django-modeltranslation (``title``) is edited as its
original and its translations on one line: ``title`` (the original, English),
``title_fr``, ``title_es``, labelled "Title (English)", "Title (French)",
"Title (Spanish)"; in a tabular inline they are three columns. The original
keeps the base field's name, so the slug still fills from ``title`` and the
pages' scripts find it, and it stays required where it was; translations never
are. The base field alone would read and write the language the admin is shown
in (on /fr/admin/ it would put a French title where the English one was meant):
here it always shows and saves the original. No tabs: they need jQuery UI from
a CDN.

``TextsSideBySide`` goes first in the bases of a ModelAdmin or an inline;
searching a text then looks in every language. Knows no model: it asks
modeltranslation's registry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy, pgettext_lazy
from modeltranslation.translator import NotRegistered, translator

# As they read inside a label's brackets: "Titre (français)".
LANGUAGE_NAMES = {
    "en": pgettext_lazy("a text's language", "English"),
    "fr": pgettext_lazy("a text's language", "French"),
    "es": pgettext_lazy("a text's language", "Spanish"),
}
LABEL = gettext_lazy("%(text)s (%(language)s)")


def original_language() -> str:
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def languages() -> list[str]:
    """The original first, then the translations in the settings' order."""
    original = original_language()
    return [original, *(c for c in settings.MODELTRANSLATION_LANGUAGES if c != original)]


def texts_of(model) -> frozenset[str]:
    """The model's fields registered for translation (none if it has none)."""
    try:
        return frozenset(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return frozenset()


def columns(name: str) -> tuple[str, ...]:
    """Every language's column of a text, the original first."""
    return tuple(f"{name}_{language}" for language in languages())


def translations(name: str) -> tuple[str, ...]:
    """The columns of a text's translations (its original is edited as `name`)."""
    return columns(name)[1:]


def side_by_side(fields: Sequence, texts: Iterable[str]) -> list:
    """`fields` (names, and tuples of names shown on one line) with each text and its
    translations on one line. A language's column listed apart (as the admin's default,
    every field, lists them) is left out: it is on its text's line."""
    texts = frozenset(texts)
    listed = {name for entry in fields for name in _names(entry)}
    beside = {column for text in texts & listed for column in columns(text)}
    found: list = []
    for entry in fields:
        line: list[str] = []
        for name in _names(entry):
            if name in texts:
                line += [name, *translations(name)]
            elif name not in beside:
                line.append(name)
        if len(line) == 1 and isinstance(entry, str):
            found.append(line[0])
        elif line:
            found.append(tuple(line))
    return found


def _names(entry) -> tuple[str, ...]:
    return tuple(entry) if isinstance(entry, list | tuple) else (entry,)


def label(text_label: str, language: str) -> str:
    return str(
        LABEL % {"text": capfirst(text_label), "language": LANGUAGE_NAMES.get(language, language)}
    )


def editing_originals(form_class: Any, texts: Iterable[str]) -> Any:
    """`form_class` whose base text fields show and save the original, whatever the
    language the admin is shown in (the base field alone follows it)."""
    texts = frozenset(texts) & set(form_class.base_fields)
    if not texts:
        return form_class

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        if self.instance.pk is not None:
            original = original_language()
            for name in texts:
                self.initial[name] = getattr(self.instance, f"{name}_{original}")

    def _post_clean(self):
        # Writing `title` writes the active language's column: make it the original's.
        with translation.override(original_language()):
            form_class._post_clean(self)

    return type(
        form_class.__name__, (form_class,), {"__init__": __init__, "_post_clean": _post_clean}
    )


class TextsSideBySide:
    """A ModelAdmin or InlineModelAdmin mixin: see the module's docstring."""

    model: type

    def get_fields(self, request, obj=None):
        return side_by_side(super().get_fields(request, obj), texts_of(self.model))  # type: ignore[misc]

    def get_fieldsets(self, request, obj=None):
        texts = texts_of(self.model)
        return [
            (name, {**options, "fields": side_by_side(options["fields"], texts)})
            for name, options in super().get_fieldsets(request, obj)  # type: ignore[misc]
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        return editing_originals(form, texts_of(self.model))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
        formset.form = editing_originals(formset.form, texts_of(self.model))
        return formset

    def get_search_fields(self, request):
        texts = texts_of(self.model)
        found: list[str] = []
        for name in super().get_search_fields(request):  # type: ignore[misc]
            found += columns(name) if name in texts else [name]
        return found

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if field is None:
            return field
        text = getattr(db_field, "translated_field", None)  # set on modeltranslation's columns
        if text is not None:
            field.label = label(text.verbose_name, db_field.language)
            field.required = False
        elif db_field.name in texts_of(self.model):
            field.label = label(db_field.verbose_name, original_language())
        return field
