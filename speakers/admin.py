from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "url"]
    search_fields = ["name", "acronym"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "honorific", "position", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["full_name", "position", "organisation__name"]
    prepopulated_fields = {"slug": ["full_name"]}
    autocomplete_fields = ["organisation"]
