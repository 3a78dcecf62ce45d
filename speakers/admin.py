from django.contrib import admin
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from agenda.admin import BoundedSearchAdmin
from agenda.models import Participation

from .models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "acronym", "url"]
    search_fields = ["name", "acronym"]


@admin.register(Person)
class PersonAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    list_display = ["full_name", "honorific", "position", "organisation", "events"]
    list_select_related = ["organisation"]
    search_fields = ["full_name", "position", "organisation__name"]
    prepopulated_fields = {"slug": ["full_name"]}
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request):
        # One query for everyone's events, however many people the page lists.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related("agenda_item__event").only(
                        "person_id",
                        "agenda_item__event_id",
                        "agenda_item__event__title",
                        "agenda_item__event__start",
                    ),
                )
            )
        )

    @admin.display(description="appears in")
    def events(self, person):
        events = {p.agenda_item.event.pk: p.agenda_item.event for p in person.participations.all()}
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:agenda_event_change", args=[event.pk]), event.title)
                for event in sorted(events.values(), key=lambda e: e.start)
            ),
        ) or format_html("{}", "–")
