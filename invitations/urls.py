from django.urls import path

from . import admin_views, views

app_name = "invitations"

urlpatterns = [
    path("invitation/<str:token>/", views.respond, name="respond"),
    path("invitation/<str:token>/documents/", views.upload, name="upload"),
    path("invitation/<str:token>/photo/", views.photo, name="photo"),
    path(
        "events/<slug:slug>/confirmations/",
        admin_views.confirmations,
        name="confirmations",
    ),
    path("events/<slug:slug>/confirmations/invite/", admin_views.invite, name="invite"),
    path(
        "events/<slug:slug>/confirmations/accept/<int:pk>/",
        admin_views.accept,
        name="accept",
    ),
]
