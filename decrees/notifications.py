"""Emails about SKs, through Django's email framework (console backend locally).

Each email is written in its recipient's language (the account's choice, else KIMTRACK_LANGUAGE).
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User


def _link(decree):
    return settings.KIMTRACK_BASE_URL + decree.get_absolute_url()


def _submitted_message(decree):
    kim = decree.kim
    subject = _("SK baru menunggu verifikasi: %(kim)s") % {"kim": kim.name}
    body = _(
        "SK nomor %(number)s untuk %(kim)s (%(area)s) diunggah oleh %(user)s dan menunggu verifikasi.\n\nBuka: %(link)s"
    ) % {"number": decree.number, "kim": kim.name, "area": kim.area, "user": decree.uploaded_by, "link": _link(decree)}
    return subject, body


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
        subject = _("SK ditolak: %(kim)s") % {"kim": decree.kim.name}
        body = _(
            "SK nomor %(number)s ditolak.\nAlasan penolakan: %(reason)s\n\nUnggah SK yang sudah diperbaiki: %(link)s"
        )
        body %= {"number": decree.number, "reason": decree.rejection_reason, "link": _link(decree)}
    else:
        subject = _("SK terverifikasi: %(kim)s") % {"kim": decree.kim.name}
        body = _("SK nomor %(number)s telah diverifikasi.\n\n%(link)s") % {
            "number": decree.number,
            "link": _link(decree),
        }
    return subject, body


def decree_decided(decree):
    """An SK was verified or rejected: tell whoever uploaded it."""
    uploader = decree.uploaded_by
    if not uploader.email:
        return 0
    with translation.override(uploader.preferred_language):
        subject, body = _decided_message(decree)
    return send_mass_mail([(subject, body, None, [uploader.email])])
