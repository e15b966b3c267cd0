"""The village map draws every kecamatan's outline (derived by cancelling shared desa edges)."""

import re

from django.urls import reverse


def test_village_map_draws_the_20_kecamatan_outlines(client_for, tuban_staff):
    svg = client_for(tuban_staff).get(reverse("map_svg", args=["desa"])).content.decode()
    outlines = re.findall(r'<path class="map-outline" d="(M[^"]+)"', svg)
    assert len(outlines) == 20 and all(len(d) > 50 for d in outlines)
