from django.contrib import admin

from reading.models import Draft, DraftScan, Reading


class DraftScanInline(admin.TabularInline):
    model = DraftScan
    extra = 0
    can_delete = False
    readonly_fields = ["original_name", "content_type", "size", "sha256", "file", "position"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    """Drafts are written by the reading services (upload, adopt, discard): viewable, never edited.

    A submitted draft is the record of where an SK's scans came from, so it cannot be deleted;
    even if it were, the SK's reading stays (see `Reading.draft`'s on_delete).
    """

    list_display = ["kim", "uploaded_by", "created_at", "decree"]
    list_filter = ["created_at"]
    search_fields = ["kim__name", "kim__district__code", "uploaded_by__username"]
    readonly_fields = ["kim", "uploaded_by", "created_at", "decree"]
    inlines = [DraftScanInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.decree_id is not None:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        # The bulk action asks has_delete_permission without an object: submitted drafts stay.
        super().delete_queryset(request, queryset.filter(decree__isnull=True))


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
