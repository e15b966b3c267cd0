from django.urls import path, register_converter

from districts import codes, views


class RegionCodeConverter:
    regex = codes.URL_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RegionCodeConverter, "region")

app_name = "districts"

urlpatterns = [
    path("kecamatan/", views.district_list, name="district_list"),
    path("kecamatan/<region:code>/", views.district_detail, name="district_detail"),
    path("desa/<region:code>/", views.village_detail, name="village_detail"),
]
