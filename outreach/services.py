from django.db import transaction

from kimtrack.stored_files import removed_on_failure, save_checked
from kimtrack.uploads import check_scans, check_upload_quota
from outreach.models import OutreachAttachment


def outreach_save(*, form, files, user):
    """Save an outreach event and its new attachments, all or nothing."""
    checked = check_scans(files) if files else []
    with removed_on_failure() as written, transaction.atomic():
        check_upload_quota(user=user, sizes=[item.size for item in checked])
        event = form.save(commit=False)
        if event.created_by_id is None:
            event.created_by = user
        event.save()
        for item in checked:
            save_checked(OutreachAttachment(event=event), item, written)
    return event
