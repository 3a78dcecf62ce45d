"""A person's position title in French and Spanish beside English (see agenda/translation.py);
its history keeps every language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Person


@register(Person)
class PersonTexts(TranslationOptions):
    fields = ("position",)


@register(Person.history.model)
class HistoricalPersonTexts(TranslationOptions):
    fields = ("position",)
