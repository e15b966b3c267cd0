import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from districts.management.commands.build_maps import _drop_collinear, _encode, _rings
from districts.maps import MAP_DIR

CREDIT = (
    "Boundaries derived from cahyadsn/wilayah_boundaries (MIT, Copyright (c) 2024 Cahya DSN), "
    "via ../shared/data/geo; projected, quantised and re-encoded by manage.py build_province_map."
)


class Command(BaseCommand):
    help = (
        "Turunkan peta SVG kabupaten/kota satu provinsi dari GeoJSON di ../shared/data/geo. "
        "Hasilnya di-commit di districts/data/maps/province-<kode>.json."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", default=str(settings.KIMTRACK_SHARED_DIR / "data" / "geo" / "jatim-kabupaten.geojson")
        )
        parser.add_argument("--province", default="35")
        parser.add_argument("--width", type=int, default=640)
        parser.add_argument("--output", default=None)

    def handle(self, *args, source, province, width, output, **options):
        try:
            features = json.loads(Path(source).read_text(encoding="utf-8"))["features"]
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Tidak bisa membaca {source}: {exc}") from None
        features = [f for f in features if f["properties"]["kode"].startswith(province + ".")]
        if not features:
            raise CommandError(f"Tidak ada kabupaten/kota {province} di {source}")
        coords = [pt for f in features for ring in _rings(f["geometry"]) for pt in ring]
        lon_min, lon_max = min(p[0] for p in coords), max(p[0] for p in coords)
        lat_min, lat_max = min(p[1] for p in coords), max(p[1] for p in coords)
        kx = math.cos(math.radians((lat_min + lat_max) / 2))
        scale = width / ((lon_max - lon_min) * kx)
        height = math.ceil((lat_max - lat_min) * scale)

        def project(pt):
            return (round((pt[0] - lon_min) * kx * scale), round((lat_max - pt[1]) * scale))

        regencies = {}
        for feature in sorted(features, key=lambda f: f["properties"]["kode"]):
            paths = []
            for ring in _rings(feature["geometry"]):
                points = []
                for pt in map(project, ring):
                    if not points or points[-1] != pt:
                        points.append(pt)
                if len(points) > 1 and points[0] == points[-1]:
                    points.pop()
                if len(points) >= 3:  # islets smaller than a unit of the map vanish
                    paths.append(_encode(_drop_collinear(points)))
            if paths:
                regencies[feature["properties"]["kode"]] = {"name": feature["properties"]["nama"], "d": "".join(paths)}

        out = Path(output) if output else MAP_DIR / f"province-{province}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {"credit": CREDIT, "width": width, "height": height, "regencies": regencies}
        out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
        self.stdout.write(f"{out}: {len(regencies)} kabupaten/kota, {out.stat().st_size // 1024} KB")
