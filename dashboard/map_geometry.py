"""Turning GeoJSON boundaries into the compact SVG path data the maps ship with (build time only).

Used by the `build_maps` (desa/kelurahan and kecamatan of a regency) and
`build_province_map` (regencies of a province) commands; nothing here runs
when a page is served.
"""

import json
import math
from collections import defaultdict
from pathlib import Path

from django.core.management.base import CommandError


def credit(command):
    """The licence credit shipped with a derived map."""
    return (
        "Boundaries derived from cahyadsn/wilayah_boundaries (MIT, Copyright (c) 2024 Cahya DSN), "
        f"via ../shared/data/geo; projected, quantised and re-encoded by manage.py {command}."
    )


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def encode_path(points, closed=True):
    """SVG path data: an absolute move, then relative lines (short integers)."""
    x0, y0 = points[0]
    parts = [f"M{x0} {y0}"]
    for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
        parts.append(f"l{xb - xa} {yb - ya}")
    return "".join(parts) + ("z" if closed else "")


def drop_collinear(points):
    """Remove points lying on the straight line between their neighbours.

    Safe for shared borders: a point on an edge two villages share has the same
    neighbours in both rings, so both drop it or both keep it.
    """
    changed = True
    while changed and len(points) > 3:
        changed = False
        kept = []
        n = len(points)
        for i, (x, y) in enumerate(points):
            (xa, ya), (xb, yb) = points[i - 1], points[(i + 1) % n]
            if (x - xa) * (yb - ya) - (y - ya) * (xb - xa) == 0 and (kept or i < n - 1):
                changed = True
                continue
            kept.append((x, y))
        points = kept
    return points


def drop_collinear_open(line):
    """Like drop_collinear for an open polyline: its two ends always stay."""
    kept = [line[0]]
    for i in range(1, len(line) - 1):
        (xa, ya), (x, y), (xb, yb) = kept[-1], line[i], line[i + 1]
        if (x - xa) * (yb - ya) - (y - ya) * (xb - xa) != 0:
            kept.append((x, y))
    kept.append(line[-1])
    return kept


def chain_segments(segments):
    """Join boundary segments into as few polylines as possible."""
    neighbours = defaultdict(list)
    for a, b in segments:
        neighbours[a].append(b)
        neighbours[b].append(a)
    unused = {frozenset(s) for s in segments}
    lines = []
    for a, b in segments:
        if frozenset((a, b)) not in unused:
            continue
        unused.discard(frozenset((a, b)))
        line = [a, b]
        while True:
            nxt = next((n for n in neighbours[line[-1]] if frozenset((line[-1], n)) in unused), None)
            if nxt is None:
                break
            unused.discard(frozenset((line[-1], nxt)))
            line.append(nxt)
        lines.append(line)
    return lines


def read_features(source, prefix, what):
    """The GeoJSON features of `source` whose code starts with `prefix` (e.g. "35.23."), or CommandError."""
    try:
        features = json.loads(Path(source).read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise CommandError(f"Tidak bisa membaca {source}: {exc}") from None
    features = [f for f in features if f["properties"]["kode"].startswith(prefix)]
    if not features:
        raise CommandError(f"Tidak ada {what} {prefix.rstrip('.')} di {source}")
    return features


def projection(features, width):
    """(project, height): an equirectangular projection of the features' box onto `width` integer units."""
    coords = [pt for f in features for ring in _rings(f["geometry"]) for pt in ring]
    lon_min, lon_max = min(p[0] for p in coords), max(p[0] for p in coords)
    lat_min, lat_max = min(p[1] for p in coords), max(p[1] for p in coords)
    kx = math.cos(math.radians((lat_min + lat_max) / 2))
    scale = width / ((lon_max - lon_min) * kx)

    def project(pt):
        return (round((pt[0] - lon_min) * kx * scale), round((lat_max - pt[1]) * scale))

    return project, math.ceil((lat_max - lat_min) * scale)


def projected_rings(geometry, project):
    """Each ring projected, repeated points merged, unclosed; rings smaller than a unit of the map vanish."""
    for ring in _rings(geometry):
        points = []
        for pt in map(project, ring):
            if not points or points[-1] != pt:
                points.append(pt)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) >= 3:
            yield points
