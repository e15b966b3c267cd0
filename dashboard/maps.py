"""Server-rendered SVG maps of KIM coverage (no tiles, no JavaScript).

Shapes come from dashboard/data/maps/<regency>.json, derived once by
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


def size_of(shapes):
    return (shapes["width"], shapes["height"]) if shapes else None


def size(regency_code):
    """(width, height) of the regency's map, or None when no shapes are shipped for it."""
    return size_of(load_shapes(regency_code))


def province_shapes(province_code):
    return load_shapes(f"province-{province_code}")


def province_map(province_code, rows):
    """Regencies coloured by how many of their kecamatan have a formed KIM; each links to its dashboard."""
    shapes = province_shapes(province_code)
    if not shapes:
        return None
    result = []
    for row in rows:
        shape = shapes["regencies"].get(row.regency.code)
        if shape is None:
            continue
        label = f"{row.district_covered}/{row.district_total} kecamatan, {row.village_percent}% desa/kelurahan"
        url = reverse("home") + f"?kabupaten={row.regency.code}"
        result.append(Shape(row.regency.code, row.regency.display_name, url, row.band, label, shape["d"]))
    return {"width": shapes["width"], "height": shapes["height"], "shapes": result}


def svg_response(request, map_data, title, template="dashboard/map.svg"):
    """The map as a standalone SVG document, revalidated by ETag (the shapes never change; statuses do)."""
    import hashlib

    from django.http import HttpResponse, HttpResponseNotModified
    from django.template.loader import render_to_string

    key = "|".join(f"{s.code}:{s.status}:{s.url}" for s in map_data["shapes"]) + str(title)
    etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        svg = render_to_string(template, {"map": map_data, "map_title": title})
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"  # always revalidate: 304 costs a few hundred bytes
    return response


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


PUBLIC_LABELS = {FormationStatus.FORMED: "KIM terbentuk", NO_KIM: "belum ada KIM terbentuk"}


def district_map(regency_code, coverage, public=False):
    """Kecamatan coloured by the status of their kecamatan-level KIMs.

    The public map shows only formed or not: pending, rejected or expired SKs are
    not the public's business until they form a KIM.
    """
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
        url, label = reverse("districts:district_detail", args=[code]), _label(status)
        if public:
            status = FormationStatus.FORMED.value if status == FormationStatus.FORMED else NO_KIM
            url, label = f"#kecamatan-{code}", PUBLIC_LABELS[status]
        result.append(
            Shape(
                code,
                row.district.display_name,
                url,
                status,
                label,
                "".join(fills[code]),
                shapes["districts"].get(code, ""),
            )
        )
    return {"width": shapes["width"], "height": shapes["height"], "shapes": result, "public": public}


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
    return {
        "width": shapes["width"],
        "height": shapes["height"],
        "shapes": result,
        "district_outlines": list(shapes["districts"].values()),  # drawn over the villages, not links
    }
