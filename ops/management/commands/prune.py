import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from imports.models import ImportBatch
from ops.media import referenced_files
from reading.models import Draft


class Command(BaseCommand):
    help = (
        "Hapus draf SK (asisten baca) yang tidak pernah dikirim dan impor daftar KIM yang tidak pernah diterapkan, "
        "yang lebih tua dari --days hari, beserta berkasnya. Berkas yang dipakai baris lain (berkas SK) tidak "
        "pernah dihapus. Dijadwalkan harian oleh deploy/kimtrack-prune.timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.KIMTRACK_PRUNE_DAYS, help="Umur minimum (hari).")
        parser.add_argument("--dry-run", action="store_true", help="Hanya tampilkan apa yang akan dihapus.")

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            self.stderr.write("--days minimal 1.")
            raise SystemExit(2)
        cutoff = timezone.now() - datetime.timedelta(days=days)
        with transaction.atomic():
            # Never sent as an SK: a draft that became one keeps its link (decree) and is not touched.
            drafts = Draft.objects.select_for_update().filter(decree__isnull=True, created_at__lt=cutoff)
            batches = ImportBatch.objects.select_for_update().filter(
                status=ImportBatch.Status.PREVIEW, created_at__lt=cutoff
            )
            names = {scan.file.name for draft in drafts for scan in draft.scans.all()}
            names |= {batch.file.name for batch in batches if batch.file.name}
            counts = (drafts.count(), batches.count())
            drafts.delete()  # their scans and readings go with them (CASCADE)
            batches.delete()
            # A stored file another row still points to (a draft's scan that became an SK's) stays.
            doomed = sorted(names - set(referenced_files()))
            if dry_run:
                transaction.set_rollback(True)  # the same deletions, seen and undone
            else:
                transaction.on_commit(lambda: [default_storage.delete(name) for name in doomed])
        verb = "akan dihapus" if dry_run else "dihapus"
        for name in doomed:
            self.stdout.write(f"{'AKAN DIHAPUS' if dry_run else 'DIHAPUS'}  {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts[0]} draf SK dan {counts[1]} impor lebih tua dari {days} hari {verb}, "
                f"{len(doomed)} berkas {verb}."
            )
        )
