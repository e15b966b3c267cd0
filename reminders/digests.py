"""What a user's weekly digest says and how it is sent: the one place.

Every list comes from the same query the dashboards show (dashboard.panels,
dashboard.funnel), through the user's scope. A digest goes out at most once per
INTERVAL per user, only when there is something to say, and is recorded.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dashboard import panels
from dashboard.funnel import funnel_of
from decrees.models import Decree
from districts.models import District, Village
from kimtrack.dates import long_date
from reading.models import Draft
from reminders.models import SentDigest

logger = logging.getLogger(__name__)

ITEMS_SHOWN = 10  # per section; the total is always given


@dataclass
class Section:
    title: str
    total: int
    items: list = field(default_factory=list)  # (text, link)


def _link(obj):
    return settings.KIMTRACK_BASE_URL + obj.get_absolute_url()


def _section(title, queryset, describe):
    total = queryset.count()
    return Section(title, total, [(describe(obj), _link(obj)) for obj in queryset[:ITEMS_SHOWN]])


def _district_admin_sections(user, now):
    today = timezone.localdate(now)
    decrees = Decree.objects.for_user(user).select_related("kim__district", "kim__village")
    villages = panels.villages_without_kim(Village.objects.for_user(user)).select_related("district").order_by("name")
    return [
        _section(
            _("Desa/kelurahan yang belum punya KIM"),
            villages,
            lambda v: f"{v.get_kind_display()} {v.display_name}",
        ),
        _section(
            _("SK ditolak yang belum diperbaiki"),
            panels.rejected_not_corrected(decrees).order_by("created_at"),
            lambda d: f"{d.kim.name}: {d.rejection_reason}".replace("\n", " ")[:200],
        ),
        _section(
            _("Masa bakti berakhir dalam 90 hari"),
            decrees.expiring(within=panels.EXPIRY_WINDOW, today=today).order_by("term_end"),
            lambda d: _("%(kim)s, berakhir %(date)s") % {"kim": d.kim.name, "date": long_date(d.term_end)},
        ),
        _section(
            _("Draf SK yang belum diselesaikan"),
            panels.unfinished_drafts(Draft.objects.for_user(user), now).select_related("kim").order_by("created_at"),
            lambda d: (
                _("%(kim)s, diunggah %(date)s")
                % {"kim": d.kim.name, "date": long_date(timezone.localdate(d.created_at))}
            ),
        ),
    ]


def _staff_sections(user, now):
    today = timezone.localdate(now)
    decrees = Decree.objects.for_user(user).select_related("kim__district", "kim__village")
    waiting = panels.waiting_too_long(decrees, now).order_by("created_at")
    funnel = funnel_of(user.regency, District.objects.for_user(user).filter(regency=user.regency), today)
    follow_up = Section(
        _("Kecamatan perlu tindak lanjut (sosialisasi lebih dari %(n)d hari lalu, belum ada SK)")
        % {"n": funnel.follow_up_days},
        len(funnel.follow_up),
        [
            (
                _("Kecamatan %(name)s, disosialisasi %(n)d hari lalu") % {"name": r.area.display_name, "n": r.waiting},
                _link(r.area),
            )
            for r in funnel.follow_up[:ITEMS_SHOWN]
        ],
    )
    return [
        _section(
            _("SK menunggu verifikasi lebih dari 7 hari"),
            waiting,
            lambda d: (
                _("%(kim)s, diunggah %(date)s")
                % {"kim": d.kim.name, "date": long_date(timezone.localdate(d.created_at))}
            ),
        ),
        follow_up,
    ]


def digest_sections(user, now=None):
    """The non-empty sections of `user`'s digest (none for roles that get no digest)."""
    now = now or timezone.now()
    if user.is_district_admin:
        sections = _district_admin_sections(user, now)
    elif user.is_regency_staff and user.regency_id:
        sections = _staff_sections(user, now)
    else:
        return []
    return [section for section in sections if section.total]


def send_digest(user, *, now=None, dry_run=False):
    """Send `user` their digest if one is due and has something to say; return the SentDigest (or None)."""
    now = now or timezone.now()
    if not (user.is_active and user.email) or user.digest_opt_out:
        return None
    with transaction.atomic():
        # The user's row is the lock: two runs at once cannot both send.
        type(user).objects.select_for_update().filter(pk=user.pk).first()
        if SentDigest.objects.filter(user=user).within_week(now=now).exists():
            return None
        language = user.preferred_language
        with translation.override(language):
            sections = digest_sections(user, now)
            if not sections:
                return None
            count = sum(section.total for section in sections)
            subject = _("KIMTrack: %(n)d hal perlu tindak lanjut") % {"n": count}
            body = render_to_string(
                "reminders/digest.txt",
                {
                    "user": user,
                    "sections": sections,
                    "account_link": settings.KIMTRACK_BASE_URL + reverse("accounts:own"),
                },
            )
        if dry_run:
            return SentDigest(user=user, sent_at=now, item_count=count, language=language)
        message = EmailMessage(subject, body, to=[user.email], headers={"Content-Language": language})
        message.send()
        return SentDigest.objects.create(user=user, sent_at=now, item_count=count, language=language)
