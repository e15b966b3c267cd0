import logging

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import User
from reminders.digests import send_digest

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Send each kecamatan admin and regency staff member their weekly digest of what needs action "
        "(at most one per user per week, only when there is something to say). Meant to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show who would get a digest; send nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        sent = skipped = failed = 0
        users = User.objects.filter(is_active=True, digest_opt_out=False).exclude(email="").order_by("pk")
        for user in users.select_related("regency", "district").iterator():
            try:
                digest = send_digest(user, now=now, dry_run=dry_run)
            except Exception:  # one bad address or mail-server hiccup must not stop the others
                failed += 1
                logger.exception("digest for %s failed", user.username)
                self.stderr.write(f"{user.username}: gagal dikirim")
                continue
            if digest is None:
                skipped += 1
                continue
            sent += 1
            if dry_run or options["verbosity"] > 1:
                self.stdout.write(f"{user.username}: {digest.item_count} hal ({digest.language})")
        verb = "akan dikirim" if dry_run else "dikirim"
        self.stdout.write(f"Ringkasan {verb}: {sent}; dilewati: {skipped}; gagal: {failed}.")
