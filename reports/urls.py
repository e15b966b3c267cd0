from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("laporan/<str:code>/", views.province_report, name="province"),
    path("laporan/unduh/<uuid:pk>/", views.report_download, name="download"),
    path("laporan/unduh/<uuid:pk>/cetak/", views.report_print, name="print"),
    path("laporan/unduh/<uuid:pk>/terkirim/", views.report_sent, name="sent"),
    path("ekspor/<str:code>/kim.xlsx", views.kim_list_export, name="kim_list_xlsx"),
    path("ekspor/<str:code>/sosialisasi.xlsx", views.outreach_export, name="outreach_xlsx"),
    path("data/", views.open_data_docs, name="open_data"),
    path("data/kim.csv", views.open_data_csv, name="open_data_csv"),
    path("data/kim.json", views.open_data_json, name="open_data_json"),
    path("robots.txt", views.robots, name="robots"),
]
