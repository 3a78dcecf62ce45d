from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    Contact,
    DiscussionQuestion,
    Event,
    EventOrganisation,
    Outcome,
    Participation,
    Recommendation,
)


class EventOrganisationInline(admin.TabularInline):
    model = EventOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "kind", "minutes", "fixed_start"]
    show_change_link = True


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class DiscussionQuestionInline(admin.TabularInline):
    model = DiscussionQuestion
    extra = 0


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "start", "status", "room"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "occasion"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start"
    inlines = [EventOrganisationInline, AgendaItemInline, ContactInline, DiscussionQuestionInline]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "event", "position", "minutes"]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]
    inlines = [ParticipationInline]


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


@admin.register(Outcome)
class OutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "event"]
    list_select_related = ["event"]
    inlines = [RecommendationInline]


for model in (Participation, Contact, DiscussionQuestion, EventOrganisation, Recommendation):
    admin.site.register(model, SimpleHistoryAdmin)
