from django.urls import path

from outreach import views

app_name = "outreach"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("baru/", views.event_form, name="create"),
    path("rencana.ics", views.planned_calendar, name="calendar"),
    path("<uuid:pk>/", views.event_detail, name="detail"),
    path("<uuid:pk>/ubah/", views.event_form, name="edit"),
    path("<uuid:pk>/terlaksana/", views.event_record, name="record"),
    path("<uuid:pk>/batal/", views.event_cancel, name="cancel"),
    path("lampiran/<uuid:pk>/", views.attachment_file, name="attachment"),
]
