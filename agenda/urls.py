from django.urls import include, path

from . import export_views, speaker_views, views
from .caching import cache_per_event, cache_site_wide

app_name = "agenda"

# Public pages and exports are cached per event, keyed on the event's data
# version, so an admin edit shows at once (see agenda/caching.py).
urlpatterns = [
    path("", cache_site_wide(views.event_list), name="event_list"),
    path("occasions/", include("agenda.occasion_urls")),
    path("calendar.ics", cache_site_wide(export_views.calendar_feed), name="calendar_feed"),
    path(
        "organisations/",
        cache_site_wide(speaker_views.organisation_list),
        name="organisation_list",
    ),
    path(
        "organisations/<slug:slug>/calendar.ics",
        cache_site_wide(export_views.organisation_ics),
        name="organisation_ics",
    ),
    path("events/<slug:slug>.ics", cache_per_event(export_views.event_ics), name="event_ics"),
    path("events/<slug:slug>/", cache_per_event(views.event_detail), name="event_detail"),
    # Never cached: each answer depends on the signed token, and drafts stay out of the cache.
    path("preview/<str:token>/", views.event_preview, name="event_preview"),
    path(
        "events/<slug:slug>/agenda.ics",
        cache_per_event(export_views.event_agenda_ics),
        name="event_agenda_ics",
    ),
    path(
        "events/<slug:slug>/items/<uuid:uid>.ics",
        cache_per_event(export_views.item_ics),
        name="item_ics",
    ),
    path(
        "events/<slug:slug>/schedule.xml",
        cache_per_event(export_views.schedule_xml),
        name="schedule_xml",
    ),
    path(
        "events/<slug:slug>/schedule.json",
        cache_per_event(export_views.schedule_json),
        name="schedule_json",
    ),
]
