from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ops.backup import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = (
        "Pulihkan arsip dari `backup` ke database dan folder media yang kosong (migrasi dijalankan dulu), "
        "lalu periksa jumlah baris dan SHA-256 setiap berkas terhadap manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--force", action="store_true", help="Pulihkan walau database/media tidak kosong.")

    def handle(self, *args, path, force, **options):
        call_command("migrate", verbosity=0, interactive=False)
        try:
            manifest = restore_backup(path, force=force)
        except (RestoreRefused, OSError) as exc:
            raise CommandError(f"Pemulihan dibatalkan: {exc}") from None
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Dipulihkan dari cadangan {manifest['created_at']} (versi {manifest['version']}, "
                f"{manifest['database_vendor']}): {rows} baris dan {len(manifest['files'])} berkas "
                "cocok dengan manifest."
            )
        )
