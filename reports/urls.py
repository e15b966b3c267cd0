from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("laporan/<str:code>/", views.province_report, name="province"),
    path("laporan/unduh/<uuid:pk>/", views.report_download, name="download"),
    path("data/", views.open_data_docs, name="open_data"),
    path("data/kim.csv", views.open_data_csv, name="open_data_csv"),
    path("data/kim.json", views.open_data_json, name="open_data_json"),
    path("robots.txt", views.robots, name="robots"),
]
