"""Django admin for models whose state is decided by a service: history can be read, never reverted."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class NoRevertHistoryAdmin(SimpleHistoryAdmin):
    """History list and old versions are viewable; "Revert" is hidden and a revert POST is refused.

    simple-history's `revert_disabled` only hides the button: its history form view still saves
    whatever is posted to it. A revert would bring back a state (pending, undecided) that only the
    services may set, and would bypass their audit, so the view refuses every POST.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
