from django.core.management.base import BaseCommand

from ops.backup import create_backup


class Command(BaseCommand):
    help = "Cadangkan seluruh data (akun, wilayah, KIM, SK, riwayat) dan semua berkas media ke satu arsip .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, help="Berkas arsip, mis. /var/backups/kimtrack-2026-11-28.tar.gz"
        )

    def handle(self, *args, output, **options):
        manifest = create_backup(output)
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(self.style.SUCCESS(f"{output}: {rows} baris, {len(manifest['files'])} berkas media."))
