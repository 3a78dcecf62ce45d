"""/speakers/ and /speakers/<slug>/ (namespace `speakers`, as before the pages moved)."""

from django.urls import path

from . import speaker_views as views
from .caching import cache_site_wide

app_name = "speakers"

urlpatterns = [
    path("", cache_site_wide(views.person_list), name="list"),
    path("<slug:slug>/", cache_site_wide(views.person_detail), name="detail"),
]
