from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/register/thanks/", views.thanks, name="thanks"),
    path("registrations/<str:token>/", views.manage, name="manage"),
    path("privacy/", views.privacy, name="privacy"),
]
