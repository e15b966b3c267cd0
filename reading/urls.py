from django.urls import path

from reading import views

app_name = "reading"

urlpatterns = [
    path("baca/<uuid:kim_pk>/", views.draft_create, name="draft_create"),
    path("draf/<uuid:pk>/", views.draft_detail, name="draft"),
    path("draf/<uuid:pk>/status/", views.draft_status, name="draft_status"),
    path("draf/<uuid:pk>/buang/", views.draft_discard, name="draft_discard"),
    path("draf/berkas/<uuid:pk>/", views.draft_scan, name="draft_scan"),
    path("<uuid:pk>/baca-ulang/", views.reread, name="reread"),
    path("hasil/<uuid:pk>/pengurus/", views.officer_import, name="officer_import"),
]
