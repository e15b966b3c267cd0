from django.contrib import admin

from districts.models import District, Province, Regency, Village


class RegionAdmin(admin.ModelAdmin):
    search_fields = ["code", "name"]
    ordering = ["code"]
    list_per_page = 50

    def has_delete_permission(self, request, obj=None):
        # Regions come from the official list; they are renamed by load_regions, never deleted.
        return False


@admin.register(Province)
class ProvinceAdmin(RegionAdmin):
    list_display = ["code", "name"]


@admin.register(Regency)
class RegencyAdmin(RegionAdmin):
    list_display = ["code", "name", "province"]
    list_filter = ["province"]
    list_select_related = ["province"]
    autocomplete_fields = ["province"]


@admin.register(District)
class DistrictAdmin(RegionAdmin):
    list_display = ["code", "name", "regency"]
    list_select_related = ["regency"]
    autocomplete_fields = ["regency"]

    def get_list_filter(self, request):
        return [("regency__province", admin.RelatedOnlyFieldListFilter)]


@admin.register(Village)
class VillageAdmin(RegionAdmin):
    list_display = ["code", "name", "kind", "district"]
    list_filter = ["kind"]
    list_select_related = ["district"]
    autocomplete_fields = ["district"]
    readonly_fields = ["kind"]
