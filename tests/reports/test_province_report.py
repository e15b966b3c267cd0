"""The province report: exact rows and columns in XLSX and CSV, recorded once, with changes since the last."""

import csv
import datetime
import io
import re
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from decrees.models import Decree
from districts.models import Classification, KimGroup, Officer, OfficerRole, RegencyRules, Village
from reports.export import CSV_COLUMN_HELP, XLSX_COLUMNS
from reports.models import ProvinceReport
from reports.rows import PROVINCE_COLUMNS
from tests.factories import DecreeFactory, KimFactory, UserFactory

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
    RegencyRules.objects.filter(regency=tuban).update(
        signer_place="Tuban",
        signer_title="Kepala Dinas Komunikasi dan Informatika",
        signer_name="Drs. Budi Santoso, M.Si.",
        signer_rank="Pembina Utama Muda (IV/c)",
        signer_nip="197001012000031001",
    )
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
        "--period",
        "Semester I 2025",
        stdout=out,
    )
    assert "3 KIM terbentuk per 2025-06-01" in out.getvalue()
    return path


def report_url():
    return reverse("reports:province", args=["35.23"])


def record(client, fmt="xlsx", period="Semester I 2025", date="2025-06-01", submission=None):
    """Send the record form as the page gives it (with its one-time token); returns the new report."""
    token = submission or client.get(report_url()).context["form"]["submission"].value()
    response = client.post(
        report_url(), {"report_date": date, "period": period, "file_format": fmt, "submission": token}
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return ProvinceReport.objects.order_by("-created_at").first()


def workbook_of(client, report):
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def header_row(sheet):
    return next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "No.")


def table(sheet):
    """The report table as dicts by heading, from the header row to the first empty row."""
    top = header_row(sheet)
    headings = [cell.value for cell in sheet[top]]
    rows = []
    for row in sheet.iter_rows(min_row=top + 1):
        if row[0].value is None:
            break
        rows.append(dict(zip(headings, row, strict=False)))
    return rows


def texts(sheet):
    return [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_csv_has_bom_machine_header_and_exactly_the_formed_kims(constructed, tmp_path):
    content = export("csv", tmp_path).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8 whatever its settings
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == PROVINCE_COLUMNS
    assert rows[1:] == EXPECTED


def test_semicolon_csv_opens_in_columns_in_excel_with_indonesian_settings(constructed, tmp_path):
    content = export("csv-tk", tmp_path).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(PROVINCE_COLUMNS)
    assert list(csv.reader(io.StringIO(text), delimiter=";"))[1:] == EXPECTED


def test_csv_columns_are_documented_on_the_report_page(client_for, tuban_staff, constructed):
    assert [name for name, _kind, _meaning in CSV_COLUMN_HELP] == PROVINCE_COLUMNS
    page = client_for(tuban_staff).get(report_url()).content.decode()
    for column in PROVINCE_COLUMNS:
        assert f"<code>{column}</code>" in page


def test_xlsx_has_title_block_with_regency_period_and_date_and_indonesian_headings(constructed, tmp_path):
    sheet = load_workbook(export("xlsx", tmp_path)).active
    assert sheet["A1"].value == "Laporan KIM Terbentuk"
    assert sheet["A2"].value == "Kabupaten Tuban"
    assert sheet["A3"].value == "Periode: Semester I 2025"
    assert sheet["A4"].value == "Tanggal laporan: 1 Juni 2025"
    assert "Peraturan Bupati Tuban Nomor 55 Tahun 2020" in sheet["A5"].value
    top = header_row(sheet)
    headings = [cell.value for cell in sheet[top]]
    assert headings[:9] == [
        "No.", "Perubahan", "Kecamatan", "Desa/Kelurahan", "Kode wilayah", "Tingkat", "Nama KIM", "Nomor SK",
        "Tanggal SK",
    ]  # fmt: skip
    assert "Masa bakti s.d." in headings and "nama_kim" not in headings
    rows = table(sheet)
    assert [r["No."].value for r in rows] == [1, 2, 3]
    assert [r["Nama KIM"].value for r in rows] == ["KIM Jenu Berdaya", "KIM Beji Bersinar", "KIM Mondokan"]
    assert [r["Kode wilayah"].value for r in rows] == ["35.23.12", "35.23.12.2009", "35.23.16.1003"]


def test_xlsx_dates_are_date_cells_shown_in_indonesian_and_numbers_are_numbers(constructed, tmp_path):
    rows = table(load_workbook(export("xlsx", tmp_path)).active)
    signed = rows[0]["Tanggal SK"]
    assert signed.is_date and signed.value.date() == datetime.date(2023, 1, 5)
    assert signed.number_format == "[$-421]d mmmm yyyy"  # Excel shows "5 Januari 2023"
    assert rows[0]["Masa bakti s.d."].value.date() == datetime.date(2026, 1, 4)
    assert rows[0]["Jumlah anggota"].value == 25 and rows[0]["Jumlah anggota"].data_type == "n"
    assert rows[0]["Kode wilayah"].data_type == "s"  # "35.23.12" stays a code, not a number


def test_xlsx_has_totals_coverage_and_kims_by_level(constructed, tmp_path):
    sheet = load_workbook(export("xlsx", tmp_path)).active
    found = texts(sheet)
    assert "1 dari 20 kecamatan" in found
    assert "2 dari 328 desa/kelurahan" in found
    labels = {row[0].value: row[6].value for row in sheet.iter_rows(min_row=header_row(sheet) + 4) if row[0].value}
    assert labels["Jumlah KIM terbentuk"] == 3
    assert (labels["KIM tingkat kecamatan"], labels["KIM tingkat desa"], labels["KIM tingkat kelurahan"]) == (1, 1, 1)


def test_xlsx_has_the_signature_block_from_the_regency_rules_and_the_credit_line(constructed, tmp_path):
    sheet = load_workbook(export("xlsx", tmp_path)).active
    found = texts(sheet)
    place = found.index("Tuban, 1 Juni 2025")
    assert found[place + 1] == "Kepala Dinas Komunikasi dan Informatika"
    assert found[place + 2 : place + 5] == [
        "Drs. Budi Santoso, M.Si.", "Pembina Utama Muda (IV/c)", "NIP. 197001012000031001",
    ]  # fmt: skip
    assert found[-1].startswith("Dibuat dengan KIMTrack pada ")


def test_xlsx_is_print_ready(constructed, tmp_path):
    sheet = load_workbook(export("xlsx", tmp_path)).active
    top = header_row(sheet)
    assert sheet.freeze_panes == f"A{top + 1}"
    assert sheet.print_title_rows == f"${top}:${top}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["G"].width >= 20  # Nama KIM
    assert sheet.auto_filter.ref == f"A{top}:R{top + 3}"


HOSTILE = ['=HYPERLINK("http://x","y")', "+62 812 3", "-1+2", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.fixture
def hostile(constructed):
    """User text that spreadsheets would run as formulas: KIM name, officer, SK number, address."""
    ketua = OfficerRole.objects.get(regency=constructed.district.regency, name="Ketua")
    Officer.objects.filter(kim=constructed).update(name="=cmd|' /C calc'!A0")
    KimGroup.objects.filter(pk=constructed.pk).update(name=HOSTILE[0], address="@SUM(1+1)")
    for code, text in zip(["35.23.12.2010", "35.23.12.2011", "35.23.12.2012"], HOSTILE[1:4], strict=True):
        kim = KimFactory(village=Village.objects.get(code=code), name=f"KIM {code}")
        Officer.objects.create(kim=kim, role=ketua, name=text)
        sk(kim, S.VERIFIED, number=text)
    return constructed


def test_no_formula_cells_in_the_xlsx_even_for_hostile_names(client_for, tuban_staff, hostile):
    client = client_for(tuban_staff)
    record(client)
    sheet = workbook_of(client, ProvinceReport.objects.get()).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert {HOSTILE[0], "+62 812 3", "-1+2", "@SUM(A1)", "=cmd|' /C calc'!A0", "@SUM(1+1)"} <= values


def test_csv_cells_that_would_start_a_formula_are_neutralised(client_for, tuban_staff, hostile):
    client = client_for(tuban_staff)
    record(client, fmt="csv")
    report = ProvinceReport.objects.get()
    content = b"".join(client.get(reverse("reports:download", args=[report.pk])).streaming_content)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    names = {row["nama_kim"] for row in rows}
    assert "'" + HOSTILE[0] in names
    assert {row["nomor_sk"] for row in rows} >= {"'+62 812 3", "'-1+2", "'@SUM(A1)"}
    assert "'=cmd|' /C calc'!A0" in {row["ketua"] for row in rows}
    for row in rows:
        for value in row.values():
            assert not re.match(r"[=+\-@\t\r]", value), value


def test_double_submit_records_one_report(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    token = client.get(report_url()).context["form"]["submission"].value()
    first = record(client, submission=token)
    again = client.post(
        report_url(),
        {"report_date": "2025-06-01", "period": "Semester I 2025", "file_format": "xlsx", "submission": token},
        follow=True,
    )
    assert ProvinceReport.objects.count() == 1 and first.entries.count() == 3
    assert "tidak dicatat dua kali" in again.content.decode()
    # Back to a page the browser fetched again (a new token), the same choices sent again: still one report.
    record(client)
    assert ProvinceReport.objects.count() == 1
    # Another period, another format or changed rows is another report.
    record(client, period="Semester II 2025")
    record(client, period="Semester II 2025", fmt="csv")
    KimGroup.objects.filter(pk=constructed.pk).update(member_count=99)
    record(client, period="Semester II 2025", fmt="csv")
    assert ProvinceReport.objects.count() == 4


def test_a_form_without_its_token_records_nothing(client_for, tuban_staff, constructed):
    response = client_for(tuban_staff).post(
        report_url(), {"report_date": "2025-06-01", "period": "Semester I 2025", "file_format": "xlsx"}
    )
    assert response.status_code == 200 and ProvinceReport.objects.count() == 0
    assert "muat ulang halaman" in response.content.decode()


def test_the_preview_form_is_a_get_without_the_csrf_token(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    page = client.get(report_url(), {"report_date": "2025-06-01"}).content.decode()
    forms = re.findall(r"<form[^>]*>.*?</form>", page, flags=re.S)
    preview = next(f for f in forms if 'method="get"' in f)
    assert "csrfmiddlewaretoken" not in preview and 'name="report_date"' in preview
    assert 'name="period"' not in preview
    recorded = next(f for f in forms if 'method="post"' in f and 'name="submission"' in f)
    assert "csrfmiddlewaretoken" in recorded and 'name="submission"' in recorded
    assert 'value="2025-06-01"' in recorded  # the previewed date carries into the record form


def test_staff_record_a_report_and_see_what_changed_since(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    first = client.get(report_url(), {"report_date": "2025-06-01"})
    assert [m[0] for m in first.context["marked"]] == ["baru", "baru", "baru"]
    report = record(client)
    assert (report.row_count, report.produced_by, report.period) == (3, tuban_staff, "Semester I 2025")
    assert report.entries.count() == 3
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="kim-35.23-2025-06-01.xlsx"'

    constructed.member_count = 30
    constructed.save()
    KimGroup.objects.filter(name="KIM Mondokan").update(activity=KimGroup.Activity.DISSOLVED)
    new = KimFactory(village=Village.objects.get(code="35.23.12.2010"), name="KIM Wadung")
    sk(new, S.VERIFIED, number="W/1")
    after = client.get(report_url(), {"report_date": "2025-06-01"}).context
    states = {decree.kim.name: state for state, decree, _row in after["marked"]}
    assert states == {"KIM Jenu Berdaya": "berubah", "KIM Beji Bersinar": "sama", "KIM Wadung": "baru"}
    assert [(e.kim.name, why) for e, why in after["gone"]] == [("KIM Mondokan", "KIM bubar.")]


def test_the_xlsx_shows_changes_and_the_kims_no_longer_formed_with_why(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    record(client)
    constructed.member_count = 30
    constructed.save()
    KimGroup.objects.filter(name="KIM Mondokan").update(activity=KimGroup.Activity.DISSOLVED)
    beji = Decree.objects.get(kim__name="KIM Beji Bersinar")
    beji.withdraw(by=tuban_staff, reason="SK palsu")
    second = record(client, period="Semester II 2025")
    sheet = workbook_of(client, second).active
    assert [(r["Nama KIM"].value, r["Perubahan"].value) for r in table(sheet)] == [("KIM Jenu Berdaya", "berubah")]
    found = texts(sheet)
    assert "KIM di laporan terakhir yang tidak lagi terbentuk" in found
    assert found[found.index("KIM Beji Bersinar") + 2] == "SK ditarik: SK palsu"
    assert found[found.index("KIM Mondokan") + 2] == "KIM bubar."
    assert any(
        text.startswith("Dibanding laporan terakhir (tanggal laporan 1 Juni 2025): 0 baru, 1 berubah") for text in found
    )


def test_the_printable_page_shows_the_recorded_content(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    report = record(client)
    KimGroup.objects.filter(pk=constructed.pk).update(name="Nama sesudah dicatat")
    response = client.get(reverse("reports:print", args=[report.pk]))
    page = response.content.decode()
    assert "Laporan KIM Terbentuk" in page and "Periode: Semester I 2025" in page
    assert "Tanggal laporan: 1 Juni 2025" in page and "5 Januari 2023" in page
    assert "KIM Jenu Berdaya" in page and "Nama sesudah dicatat" not in page  # what was recorded
    assert "1 dari 20 kecamatan" in page and "2 dari 328 desa/kelurahan" in page
    assert "NIP. 197001012000031001" in page and "Dibuat dengan KIMTrack" in page
    assert "css/report-print.css" in page
    head = page.split('data-testid="report-rows"')[1].split("</thead>")[0]
    headings = re.findall(r'<th scope="col">([^<]+)</th>', head)
    assert headings == [heading for heading, _width, _key in XLSX_COLUMNS]  # the file's columns, in its order
    assert "Jl. Raya Jenu No. 1 Jenu" in page and "https://kimjenu.id" in page


def test_a_report_is_marked_sent_and_the_history_shows_it(client_for, tuban_staff, constructed):
    client = client_for(tuban_staff)
    report = record(client)
    url = reverse("reports:sent", args=[report.pk])
    today = datetime.date.today()
    response = client.post(url, {"sent_on": today.isoformat(), "sent_via": "surat", "sent_reference": "=1+1/2025"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.sent_on, report.sent_via, report.sent_reference) == (today, "surat", "=1+1/2025")
    assert report.sent_marked_by == tuban_staff and report.sent_marked_at is not None
    history = client.get(report_url()).content.decode()
    cell = re.search(r'data-testid="sent">(.*?)</td>', history, flags=re.S).group(1)
    assert "lewat surat" in cell and "=1+1/2025" in cell and str(tuban_staff) in cell


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [
        (datetime.date(2000, 1, 1), "sebelum laporan dicatat"),
        (datetime.date(2999, 1, 1), "masa depan"),
    ],
)
def test_a_sent_date_that_cannot_be_true_is_refused(client_for, tuban_staff, constructed, sent_on, message):
    client = client_for(tuban_staff)
    report = record(client)
    response = client.post(
        reverse("reports:sent", args=[report.pk]), {"sent_on": sent_on.isoformat(), "sent_via": "email"}
    )
    assert response.status_code == 200 and message in response.content.decode()
    report.refresh_from_db()
    assert report.sent_on is None


def test_staff_set_the_report_signer_on_the_regency_rules_page(client_for, tuban_staff, tuban):
    client = client_for(tuban_staff)
    url = reverse("districts:regency_rules", args=["35.23"])
    page = client.get(url)
    from tests.pages import rules_post

    data = rules_post(
        page,
        signer_place="Tuban",
        signer_title="Kepala Dinas",
        signer_name="Ir. Siti",
        signer_rank="Pembina (IV/a)",
        signer_nip="19700101 200003 2 001",
    )
    assert client.post(url, data).status_code == 302
    rules = RegencyRules.objects.get(regency=tuban)
    assert (rules.signer_name, rules.signer_nip) == ("Ir. Siti", "197001012000032001")
    refused = client.post(url, {**data, "signer_nip": "1970-01"})
    assert "NIP terdiri dari 18 angka" in refused.content.decode() and 'value="1970-01"' in refused.content.decode()


def test_kecamatan_admins_and_other_regencies_cannot_report(client_for, jenu_admin, lamongan_staff, constructed):
    url = reverse("reports:province", args=["35.23"])
    assert client_for(jenu_admin).get(url).status_code == 403
    assert client_for(lamongan_staff).get(url).status_code == 404


def test_a_token_of_another_regency_records_nothing(client_for, tuban_staff, lamongan, constructed):
    client = client_for(tuban_staff)
    report = record(client)
    lamongan_staff = UserFactory(staff_of=lamongan)
    response = client_for(lamongan_staff).post(
        reverse("reports:province", args=["35.24"]),
        {"report_date": "2025-06-01", "period": "x", "file_format": "csv", "submission": str(report.submission)},
    )
    assert response.status_code == 200 and ProvinceReport.objects.count() == 1
    assert "sudah dipakai untuk laporan lain" in response.content.decode()
    assert uuid.UUID(str(report.submission))
