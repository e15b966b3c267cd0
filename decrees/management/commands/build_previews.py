from django.core.management.base import BaseCommand

from decrees.models import Scan
from decrees.previews import build_previews, stored_preview


class Command(BaseCommand):
    help = (
        "Build the stored preview of every image scan that has none (scans uploaded before previews were "
        "built at upload). One image in memory at a time; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the scans without a preview.")

    def handle(self, *args, dry_run=False, **options):
        scans = Scan.objects.filter(content_type__startswith="image/").order_by("created_at")
        missing = [scan for scan in scans.iterator(chunk_size=200) if not stored_preview(scan)]
        if dry_run:
            self.stdout.write(f"{len(missing)} scan gambar belum memiliki pratinjau (tidak ada yang dibuat).")
            return
        built = build_previews(missing)
        self.stdout.write(
            f"{built} pratinjau dibuat, {len(missing) - built} gagal, dari {len(missing)} yang belum ada."
        )
