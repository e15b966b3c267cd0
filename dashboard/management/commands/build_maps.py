import json
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from dashboard.map_geometry import (
    chain_segments,
    credit,
    drop_collinear,
    drop_collinear_open,
    encode_path,
    projected_rings,
    projection,
    read_features,
)
from dashboard.maps import MAP_DIR

CREDIT = credit("build_maps")


class Command(BaseCommand):
    help = (
        "Turunkan peta SVG ringkas (desa/kelurahan dan kecamatan) dari GeoJSON di ../shared/data/geo. "
        "Hasilnya di-commit di dashboard/data/maps/ sehingga peta tampil tanpa ../shared."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", default=str(settings.KIMTRACK_SHARED_DIR / "data" / "geo" / "tuban-desa.geojson")
        )
        parser.add_argument("--regency", default="35.23")
        parser.add_argument("--width", type=int, default=640, help="Lebar viewBox; koordinat dibulatkan ke satuan ini.")
        parser.add_argument("--output", default=None)

    def handle(self, *args, source, regency, width, output, **options):
        features = read_features(source, regency + ".", "desa/kelurahan")
        project, height = projection(features, width)

        villages, edges_by_district = {}, defaultdict(Counter)
        for feature in sorted(features, key=lambda f: f["properties"]["kode"]):
            code = feature["properties"]["kode"]
            district = code.rsplit(".", 1)[0]
            paths = []
            for points in projected_rings(feature["geometry"], project):
                # Outline edges are counted before simplifying, so shared borders cancel exactly.
                for a, b in zip(points, points[1:] + points[:1], strict=True):
                    edges_by_district[district][frozenset((a, b))] += 1
                paths.append(encode_path(drop_collinear(points)))
            villages[code] = {"name": feature["properties"]["nama"], "d": "".join(paths)}

        districts = {}
        for district, edges in sorted(edges_by_district.items()):
            # Edges shared by two villages of the same kecamatan are inner; the rest is its outline.
            outline = [tuple(edge) for edge, n in edges.items() if n == 1 and len(edge) == 2]
            lines = chain_segments(outline)
            districts[district] = "".join(encode_path(drop_collinear_open(line), closed=False) for line in lines)

        out = Path(output) if output else MAP_DIR / f"{regency}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {"credit": CREDIT, "width": width, "height": height, "villages": villages, "districts": districts}
        out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
        self.stdout.write(
            f"{out}: {len(villages)} desa/kelurahan, {len(districts)} kecamatan, {out.stat().st_size // 1024} KB"
        )
