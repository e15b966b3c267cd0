from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts import two_factor
from accounts.models import User
from audit.models import AuditEvent
from audit.services import area_of, audit, client_ip
from kimtrack.history_admin import NoRevertHistoryAdmin


def _changed_fields(message):
    """The field names of Django admin's change message (a list of {"changed": {"fields": [...]}})."""
    fields = []
    for part in message if isinstance(message, list) else []:
        fields += part.get("changed", {}).get("fields", [])
    return ", ".join(str(f) for f in fields)


@admin.register(User)
class UserAdmin(NoRevertHistoryAdmin, BaseUserAdmin):
    """Accounts in Django admin: every addition, change and password change is audited.

    Reverting to an old version is off: history leaves the password hash out, so a revert would
    also bring back rights (is_staff, is_superuser) without anyone deciding it again.
    """

    list_display = ["username", "first_name", "email", "role", "area_display", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_superuser"]
    list_select_related = ["province", "regency", "district"]
    search_fields = ["username", "first_name", "last_name", "email", "district__name", "regency__name"]
    autocomplete_fields = ["province", "regency", "district"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Peran dan wilayah"), {"fields": ["role", "province", "regency", "district", "phone", "language"]}),
    )

    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset verifikasi dua langkah (ponsel hilang)"))
    def reset_two_factor(self, request, queryset):
        """Superusers only: remove the accounts' devices; each enrols again at its next sign-in."""
        if not request.user.is_superuser:
            self.message_user(request, _("Hanya superuser yang boleh mereset."), messages.ERROR)
            return
        for account in queryset:
            two_factor.two_factor_reset(account=account, by=request.user, ip=client_ip(request))
        self.message_user(request, _("Verifikasi dua langkah %(n)d akun direset.") % {"n": len(queryset)})

    @admin.display(description=_("wilayah"))
    def area_display(self, obj):
        return obj.area or "—"

    def _audit(self, request, obj, action, what):
        audit(
            action,
            actor=request.user,
            area_code=area_of(obj),
            object_id=obj.pk,
            summary=f"{obj.username}: {what}",
            request=request,
        )

    def log_addition(self, request, obj, message):
        self._audit(request, obj, AuditEvent.Action.ACCOUNT_CREATED, "dibuat di admin")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        # Django admin calls this inside the transaction of the change (and after a password change).
        fields = _changed_fields(message) or str(message)
        self._audit(request, obj, AuditEvent.Action.ACCOUNT_CHANGED, f"diubah di admin: {fields}")
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, AuditEvent.Action.ACCOUNT_CHANGED, "dihapus di admin")
        return super().log_deletions(request, queryset)
