from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.start, name="start"),
    path("templat.xlsx", views.template, name="template"),
    path("<uuid:pk>/", views.preview, name="preview"),
    path("<uuid:pk>/terapkan/", views.apply, name="apply"),
]
