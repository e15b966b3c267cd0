import datetime

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from ops.backup import media_names
from ops.media import derived_files, referenced_files


class Command(BaseCommand):
    help = (
        "Bandingkan berkas di MEDIA_ROOT dengan baris database: laporkan berkas yatim (tanpa baris) dan "
        "berkas hilang (baris tanpa berkas). --repair memindahkan berkas yatim ke karantina, tidak pernah menghapus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true")

    def handle(self, *args, repair, **options):
        on_disk = set(media_names())
        referenced = referenced_files()
        orphans = sorted(on_disk - set(referenced) - derived_files())
        missing = sorted(set(referenced) - on_disk)
        for name in missing:
            self.stdout.write(f"HILANG  {name}  ({referenced[name]})")
        for name in orphans:
            self.stdout.write(f"YATIM   {name}")
        if repair and orphans:
            quarantine = "quarantine/" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            for name in orphans:
                # Copy, then remove the original: a move that works on local disk and object stores alike.
                with default_storage.open(name, "rb") as handle:
                    default_storage.save(f"{quarantine}/{name}", File(handle))
                default_storage.delete(name)
            self.stdout.write(f"{len(orphans)} berkas yatim dipindah ke {quarantine}")
        style = self.style.SUCCESS if not (orphans or missing) else self.style.WARNING
        self.stdout.write(style(f"{len(referenced)} berkas tercatat, {len(missing)} hilang, {len(orphans)} yatim."))
        if missing:
            raise SystemExit(1)
