import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from dashboard.map_geometry import credit, drop_collinear, encode_path, projected_rings, projection, read_features
from dashboard.maps import MAP_DIR

CREDIT = credit("build_province_map")


class Command(BaseCommand):
    help = (
        "Turunkan peta SVG kabupaten/kota satu provinsi dari GeoJSON di ../shared/data/geo. "
        "Hasilnya di-commit di dashboard/data/maps/province-<kode>.json."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", default=str(settings.KIMTRACK_SHARED_DIR / "data" / "geo" / "jatim-kabupaten.geojson")
        )
        parser.add_argument("--province", default="35")
        parser.add_argument("--width", type=int, default=640)
        parser.add_argument("--output", default=None)

    def handle(self, *args, source, province, width, output, **options):
        features = read_features(source, province + ".", "kabupaten/kota")
        project, height = projection(features, width)

        regencies = {}
        for feature in sorted(features, key=lambda f: f["properties"]["kode"]):
            paths = [encode_path(drop_collinear(points)) for points in projected_rings(feature["geometry"], project)]
            if paths:
                regencies[feature["properties"]["kode"]] = {"name": feature["properties"]["nama"], "d": "".join(paths)}

        out = Path(output) if output else MAP_DIR / f"province-{province}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {"credit": CREDIT, "width": width, "height": height, "regencies": regencies}
        out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
        self.stdout.write(f"{out}: {len(regencies)} kabupaten/kota, {out.stat().st_size // 1024} KB")
