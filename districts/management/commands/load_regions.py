from django.core.management.base import BaseCommand, CommandError

from districts.regions_import import RegionImportError, load_regions


class Command(BaseCommand):
    help = (
        "Muat wilayah Kemendagri (provinsi, kabupaten/kota, kecamatan, desa/kelurahan) dari CSV. "
        "Tanpa --source: data Kabupaten Tuban yang dibundel. Idempoten; semua atau tidak sama sekali."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", help="Folder dengan provinces.csv, regencies.csv, districts.csv, villages.csv.")
        parser.add_argument("--area", default="", help="Kode wilayah yang dimuat, mis. 35.23 (Tuban) atau 35 (Jatim).")

    def handle(self, *args, source=None, area="", **options):
        try:
            report = load_regions(source=source, area=area.strip())
        except RegionImportError as exc:
            raise CommandError(f"Tidak ada yang diubah. {exc}") from None
        for line in report.summary_lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Selesai."))
