from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("penilaian/", views.assessment_list, name="list"),
    path("penilaian/unduh.xlsx", views.assessment_export, name="export"),
    path("kim/<uuid:kim_pk>/penilaian/tambah/", views.assessment_create, name="create"),
    path("penilaian/<uuid:pk>/", views.assessment_detail, name="detail"),
    path("penilaian/<uuid:pk>/ubah/", views.assessment_edit, name="edit"),
    path("penilaian/<uuid:pk>/tetapkan/", views.assessment_confirm_view, name="confirm"),
]
