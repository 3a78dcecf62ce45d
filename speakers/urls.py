from django.urls import path

from agenda.caching import cache_site_wide

from . import views

app_name = "speakers"

urlpatterns = [
    path("", cache_site_wide(views.person_list), name="list"),
    path("<slug:slug>/", cache_site_wide(views.person_detail), name="detail"),
]
