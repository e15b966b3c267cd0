from django.contrib import admin

from reminders.models import SentDigest


@admin.register(SentDigest)
class SentDigestAdmin(admin.ModelAdmin):
    list_display = ["user", "sent_at", "item_count", "language"]
    list_select_related = ["user"]
    date_hierarchy = "sent_at"
    readonly_fields = ["user", "sent_at", "item_count", "language"]

    def has_add_permission(self, request):
        return False
