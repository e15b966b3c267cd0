"""The province report: exact rows and columns in XLSX and CSV, recorded, with changes since the last."""

import csv
import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from decrees.models import Decree
from districts.models import Classification, KimGroup, Officer, OfficerRole, RegencyRules, Village
from reports.models import ProvinceReport
from reports.rows import PROVINCE_COLUMNS
from tests.factories import DecreeFactory, KimFactory

DATE = datetime.date(2025, 6, 1)
S = Decree.Status
CURRENT = {
    "signed_on": datetime.date(2023, 1, 5),
    "term_start": datetime.date(2023, 1, 5),
    "term_end": datetime.date(2026, 1, 4),
}


def sk(kim, status, **extra):
    reasons = {S.REJECTED: {"rejection_reason": "x"}, S.WITHDRAWN: {"withdrawal_reason": "x"}}
    return DecreeFactory(kim=kim, status=status, **{**CURRENT, **extra}, **reasons.get(status, {}))


@pytest.fixture
def constructed(tuban, lamongan, jenu):
    RegencyRules.for_regency(tuban)
    ketua = OfficerRole.objects.get(regency=tuban, name="Ketua")
    madya = Classification.objects.get(regency=tuban, name="Madya")
    district_kim = KimFactory(
        level="kecamatan",
        district=jenu,
        name="KIM Jenu Berdaya",
        member_count=25,
        classification=madya,
        address="Jl. Raya Jenu  No. 1\nJenu",
        website="https://kimjenu.id",
    )
    Officer.objects.create(kim=district_kim, role=ketua, name="Siti Aminah", phone="0812")
    sk(
        district_kim,
        S.SUPERSEDED,
        number="OLD/2020",
        signed_on=datetime.date(2020, 1, 1),
        term_start=datetime.date(2020, 1, 1),
        term_end=datetime.date(2022, 12, 31),
    )
    sk(district_kim, S.VERIFIED, number="188.45/1/414.403/2023")
    beji = KimFactory(village=Village.objects.get(code="35.23.12.2009"), name="KIM Beji Bersinar")
    sk(beji, S.VERIFIED, number="188.45/2/2023")
    mondokan = KimFactory(village=Village.objects.get(code="35.23.16.1003"), name="KIM Mondokan")
    sk(mondokan, S.VERIFIED, number="188.45/3/2023")
    expired = KimFactory(village=Village.objects.get(code="35.23.12.2008"), name="KIM Kedaluwarsa")
    sk(expired, S.VERIFIED, number="EXPIRED/1", term_end=datetime.date(2025, 5, 31))
    sk(KimFactory(village=Village.objects.get(code="35.23.12.2001"), name="KIM Menunggu"), S.PENDING, number="P/1")
    sk(KimFactory(village=Village.objects.get(code="35.23.12.2002"), name="KIM Ditolak"), S.REJECTED, number="R/1")
    sk(
        KimFactory(
            village=Village.objects.get(code="35.23.12.2003"), name="KIM Bubar", activity=KimGroup.Activity.DISSOLVED
        ),
        S.VERIFIED,
        number="B/1",
    )
    sk(KimFactory(village=Village.objects.get(code="35.24.01.2001"), name="KIM Lamongan"), S.VERIFIED, number="L/1")
    sk(
        KimFactory(village=Village.objects.get(code="35.23.12.2004"), name="KIM Belakangan"),
        S.VERIFIED,
        number="LATER/1",
        signed_on=datetime.date(2025, 6, 2),
    )
    return district_kim


EXPECTED = [
    ["35.23", "Kabupaten Tuban", "35.23.12", "Jenu", "", "", "kecamatan", "KIM Jenu Berdaya",
     "188.45/1/414.403/2023", "2023-01-05", "Camat Jenu", "2023-01-05", "2026-01-04", "Madya", "Aktif",
     "Siti Aminah", "25", "Jl. Raya Jenu No. 1 Jenu", "https://kimjenu.id"],
    ["35.23", "Kabupaten Tuban", "35.23.12", "Jenu", "35.23.12.2009", "Beji", "desa", "KIM Beji Bersinar",
     "188.45/2/2023", "2023-01-05", "Kepala Desa Beji", "2023-01-05", "2026-01-04", "", "Aktif", "", "10", "", ""],
    ["35.23", "Kabupaten Tuban", "35.23.16", "Tuban", "35.23.16.1003", "Mondokan", "kelurahan", "KIM Mondokan",
     "188.45/3/2023", "2023-01-05", "Lurah Mondokan", "2023-01-05", "2026-01-04", "", "Aktif", "", "10", "", ""],
]  # fmt: skip


def export(fmt, tmp_path):
    path = tmp_path / f"laporan.{fmt}"
    out = StringIO()
    call_command(
        "export_province_report",
        "--regency",
        "35.23",
        "--format",
        fmt,
        "--output",
        str(path),
        "--date",
        DATE.isoformat(),
        stdout=out,
    )
    assert "3 KIM terbentuk per 2025-06-01" in out.getvalue()
    return path


def test_csv_has_the_header_and_exactly_the_formed_kims(constructed, tmp_path):
    content = export("csv", tmp_path).read_bytes()
    assert not content.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM: header first, nothing else
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    assert rows[0] == PROVINCE_COLUMNS
    assert rows[1:] == EXPECTED


def test_xlsx_has_title_block_header_frozen_panes_filter_and_the_same_rows(constructed, tmp_path):
    sheet = load_workbook(export("xlsx", tmp_path)).active
    assert sheet["A1"].value == "Daftar KIM terbentuk — Kabupaten Tuban"
    assert sheet["A2"].value == "Tanggal laporan: 2025-06-01"
    assert "Peraturan Bupati Tuban Nomor 55 Tahun 2020" in sheet["A3"].value
    values = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert values[0] == PROVINCE_COLUMNS
    assert values[1:] == EXPECTED
    assert sheet.freeze_panes == "A6"
    assert sheet.auto_filter.ref == "A5:S8"
    assert sheet.column_dimensions["H"].width >= 20


def test_staff_record_a_report_and_see_what_changed_since(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    url = reverse("reports:province", args=["35.23"])
    first = client.get(url, {"report_date": "2025-06-01"})
    assert [m[0] for m in first.context["marked"]] == ["baru", "baru", "baru"]
    client.post(url, {"report_date": "2025-06-01", "period": "Semester I 2025", "file_format": "xlsx"})
    report = ProvinceReport.objects.get()
    assert (report.row_count, report.produced_by, report.period) == (3, tuban_staff, "Semester I 2025")
    assert report.entries.count() == 3
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 200

    constructed.member_count = 30
    constructed.save()
    KimGroup.objects.filter(name="KIM Mondokan").update(activity=KimGroup.Activity.DISSOLVED)
    new = KimFactory(village=Village.objects.get(code="35.23.12.2010"), name="KIM Wadung")
    sk(new, S.VERIFIED, number="W/1")
    after = client.get(url, {"report_date": "2025-06-01"}).context
    states = {decree.kim.name: state for state, decree, _row in after["marked"]}
    assert states == {"KIM Jenu Berdaya": "berubah", "KIM Beji Bersinar": "sama", "KIM Wadung": "baru"}
    assert [e.kim.name for e in after["gone"]] == ["KIM Mondokan"]


def test_kecamatan_admins_and_other_regencies_cannot_report(client_for, jenu_admin, lamongan_staff, constructed):
    url = reverse("reports:province", args=["35.23"])
    assert client_for(jenu_admin).get(url).status_code == 403
    assert client_for(lamongan_staff).get(url).status_code == 404
