from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from outreach.models import OutreachAttachment, OutreachEvent


class AttachmentInline(admin.TabularInline):
    model = OutreachAttachment
    fields = ["original_name", "content_type", "size"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OutreachEvent)
class OutreachEventAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "status", "district", "venue", "participant_count", "is_demo"]
    list_filter = ["status", "is_demo", ("district__regency", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["district"]
    search_fields = ["venue", "district__code", "district__name", "speakers"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["district", "village"]
    inlines = [AttachmentInline]


@admin.register(OutreachAttachment)
class OutreachAttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "event", "content_type", "size"]
    search_fields = ["original_name", "event__venue"]
    readonly_fields = ["event", "file", "original_name", "content_type", "size", "sha256", "created_at"]

    def has_add_permission(self, request):
        return False
