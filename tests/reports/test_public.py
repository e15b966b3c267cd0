"""The public page and open data show formed KIMs only, and nothing personal.

The data set is built to leak: every field a logged-out user must not see
carries a marker string, so a missing filter shows up as a marker in a response.
"""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from decrees.models import Decree
from districts.models import KimGroup, Officer, OfficerRole, RegencyRules, Village
from reports.rows import PUBLIC_COLUMNS
from tests.factories import DecreeFactory, KimFactory, attach_scan

S = Decree.Status
TERM = {
    "signed_on": datetime.date(2024, 1, 1),
    "term_start": datetime.date(2024, 1, 1),
    "term_end": datetime.date(2099, 1, 1),
}
SECRET = "RAHASIA"  # every marker contains it


@pytest.fixture
def leaky(tuban):
    RegencyRules.for_regency(tuban)
    ketua = OfficerRole.objects.get(regency=tuban, name="Ketua")
    formed = KimFactory(
        village=Village.objects.get(code="35.23.12.2009"),
        name="KIM Beji Bersinar",
        phone=f"0812-{SECRET}-PHONE",
        email=f"{SECRET.lower()}@example.org",
        address=f"{SECRET}-ALAMAT",
        notes=f"{SECRET}-CATATAN",
        website="https://beji.desa.id",
    )
    Officer.objects.create(kim=formed, role=ketua, name=f"{SECRET}-KETUA", phone=f"{SECRET}-HP-KETUA")
    decree = DecreeFactory(kim=formed, status=S.VERIFIED, number="188.45/9/2024", signatory=f"{SECRET}-TTD", **TERM)
    attach_scan(decree).__class__.objects.filter(decree=decree).update(original_name=f"{SECRET}-SCAN.jpg")
    DecreeFactory(
        kim=formed,
        status=S.SUPERSEDED,
        number=f"{SECRET}-OLD-SK",
        signed_on=datetime.date(2020, 1, 1),
        term_start=datetime.date(2020, 1, 1),
        term_end=datetime.date(2023, 1, 1),
    )
    for code, status, extra in [
        ("35.23.12.2001", S.PENDING, {}),
        ("35.23.12.2002", S.REJECTED, {"rejection_reason": f"{SECRET}-ALASAN"}),
        ("35.23.12.2003", S.WITHDRAWN, {"withdrawal_reason": f"{SECRET}-TARIK"}),
    ]:
        kim = KimFactory(village=Village.objects.get(code=code), name=f"KIM {SECRET} {status}")
        DecreeFactory(kim=kim, status=status, number=f"{SECRET}-{status}", **TERM, **extra)
    expired = KimFactory(village=Village.objects.get(code="35.23.12.2004"), name=f"KIM {SECRET} expired")
    DecreeFactory(
        kim=expired,
        status=S.VERIFIED,
        number=f"{SECRET}-EXP",
        signed_on=datetime.date(2019, 1, 1),
        term_start=datetime.date(2019, 1, 1),
        term_end=datetime.date(2022, 1, 1),
    )
    dissolved = KimFactory(
        village=Village.objects.get(code="35.23.12.2005"),
        name=f"KIM {SECRET} bubar",
        activity=KimGroup.Activity.DISSOLVED,
    )
    DecreeFactory(kim=dissolved, status=S.VERIFIED, number=f"{SECRET}-BUBAR", **TERM)
    return formed


def get_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        return response, b"".join(response.streaming_content).decode()
    return response, response.content.decode()


@pytest.mark.parametrize("url_name", ["public_page", "public_map", "reports:open_data_csv", "reports:open_data_json"])
def test_logged_out_responses_hold_no_personal_or_unverified_data(anon_client, leaky, url_name):
    _response, text = get_text(anon_client, reverse(url_name))
    if url_name != "public_map":  # the map names kecamatan, not KIMs
        assert "KIM Beji Bersinar" in text and "188.45/9/2024" in text
    assert SECRET not in text and SECRET.lower() not in text


def test_public_map_says_only_formed_or_not(anon_client, leaky):
    _r, page = get_text(anon_client, reverse("public_page"))
    _r, svg = get_text(anon_client, reverse("public_map"))
    import re

    shown = set(re.findall(r'class="map-shape status-(\w+)"', svg))
    assert shown == {"belum_ada_kim"}  # Jenu has no kecamatan-level KIM here; nothing else can show
    titles = " ".join(re.findall(r"<title>([^<]*)</title>", svg))
    assert "menunggu" not in titles and "ditolak" not in titles and "kedaluwarsa" not in titles
    assert "belum ada KIM terbentuk" in titles
    assert "/sk/" not in page and "/kim/" not in page  # no links into the private site


def test_open_data_csv_and_json_have_stable_fields_and_cache_headers(anon_client, leaky):
    response, text = get_text(anon_client, reverse("reports:open_data_csv"))
    assert response.streaming and "public, max-age=" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0].keys()) == PUBLIC_COLUMNS
    assert [r["nama_kim"] for r in rows] == ["KIM Beji Bersinar"]
    assert rows[0]["kode_desa"] == "35.23.12.2009" and rows[0]["tingkat"] == "desa"
    response, text = get_text(anon_client, reverse("reports:open_data_json"))
    assert response["Content-Type"].startswith("application/json") and response.streaming
    data = json.loads(text)
    assert isinstance(data, list) and list(data[0].keys()) == PUBLIC_COLUMNS
    assert data[0]["website"] == "https://beji.desa.id"


def test_open_data_filters_by_region_code(anon_client, leaky, lamongan):
    DecreeFactory(
        kim=KimFactory(village=Village.objects.get(code="35.24.01.2001"), name="KIM Lamongan"),
        status=S.VERIFIED,
        **TERM,
    )
    _r, everything = get_text(anon_client, reverse("reports:open_data_json"))
    _r, tuban_only = get_text(anon_client, reverse("reports:open_data_json") + "?wilayah=35.23")
    assert {r["nama_kim"] for r in json.loads(everything)} == {"KIM Beji Bersinar", "KIM Lamongan"}
    assert {r["nama_kim"] for r in json.loads(tuban_only)} == {"KIM Beji Bersinar"}


def test_empty_open_data_is_still_valid(anon_client, tuban):
    _r, text = get_text(anon_client, reverse("reports:open_data_json"))
    assert json.loads(text) == []
    _r, text = get_text(anon_client, reverse("reports:open_data_csv"))
    assert text.strip() == ",".join(PUBLIC_COLUMNS)


def test_public_page_links_to_the_documented_open_data(anon_client, leaky):
    _r, page = get_text(anon_client, reverse("public_page"))
    assert reverse("reports:open_data") in page
    _r, docs = get_text(anon_client, reverse("reports:open_data"))
    for column in PUBLIC_COLUMNS:
        assert f"<code>{column}</code>" in docs
