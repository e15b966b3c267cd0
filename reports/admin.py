from django.contrib import admin

from reports.models import ProvinceReport, ReportEntry


class EntryInline(admin.TabularInline):
    model = ReportEntry
    fields = ["kim", "decree", "fingerprint"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProvinceReport)
class ProvinceReportAdmin(admin.ModelAdmin):
    list_display = [
        "regency", "report_date", "period", "file_format", "row_count", "produced_by", "created_at",
        "sent_on", "sent_via",
    ]  # fmt: skip
    list_filter = ["file_format", ("regency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["period", "regency__code", "regency__name"]
    readonly_fields = [
        "regency", "report_date", "period", "file_format", "file", "row_count", "produced_by",
        "sent_on", "sent_via", "sent_reference", "sent_marked_by", "sent_marked_at",
    ]  # fmt: skip
    inlines = [EntryInline]

    def has_add_permission(self, request):
        return False  # reports are produced from the report page or export_province_report
