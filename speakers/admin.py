"""The organisers' admin for people and organisations (the events column is added by agenda)."""

from functools import partial

from django.contrib import admin
from django.db import models
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from common.admin import BoundedSearchAdmin
from common.admin_languages import TextsSideBySide

from . import admin_views
from .models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "acronym", "url"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}

    def get_urls(self):
        # The event page's in-page "new organisation" form (admin_views.py).
        add = partial(admin_views.add_organisation_view, model_admin=self)
        quick_add = path(
            "quick-add/", self.admin_site.admin_view(add), name="speakers_organisation_quick_add"
        )
        return [quick_add, *super().get_urls()]


@admin.register(Person)
class PersonAdmin(TextsSideBySide, BoundedSearchAdmin, SimpleHistoryAdmin):
    list_display = ["full_name", "honorific", "position", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["full_name", "position", "organisation__name"]
    prepopulated_fields = {"slug": ["full_name"]}
    autocomplete_fields = ["organisation"]

    def get_urls(self):
        # The event page's people search and in-page "new person" form (admin_views.py).
        view = self.admin_site.admin_view
        return [
            path(
                "find/",
                view(partial(admin_views.find_view, model_admin=self)),
                name="speakers_person_find",
            ),
            path(
                "quick-add/",
                view(partial(admin_views.add_view, model_admin=self)),
                name="speakers_person_quick_add",
            ),
            *super().get_urls(),
        ]
