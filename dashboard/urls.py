from django.urls import path

from dashboard import views

# No namespace: "home" is the site's root and other apps redirect to it by that name.
urlpatterns = [
    path("", views.home, name="home"),
    path("peta/desa/", views.village_map_page, name="village_map"),
    path("tindak-lanjut/", views.funnel_page, name="funnel"),
    path("peta/<str:level>.svg", views.map_svg, name="map_svg"),
    path("provinsi/<str:code>/", views.province_dashboard, name="province_dashboard"),
    path("provinsi/<str:code>/peta.svg", views.province_map_svg, name="province_map_svg"),
    path("ekspor/<str:code>/rekap-kecamatan.xlsx", views.district_recap_export, name="district_recap_xlsx"),
    path("publik/", views.public_page, name="public_page"),
    path("publik/peta.svg", views.public_map_svg, name="public_map"),
]
