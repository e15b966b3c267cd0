from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from districts.forms import AdminOfficerForm, AdminOfficerFormSet
from districts.models import (
    ActivityType,
    AssessmentCriterion,
    Classification,
    District,
    FormationTarget,
    KimGroup,
    Officer,
    OfficerRole,
    Province,
    Regency,
    RegencyRules,
    Village,
)


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


class OfficerInline(admin.TabularInline):
    model = Officer
    formset = AdminOfficerFormSet
    extra = 0
    autocomplete_fields = ["role"]


@admin.register(KimGroup)
class KimGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "district", "village", "classification", "activity", "member_count"]
    list_filter = ["record", "level", "activity", "classification"]
    list_select_related = ["district", "village", "classification"]
    search_fields = ["name", "district__code", "district__name", "village__code", "village__name"]
    autocomplete_fields = ["district", "village", "classification"]
    inlines = [OfficerInline]
    # Merging and marking a KIM entered by mistake go through districts.services (checked, audited).
    readonly_fields = ["record", "record_reason", "merged_into", "record_changed_by", "record_changed_at"]


@admin.register(Officer)
class OfficerAdmin(SimpleHistoryAdmin):
    form = AdminOfficerForm
    list_display = ["name", "role", "kim"]
    list_select_related = ["role", "kim"]
    search_fields = ["name", "kim__name"]
    autocomplete_fields = ["kim", "role"]


@admin.register(RegencyRules)
class RegencyRulesAdmin(SimpleHistoryAdmin):
    list_display = ["regency", "min_members"]
    search_fields = ["regency__code", "regency__name"]
    autocomplete_fields = ["regency"]


@admin.register(Classification, OfficerRole, ActivityType, AssessmentCriterion)
class RankedNameAdmin(SimpleHistoryAdmin):
    list_display = ["name", "rank", "regency"]
    list_filter = [("regency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "regency__code", "regency__name"]
    autocomplete_fields = ["regency"]


@admin.register(FormationTarget)
class FormationTargetAdmin(SimpleHistoryAdmin):
    list_display = ["regency", "level", "deadline"]
    list_filter = ["level"]
    search_fields = ["regency__code", "regency__name", "legal_basis"]
    autocomplete_fields = ["regency"]
