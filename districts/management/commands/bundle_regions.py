import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from districts.regions_import import BUNDLED_SOURCE, LEVELS, RegionImportError, read_source


class Command(BaseCommand):
    help = (
        "Tulis subset wilayah (default: Kabupaten Tuban 35.23) dari data nasional ke folder data bundel. "
        "Dipakai sekali oleh pengembang; hasilnya di-commit bersama atribusi ODbL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="Folder data nasional, mis. ../shared/data/wilayah.")
        parser.add_argument("--area", default="35.23")
        parser.add_argument("--output", default=str(BUNDLED_SOURCE))

    def handle(self, *args, source, area, output, **options):
        try:
            selected = read_source(source, area)
        except RegionImportError as exc:
            raise CommandError(str(exc)) from None
        out = Path(output)
        out.mkdir(parents=True, exist_ok=True)
        for level in LEVELS:
            header = ["code"] + ([level.parent_column] if level.parent_column else []) + ["name"]
            with open(out / level.filename, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(header)
                for code, (parent, name, _line) in sorted(selected[level.name].items()):
                    writer.writerow([code] + ([parent] if level.parent_column else []) + [name])
            self.stdout.write(f"{level.filename}: {len(selected[level.name])} baris")
