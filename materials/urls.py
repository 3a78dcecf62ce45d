from django.urls import path

from . import views

app_name = "materials"

urlpatterns = [
    path("documents/<uuid:uid>/<str:name>", views.download, name="download"),
]
