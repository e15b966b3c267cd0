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
    path("wilayah/kecamatan/", views.district_list, name="district_list"),
    path("wilayah/kecamatan/<region:code>/", views.district_detail, name="district_detail"),
    path("wilayah/kecamatan/<region:code>/tambah-kim/", views.kim_create, name="kim_create"),
    path("wilayah/desa/<region:code>/", views.village_detail, name="village_detail"),
    path("wilayah/kabupaten/<region:code>/aturan-kim/", views.regency_rules, name="regency_rules"),
    path("wilayah/kabupaten/<region:code>/target/", views.formation_targets, name="targets"),
    path("kim/", views.kim_list, name="kim_list"),
    path("kim/<uuid:pk>/", views.kim_detail, name="kim_detail"),
    path("kim/<uuid:pk>/ubah/", views.kim_edit, name="kim_edit"),
    path("kim/<uuid:pk>/pengurus/", views.kim_officers, name="kim_officers"),
    path("kim/<uuid:pk>/gabungkan/", views.kim_merge, name="kim_merge"),
    path("kim/<uuid:pk>/salah-input/", views.kim_mark_mistaken, name="kim_mistaken"),
]
