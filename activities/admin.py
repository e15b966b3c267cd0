from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from activities.models import Activity, ActivityPhoto


class PhotoInline(admin.TabularInline):
    model = ActivityPhoto
    fields = ["position", "original_name", "content_type", "size"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # photos come through activities.services, which strips their metadata


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["date", "title", "kim", "type", "cancelled_at"]
    list_filter = ["type__name", ("cancelled_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "kim__name", "kim__district__code"]
    readonly_fields = ["kim", "recorded_by", "created_at", "cancelled_at", "cancelled_by", "cancel_reason"]
    inlines = [PhotoInline]

    def has_add_permission(self, request):
        return False  # one path for new activities: activities.services.activity_record

    def has_delete_permission(self, request, obj=None):
        return False  # cancelled with a reason, never deleted
