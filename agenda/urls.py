from django.urls import path

from . import export_views, views

app_name = "agenda"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("calendar.ics", export_views.calendar_feed, name="calendar_feed"),
    path("events/<slug:slug>.ics", export_views.event_ics, name="event_ics"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/agenda.ics", export_views.event_agenda_ics, name="event_agenda_ics"),
    path("events/<slug:slug>/items/<uuid:uid>.ics", export_views.item_ics, name="item_ics"),
    path("events/<slug:slug>/schedule.xml", export_views.schedule_xml, name="schedule_xml"),
    path("events/<slug:slug>/schedule.json", export_views.schedule_json, name="schedule_json"),
]
