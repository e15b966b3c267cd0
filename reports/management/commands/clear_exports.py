from django.core.management.base import BaseCommand

from reports.export_cache import clear_exports


class Command(BaseCommand):
    help = "Hapus berkas ekspor data terbuka yang tersimpan; dibuat ulang pada permintaan berikutnya."

    def handle(self, *args, **options):
        self.stdout.write(f"{clear_exports()} berkas ekspor dihapus.")
