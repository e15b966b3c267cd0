"""Emails about SKs, through Django's email framework (console backend locally).

Each email is written in its recipient's language (the account's choice, else KIMTRACK_LANGUAGE).
A message that cannot be sent is recorded as an audit event on the SK (shown on its page to
staff and on the audit page), not only logged: nobody reads the server log to learn that the
verifiers were never told.
"""

import functools
import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit

logger = logging.getLogger("kimtrack.notifications")


def _subject(text):
    """One line whatever the data says (names are validated single-line; this is the second guard)."""
    return " ".join(text.split())


def _recorded_on_failure(notify):
    """Run `notify(decree)`; if sending fails, record that on the SK and return 0."""

    @functools.wraps(notify)
    def wrapped(decree):
        try:
            return notify(decree)
        except Exception as exc:  # noqa: BLE001 - any failure of the mail transport
            logger.exception("notification failed", extra={"event": "notification_failed", "object": str(decree.pk)})
            kim = decree.kim
            audit(
                AuditEvent.Action.NOTIFICATION_FAILED,
                area_code=kim.village_id or kim.district_id,
                object_id=decree.pk,
                summary=f"{kim.name}: SK {decree.number}: email {notify.__name__} gagal ({type(exc).__name__})",
            )
            return 0

    return wrapped


def _link(decree):
    return settings.KIMTRACK_BASE_URL + decree.get_absolute_url()


def _submitted_message(decree):
    kim = decree.kim
    subject = _subject(_("SK baru menunggu verifikasi: %(kim)s") % {"kim": kim.name})
    body = _(
        "SK nomor %(number)s untuk %(kim)s (%(area)s) diunggah oleh %(user)s dan menunggu verifikasi.\n\nBuka: %(link)s"
    ) % {"number": decree.number, "kim": kim.name, "area": kim.area, "user": decree.uploaded_by, "link": _link(decree)}
    return subject, body


@_recorded_on_failure
def decree_submitted(decree):
    """A new SK was uploaded: tell the regency's staff, who verify it."""
    recipients = list(User.objects.staff_of(decree.kim.regency_id).exclude(email="").only("email", "language"))
    messages = []
    for user in recipients:
        with translation.override(user.preferred_language):
            subject, body = _submitted_message(decree)
        messages.append((subject, body, None, [user.email]))
    return send_mass_mail(messages) if messages else 0


def _decided_message(decree):
    if decree.status == decree.Status.REJECTED:
        subject = _subject(_("SK ditolak: %(kim)s") % {"kim": decree.kim.name})
        body = _(
            "SK nomor %(number)s ditolak.\nAlasan penolakan: %(reason)s\n\nUnggah SK yang sudah diperbaiki: %(link)s"
        )
        body %= {"number": decree.number, "reason": decree.rejection_reason, "link": _link(decree)}
    else:
        subject = _subject(_("SK terverifikasi: %(kim)s") % {"kim": decree.kim.name})
        body = _("SK nomor %(number)s telah diverifikasi.\n\n%(link)s") % {
            "number": decree.number,
            "link": _link(decree),
        }
    return subject, body


@_recorded_on_failure
def decree_decided(decree):
    """An SK was verified or rejected: tell whoever uploaded it."""
    uploader = decree.uploaded_by
    if not uploader.email:
        return 0
    with translation.override(uploader.preferred_language):
        subject, body = _decided_message(decree)
    return send_mass_mail([(subject, body, None, [uploader.email])])
