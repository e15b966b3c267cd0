"""Weekly digests sent to users: the record that keeps them to one a week."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SentDigestQuerySet(models.QuerySet):
    def within_week(self, *, now=None):
        """Digests sent in the last seven calendar days (today included): a user with one gets no other.

        Counted in local days, not hours, so a daily run at a slightly later minute still sends
        on the seventh day instead of drifting to the eighth.
        """
        first_day = timezone.localdate(now or timezone.now()) - (SentDigest.INTERVAL - datetime.timedelta(days=1))
        return self.filter(sent_at__gte=timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min)))


class SentDigest(models.Model):
    INTERVAL = datetime.timedelta(days=7)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="digests")
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now, db_index=True)
    item_count = models.PositiveIntegerField(_("jumlah hal"))
    language = models.CharField(_("bahasa"), max_length=8)

    objects = SentDigestQuerySet.as_manager()

    class Meta:
        verbose_name = _("ringkasan terkirim")
        verbose_name_plural = _("ringkasan terkirim")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["user", "sent_at"], name="reminders_digest_user_sent")]

    def __str__(self):
        return f"{self.user} {self.sent_at:%Y-%m-%d}"
