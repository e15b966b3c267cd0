from django.urls import path

from activities import views

app_name = "activities"

urlpatterns = [
    path("kim/<uuid:kim_pk>/kegiatan/tambah/", views.activity_create, name="create"),
    path("kegiatan/<uuid:pk>/", views.activity_detail, name="detail"),
    path("kegiatan/<uuid:pk>/batal/", views.activity_cancel, name="cancel"),
    path("kegiatan/foto/<uuid:pk>/", views.activity_photo, name="photo"),
]
