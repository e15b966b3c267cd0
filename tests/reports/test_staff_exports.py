"""The XLSX exports staff ask for (KIM list as filtered, outreach log, per-kecamatan recap) and the
open data downloads: readable names, Indonesian headings, real dates, numbers, no formulas, user scope."""

import csv
import datetime
import io
import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from decrees.models import Decree
from districts.models import KimGroup, Village
from outreach.models import OutreachEvent
from tests.factories import DecreeFactory, KimFactory

FORMULA = '=HYPERLINK("http://x","y")'
TERM = {
    "signed_on": datetime.date(2024, 1, 1),
    "term_start": datetime.date(2024, 1, 1),
    "term_end": datetime.date(2099, 1, 1),
}


@pytest.fixture
def data(jenu, palang):
    beji = KimFactory(
        village=Village.objects.get(code="35.23.12.2009"),
        name=FORMULA,
        founded_on=datetime.date(2021, 12, 10),
        member_count=12,
        address="+62 Jl. Raya",
        phone="+62812",
    )
    DecreeFactory(kim=beji, status=Decree.Status.VERIFIED, number="-1/2024", **TERM)
    KimFactory(level=KimGroup.Level.DISTRICT, district=jenu, name="KIM Jenu")
    KimFactory(village=Village.objects.get(code="35.23.18.2002"), name="KIM Palang")
    OutreachEvent.objects.create(
        held_on=datetime.date(2021, 12, 2),
        district=jenu,
        venue="@Balai Desa Beji",
        participant_count=30,
        speakers="=cmd\nBudi",
        participant_groups=["pkk"],
    )
    OutreachEvent.objects.create(held_on=datetime.date(2022, 3, 1), district=palang, venue="Balai", participant_count=5)
    return beji


def workbook(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content)).active


def header(sheet):
    return next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "No.")


def table(sheet):
    top = header(sheet)
    headings = [cell.value for cell in sheet[top]]
    rows = []
    for row in sheet.iter_rows(min_row=top + 1):
        if not isinstance(row[0].value, int):
            break
        rows.append(dict(zip(headings, row, strict=False)))
    return rows


def no_formulas(sheet):
    return not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def today_name(kind, code, extension="xlsx"):
    return f'filename="{kind}-{code}-{timezone.localdate().isoformat()}.{extension}"'


def test_kim_list_export_follows_the_filter_with_title_headings_dates_and_numbers(client_for, tuban_staff, data):
    response = client_for(tuban_staff).get(
        reverse("reports:kim_list_xlsx", args=["35.23"]), {"level": "desa", "q": "HYPER"}
    )
    assert today_name("kim", "35.23") in response["Content-Disposition"]
    sheet = workbook(response)
    assert sheet["A1"].value == "Daftar KIM" and sheet["A2"].value == "Kabupaten Tuban"
    assert sheet["A3"].value == "Saringan: Cari nama KIM: HYPER; Tingkat: Desa/Kelurahan"
    assert sheet["A4"].value.startswith("Diunduh ") and "staf_tuban" in sheet["A4"].value
    rows = table(sheet)
    assert [r["Nama KIM"].value for r in rows] == [FORMULA]
    assert rows[0]["Status pembentukan"].value == "terbentuk"
    founded = rows[0]["Tanggal pembentukan"]
    assert founded.is_date and founded.value.date() == datetime.date(2021, 12, 10)
    assert founded.number_format == "[$-421]d mmmm yyyy"
    assert rows[0]["Jumlah anggota"].value == 12 and rows[0]["Telepon"].value == "+62812"
    assert no_formulas(sheet)
    assert sheet.freeze_panes == f"A{header(sheet) + 1}" and sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == f"${header(sheet)}:${header(sheet)}"


def test_kecamatan_admins_export_only_their_kecamatan(client_for, jenu_admin, data):
    client = client_for(jenu_admin)
    rows = table(workbook(client.get(reverse("reports:kim_list_xlsx", args=["35.23.12"]))))
    assert sorted(r["Nama KIM"].value for r in rows) == sorted([FORMULA, "KIM Jenu"])
    assert client.get(reverse("reports:kim_list_xlsx", args=["35.23"])).status_code == 404
    assert client.get(reverse("reports:kim_list_xlsx", args=["35.23.18"])).status_code == 404
    # A kecamatan outside the area given as a filter is no way around it.
    assert client.get(reverse("reports:kim_list_xlsx", args=["35.23.12"]), {"district": "35.23.18"}).status_code == 404


def test_outreach_export_has_dates_numbers_and_text_only(client_for, tuban_staff, jenu_admin, data):
    response = client_for(tuban_staff).get(reverse("reports:outreach_xlsx", args=["35.23"]))
    assert today_name("sosialisasi", "35.23") in response["Content-Disposition"]
    sheet = workbook(response)
    rows = table(sheet)
    assert [r["Kecamatan"].value for r in rows] == ["Jenu", "Palang"]
    assert rows[0]["Tanggal"].is_date and rows[0]["Tanggal"].value.date() == datetime.date(2021, 12, 2)
    assert rows[0]["Jumlah peserta"].value == 30 and rows[0]["Sosialisasi ke- (tahun itu)"].value == 1
    assert rows[0]["Tempat"].value == "@Balai Desa Beji" and rows[0]["Narasumber"].value == "=cmd; Budi"
    assert rows[0]["Unsur peserta"].value == "PKK"
    assert no_formulas(sheet)
    jenu_only = table(workbook(client_for(jenu_admin).get(reverse("reports:outreach_xlsx", args=["35.23.12"]))))
    assert [r["Kecamatan"].value for r in jenu_only] == ["Jenu"]


def test_district_recap_is_the_dashboard_table_with_totals(client_for, tuban_staff, jenu_admin, data):
    response = client_for(tuban_staff).get(reverse("district_recap_xlsx", args=["35.23"]), {"urut": "-cakupan"})
    assert today_name("rekap-kecamatan", "35.23") in response["Content-Disposition"]
    sheet = workbook(response)
    assert "urut menurut Cakupan desa/kel., terbalik" in sheet["A3"].value
    rows = table(sheet)
    assert len(rows) == 20 and rows[0]["Kecamatan"].value == "Jenu"  # the one kecamatan with a covered village
    jenu = rows[0]
    assert (jenu["Desa/kel. dengan KIM terbentuk"].value, jenu["Jumlah sosialisasi"].value) == (1, 1)
    assert jenu["Sosialisasi pertama"].value.date() == datetime.date(2021, 12, 2)
    assert jenu["KIM kecamatan"].value == "belum ada SK"
    totals = next(row for row in sheet.iter_rows() if row[1].value == "Jumlah")
    assert totals[5].value == "0 dari 20 kecamatan" and totals[7].value == 328 and totals[4].value == 2
    assert no_formulas(sheet)
    own = table(workbook(client_for(jenu_admin).get(reverse("district_recap_xlsx", args=["35.23.12"]))))
    assert [r["Kecamatan"].value for r in own] == ["Jenu"]


def test_export_links_on_the_pages_carry_the_filter(client_for, tuban_staff, data):
    client = client_for(tuban_staff)
    page = client.get(reverse("districts:kim_list"), {"level": "desa"}).content.decode()
    assert reverse("reports:kim_list_xlsx", args=["35.23"]) + "?level=desa" in page
    assert reverse("reports:outreach_xlsx", args=["35.23"]) in client.get(reverse("outreach:list")).content.decode()
    assert reverse("district_recap_xlsx", args=["35.23"]) + "?urut=nama" in client.get("/").content.decode()


def test_open_data_downloads_have_readable_names_and_neutralised_csv_cells(anon_client, data):
    day = timezone.localdate().isoformat()
    response = anon_client.get(reverse("reports:open_data_csv"), {"wilayah": "35.23"})
    assert response["Content-Disposition"] == f'inline; filename="kim-35.23-{day}.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["nama_kim"], r["nomor_sk"]) for r in rows] == [("'" + FORMULA, "'-1/2024")]
    everything = anon_client.get(reverse("reports:open_data_json"))
    assert everything["Content-Disposition"] == f'inline; filename="kim-semua-{day}.json"'
    assert json.loads(b"".join(everything.streaming_content))[0]["nama_kim"] == FORMULA  # JSON is data already


def many(jenu, count):
    villages = list(Village.objects.filter(district=jenu).order_by("code"))
    first = KimGroup.objects.count()  # called twice: names stay unique per village (one KIM, one record)
    for index in range(count):
        kim = KimFactory(village=villages[index % len(villages)], name=f"KIM {first + index}")
        DecreeFactory(kim=kim, status=Decree.Status.VERIFIED, **TERM)
        OutreachEvent.objects.create(held_on=datetime.date(2022, 1, 1 + index % 28), district=jenu, venue="B",
                                     participant_count=index)  # fmt: skip


@pytest.mark.parametrize("name", ["reports:kim_list_xlsx", "reports:outreach_xlsx", "district_recap_xlsx"])
def test_exports_read_a_fixed_number_of_queries(client_for, tuban_staff, jenu, name, django_assert_max_num_queries):
    client = client_for(tuban_staff)
    url = reverse(name, args=["35.23"])
    many(jenu, 3)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    many(jenu, 60)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_province_report_page_reads_a_fixed_number_of_queries(
    client_for, tuban_staff, jenu, django_assert_max_num_queries
):
    client = client_for(tuban_staff)
    url = reverse("reports:province", args=["35.23"])
    many(jenu, 3)
    client.post(url, {"report_date": "2025-06-01", "period": "I", "file_format": "xlsx", "submission": uuid.uuid4()})
    with django_assert_max_num_queries(20):
        assert client.get(url, {"report_date": "2025-06-01"}).status_code == 200
    many(jenu, 60)
    with django_assert_max_num_queries(20):
        assert client.get(url, {"report_date": "2025-06-01"}).status_code == 200
