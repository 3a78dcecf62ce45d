"""The organisers' admin for occasions, venues and rooms (registered by agenda/admin.py).

An occasion's page shows its timetable read-only, with each event's room and
person clashes marked (`clash_checks.clashes_among`): twelve queries in all, at
6 or 60 events."""

from __future__ import annotations

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from common.admin import BoundedSearchAdmin
from common.admin_languages import TextsSideBySide

from . import clash_checks, occasion_selectors, timetable
from .occasion_models import Occasion, Room, Venue


class RoomInline(admin.TabularInline):
    model = Room
    extra = 1
    fields = ["name", "building", "capacity", "accessibility_note"]


class OccasionAdmin(TextsSideBySide, BoundedSearchAdmin):
    list_display = ["name", "starts_on", "ends_on", "city", "status", "parent"]
    list_filter = ["status"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    date_hierarchy = "starts_on"
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "parent"]}),
        (
            _("When and where"),
            {"fields": [("starts_on", "ends_on"), "time_zone", ("city", "country")]},
        ),
        (_("Texts"), {"fields": ["theme", "description"]}),
    ]
    readonly_fields = ["timetable"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # nothing to lay out before the occasion exists
            return fieldsets
        return [*fieldsets, (_("Timetable"), {"fields": ["timetable"]})]

    @admin.display(description=_("Timetable, with clashes marked"))
    def timetable(self, obj):
        """Read-only: the day-by-room grid of its events (a fixed number of queries)."""
        events = clash_checks.occasion_events_with_people(obj)
        clashes = clash_checks.clashes_among(events)
        for event in events:
            event.clashes = clashes.get(event.pk, [])
        entries = occasion_selectors.entries(events)
        return render_to_string(
            "admin/agenda/occasion/_timetable.html",
            {
                "days": timetable.days(entries, obj.zone),
                "zone": obj.zone,
                "zone_name": obj.time_zone,
                "clash_count": len(clashes),
            },
        )


class VenueAdmin(BoundedSearchAdmin):
    list_display = ["name", "city", "country"]
    search_fields = ["name", "city"]
    inlines = [RoomInline]


class RoomAdmin(BoundedSearchAdmin):
    list_display = ["name", "building", "venue", "capacity"]
    list_select_related = ["venue"]
    search_fields = ["name", "building", "venue__name", "venue__city"]
    autocomplete_fields = ["venue"]

    def get_search_results(self, request, queryset, search_term):
        # The autocomplete names each room with its venue: fetch them together.
        results, duplicates = super().get_search_results(request, queryset, search_term)
        return results.select_related("venue"), duplicates


def register(site: admin.AdminSite) -> None:
    site.register(Occasion, OccasionAdmin)
    site.register(Venue, VenueAdmin)
    site.register(Room, RoomAdmin)
