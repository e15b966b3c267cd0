from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "email", "role", "area_display", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_superuser"]
    list_select_related = ["province", "regency", "district"]
    search_fields = ["username", "first_name", "last_name", "email", "district__name", "regency__name"]
    autocomplete_fields = ["province", "regency", "district"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Peran dan wilayah"), {"fields": ["role", "province", "regency", "district", "phone", "language"]}),
    )

    @admin.display(description=_("wilayah"))
    def area_display(self, obj):
        return obj.area or "—"
