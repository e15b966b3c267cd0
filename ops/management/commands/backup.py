from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupInvalid, create_backup


class Command(BaseCommand):
    help = (
        "Cadangkan seluruh data (akun, wilayah, KIM, SK, riwayat) dan semua berkas media ke satu arsip .tar.gz, "
        "dari satu potret database yang konsisten, lalu periksa arsipnya (jumlah baris, SHA-256, rujukan)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, help="Berkas arsip, mis. /var/backups/kimtrack-2026-11-28.tar.gz"
        )

    def handle(self, *args, output, **options):
        try:
            manifest = create_backup(output)
        except (BackupInvalid, OSError) as exc:
            # A bad archive left under the expected name would be taken for a good one by rotation or restore.
            Path(output).unlink(missing_ok=True)
            raise CommandError(f"Pencadangan GAGAL, arsip dihapus: {exc}") from None
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{output}: {rows} baris, {len(manifest['files'])} berkas media; arsip diperiksa dan cocok."
            )
        )
