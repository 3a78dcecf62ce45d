"""/speakers/, /speakers/<slug>/ and their calendar.ics (namespace `speakers`, as before the pages moved)."""

from django.urls import path

from . import export_views
from . import speaker_views as views
from .caching import cache_site_wide

app_name = "speakers"

urlpatterns = [
    path("", cache_site_wide(views.person_list), name="list"),
    path("<slug:slug>/", cache_site_wide(views.person_detail), name="detail"),
    path("<slug:slug>/calendar.ics", cache_site_wide(export_views.person_ics), name="calendar"),
]
