import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from districts.models import Regency
from reports.models import ProvinceReport
from reports.services import report_content


class Command(BaseCommand):
    help = "Tulis laporan KIM terbentuk untuk Diskominfo Provinsi (XLSX atau CSV), sama dengan unduhan di situs."

    def add_arguments(self, parser):
        parser.add_argument("--regency", required=True, help="Kode kabupaten/kota, mis. 35.23.")
        parser.add_argument("--format", choices=ProvinceReport.Format.values, required=True, dest="file_format")
        parser.add_argument("--period", default="", help='Periode laporan, mis. "Semester II 2025".')
        parser.add_argument("--output", required=True)
        parser.add_argument("--date", help="Tanggal laporan YYYY-MM-DD (bawaan: hari ini).")

    def handle(self, *args, regency, file_format, output, date=None, period="", **options):
        try:
            report_date = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"Tanggal {date!r} tidak sah; gunakan YYYY-MM-DD.") from None
        try:
            regency_obj = Regency.objects.get(code=regency)
        except Regency.DoesNotExist:
            raise CommandError(f"Kabupaten/kota {regency} belum dimuat.") from None
        content, entries = report_content(
            regency=regency_obj, report_date=report_date, file_format=file_format, period=period
        )
        Path(output).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"{output}: {len(entries)} KIM terbentuk per {report_date.isoformat()}."))
