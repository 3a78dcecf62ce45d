"""The organisers' admin for people and organisations (the events column is added by agenda)."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from common.admin import BoundedSearchAdmin

from .models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "acronym", "url"]
    search_fields = ["name", "acronym"]


@admin.register(Person)
class PersonAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    list_display = ["full_name", "honorific", "position", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["full_name", "position", "organisation__name"]
    prepopulated_fields = {"slug": ["full_name"]}
    autocomplete_fields = ["organisation"]
