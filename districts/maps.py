"""Server-rendered SVG maps of KIM coverage (no tiles, no JavaScript).

Shapes come from districts/data/maps/<regency>.json, derived once by
`manage.py build_maps` from ../shared/data/geo and shipped in the repository.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse

from decrees.formation import FormationStatus

MAP_DIR = Path(__file__).resolve().parent / "data" / "maps"
NO_KIM = "belum_ada_kim"


@functools.cache
def load_shapes(regency_code):
    path = MAP_DIR / f"{regency_code}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Shape:
    code: str
    name: str
    url: str
    status: str
    label: str
    d: str
    outline: str = ""


def _label(status):
    return str(FormationStatus(status).label) if status != NO_KIM else "belum ada KIM"


def district_map(regency_code, coverage):
    """Kecamatan coloured by the status of their kecamatan-level KIMs."""
    shapes = load_shapes(regency_code)
    if not shapes:
        return None
    fills = {}
    for code, village in shapes["villages"].items():
        fills.setdefault(code.rsplit(".", 1)[0], []).append(village["d"])
    result = []
    for row in coverage.rows:
        code = row.district.code
        if code not in fills:
            continue
        status = row.kim_status or NO_KIM
        result.append(
            Shape(
                code,
                row.district.display_name,
                reverse("districts:district_detail", args=[code]),
                status,
                _label(status),
                "".join(fills[code]),
                shapes["districts"].get(code, ""),
            )
        )
    return {"width": shapes["width"], "height": shapes["height"], "shapes": result, "outlines": True}


def village_map(regency_code, coverage, village_names):
    """Desa/kelurahan coloured by the status of their village-level KIMs."""
    shapes = load_shapes(regency_code)
    if not shapes:
        return None
    result = []
    for code, village in shapes["villages"].items():
        if code not in village_names:
            continue
        status = coverage.village_status.get(code) or NO_KIM
        result.append(
            Shape(
                code,
                village_names[code],
                reverse("districts:village_detail", args=[code]),
                status,
                _label(status),
                village["d"],
            )
        )
    outlines = [Shape(code, "", "", "", "", "", d) for code, d in shapes["districts"].items()]
    return {"width": shapes["width"], "height": shapes["height"], "shapes": result, "district_outlines": outlines}
