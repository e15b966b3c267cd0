from django.contrib import admin

from decrees.models import Decree, Scan
from kimtrack.history_admin import NoRevertHistoryAdmin


class ScanInline(admin.TabularInline):
    model = Scan
    fields = ["position", "original_name", "content_type", "size", "sha256"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Decree)
class DecreeAdmin(NoRevertHistoryAdmin):
    """Only what was typed from the paper is editable, and only while the SK is pending.

    Status, decision and withdrawal are decided by the site's services (`decree.verify`,
    `reject`, `withdraw`), which check the rules (one verified SK per KIM, a scan present) and
    audit; the admin shows them read-only and cannot revert to an older version.
    """

    list_display = ["number", "kim", "signed_on", "term_end", "status", "created_at"]
    list_filter = ["status", "kim__level"]
    list_select_related = ["kim"]
    search_fields = ["number", "kim__name", "kim__district__code", "kim__district__name", "signatory"]
    readonly_fields = [
        "kim",
        "issuer",
        "status",
        "rejection_reason",
        "withdrawal_reason",
        "imported",
        "uploaded_by",
        "created_at",
        "decided_by",
        "decided_at",
        "withdrawn_by",
        "withdrawn_at",
    ]
    date_hierarchy = "created_at"
    inlines = [ScanInline]

    def has_add_permission(self, request):
        # New SKs come only through the upload page, which checks their files.
        return False

    def get_readonly_fields(self, request, obj=None):
        # A decided SK is a record: nothing on it changes (withdrawal or supersession happen in the site).
        if obj is not None and obj.status != Decree.Status.PENDING:
            return [f.name for f in Decree._meta.fields]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False  # SKs are never hard-deleted; withdraw them instead


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ["original_name", "decree", "content_type", "size", "created_at"]
    search_fields = ["original_name", "decree__number", "sha256"]
    list_filter = ["content_type"]
    readonly_fields = ["decree", "file", "original_name", "content_type", "size", "sha256", "position", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
