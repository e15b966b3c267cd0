from django.contrib import admin

from imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["original_name", "regency", "status", "created_by", "created_at", "applied_at"]
    list_filter = ["status"]
    search_fields = ["original_name", "regency__code", "regency__name"]
    readonly_fields = ["regency", "file", "original_name", "status", "summary", "created_by", "applied_at"]

    def has_add_permission(self, request):
        return False  # imports go through the preview page, which validates every row
