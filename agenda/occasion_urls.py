from django.urls import path

from . import occasion_views
from .caching import cache_occasions

# Mounted under /occasions/ in the project's URLconf, in agenda's namespace.
urlpatterns = [
    path("", cache_occasions(occasion_views.occasion_list), name="occasion_list"),
    path("<slug:slug>/", cache_occasions(occasion_views.occasion_detail), name="occasion_detail"),
    path(
        "<slug:slug>/calendar.ics",
        cache_occasions(occasion_views.occasion_ics),
        name="occasion_ics",
    ),
    path(
        "<slug:slug>/schedule.xml",
        cache_occasions(occasion_views.occasion_schedule_xml),
        name="occasion_schedule_xml",
    ),
    path(
        "<slug:slug>/schedule.json",
        cache_occasions(occasion_views.occasion_schedule_json),
        name="occasion_schedule_json",
    ),
]
