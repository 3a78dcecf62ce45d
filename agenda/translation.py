"""Event texts organisers may give in French and Spanish beside English.

django-modeltranslation adds a column per language (``title_en``, ``title_fr``,
``title_es``); reading ``title`` gives the active language's text, or English
when that one is empty (settings.MODELTRANSLATION_FALLBACK_LANGUAGES). Names,
places, links and times are the same in every language and are not listed.
The history (django-simple-history) keeps every language: its tables have the
same columns, so reverting brings the translations back too.
"""

from modeltranslation.translator import TranslationOptions, register, translator

from .models import AgendaItem, DiscussionQuestion, Event, Outcome, Participation, Recommendation
from .occasion_models import Occasion


@register(Event)
class EventTexts(TranslationOptions):
    fields = (
        "title",
        "occasion",
        "theme",
        "context",
        "background",
        "objectives",
        "practical_notes",
    )


@register(Occasion)
class OccasionTexts(TranslationOptions):
    fields = ("name", "theme")


@register(AgendaItem)
class AgendaItemTexts(TranslationOptions):
    fields = ("title", "description")


@register(Participation)
class TalkTexts(TranslationOptions):
    fields = ("presentation_title",)


@register(DiscussionQuestion)
class QuestionTexts(TranslationOptions):
    fields = ("text",)


@register(Outcome)
class OutcomeTexts(TranslationOptions):
    fields = ("title", "summary", "recommendations_intro")


@register(Recommendation)
class RecommendationTexts(TranslationOptions):
    fields = ("text",)


for model in translator.get_registered_models(abstract=False):
    if model._meta.app_label == "agenda" and hasattr(model, "history"):
        translator.register(
            model.history.model, fields=translator.get_options_for_model(model).get_field_names()
        )
