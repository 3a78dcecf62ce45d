from django.urls import path

from . import pages, views

app_name = "runofshow"

urlpatterns = [
    path("events/<slug:slug>/run/", views.timekeeper, name="timekeeper"),
    path("events/<slug:slug>/run/speaker/", views.speaker, name="speaker"),
    path("events/<slug:slug>/run/state.json", views.state, name="state"),
    path("events/<slug:slug>/now.json", pages.now_json, name="now_json"),
    path("events/<slug:slug>/now/", pages.now_page, name="now"),
]
