from django.contrib import admin

from reading.models import Draft, DraftScan, Reading


class DraftScanInline(admin.TabularInline):
    model = DraftScan
    extra = 0
    can_delete = False
    readonly_fields = ["original_name", "content_type", "size", "sha256", "file", "position"]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["kim", "uploaded_by", "created_at", "decree"]
    list_filter = ["created_at"]
    search_fields = ["kim__name", "kim__district__code", "uploaded_by__username"]
    raw_id_fields = ["kim", "uploaded_by", "decree"]
    inlines = [DraftScanInline]


@admin.register(Reading)
class ReadingAdmin(admin.ModelAdmin):
    """Readings are machine output: viewable for data fixes, never edited by hand."""

    list_display = ["created_at", "status", "decree", "draft", "page_count", "seconds"]
    list_filter = ["status", "created_at"]
    search_fields = ["decree__number", "decree__kim__name", "decree__kim__district__code"]
    readonly_fields = [f.name for f in Reading._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
