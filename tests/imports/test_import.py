"""Bulk import of existing KIM lists: preview with per-row errors, then all rows or none."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from decrees.models import Decree
from districts.models import KimGroup, Officer
from imports.models import ImportBatch
from imports.parsing import COLUMNS
from tests.files import image_bytes, sk_photo, upload

HEADER = "kode_kecamatan,kecamatan,kode_desa,desa_kelurahan,tingkat,nama_kim,jumlah_anggota,ketua,nomor_sk,tanggal_sk,penandatangan,masa_bakti_mulai,masa_bakti_selesai,klasifikasi"  # noqa: E501
CLEAN = (
    HEADER
    + """
35.23.12,,,,kecamatan,KIM Jenu Berdaya,20,Siti Aminah,188.45/1/2022,17/01/2022,Camat Jenu,2022-01-17,2027-01-16,Madya
,Jenu,,Beji,desa,KIM Beji Bersinar,12,Sutrisno,188.45/2/2022,2022-03-07,Kepala Desa Beji,2022-03-07,2027-03-06,
,  KEC. JENU ,,"desa  beji.",desa,KIM Beji Kedua,5,,,,,,,
,Tuban,35.23.16.1003,,kelurahan,KIM Mondokan,8,,,,,,,pemula
"""
)


def csv_upload(text, name="kim.csv"):
    return upload(name, text.encode("utf-8"), "text/csv")


def start(client, file):
    response = client.post(reverse("imports:start"), {"file": file})
    batch = ImportBatch.objects.order_by("-created_at").first()
    assert response["Location"] == batch.get_absolute_url()
    return batch, client.get(batch.get_absolute_url())


def test_clean_csv_previews_then_writes_everything(client_for, tuban_staff):
    client = client_for(tuban_staff)
    batch, preview = start(client, csv_upload(CLEAN))
    planned = preview.context["planned"]
    assert [row.errors for row in planned] == [[], [], [], []]
    assert [row.action for row in planned] == ["baru"] * 4
    assert KimGroup.objects.count() == 0  # preview writes nothing
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert sorted(KimGroup.objects.values_list("name", "village_id")) == [
        ("KIM Beji Bersinar", "35.23.12.2009"),
        ("KIM Beji Kedua", "35.23.12.2009"),
        ("KIM Jenu Berdaya", None),
        ("KIM Mondokan", "35.23.16.1003"),
    ]
    jenu = KimGroup.objects.get(name="KIM Jenu Berdaya")
    assert (jenu.level, jenu.member_count, jenu.classification.name) == ("kecamatan", 20, "Madya")
    assert Officer.objects.get(kim=jenu).name == "Siti Aminah"
    decree = Decree.objects.get(kim=jenu)
    assert (decree.status, decree.imported, decree.issuer) == ("menunggu", True, "Camat Jenu")
    batch.refresh_from_db()
    assert batch.status == "diterapkan" and batch.summary["baru"] == 4


def test_imported_sk_counts_only_after_a_scan_is_uploaded_and_verified(client_for, tuban_staff):
    client = client_for(tuban_staff)
    batch, _ = start(client, csv_upload(CLEAN))
    client.post(reverse("imports:apply", args=[batch.pk]))
    kim = KimGroup.objects.get(name="KIM Jenu Berdaya")
    decree = Decree.objects.get(kim=kim)
    response = client.post(reverse("decrees:verify", args=[decree.pk]), {"confirm": "1"}, follow=True)
    assert "belum memiliki berkas" in response.content.decode()
    assert KimGroup.objects.with_formation_status().get(pk=kim.pk).formation_status == "menunggu"
    client.post(reverse("decrees:attach", args=[decree.pk]), {"files": [sk_photo()]})
    client.post(reverse("decrees:verify", args=[decree.pk]), {"confirm": "1"})
    assert KimGroup.objects.with_formation_status().get(pk=kim.pk).formation_status == "terbentuk"


def test_one_bad_row_means_nothing_is_written(client_for, tuban_staff):
    client = client_for(tuban_staff)
    bad = CLEAN + "35.23.99,,,,kecamatan,KIM Salah,10,,,,,,,\n"
    batch, preview = start(client, csv_upload(bad))
    errors = {row.line: row.errors for row in preview.context["planned"] if row.errors}
    assert list(errors) == [6] and "kode kecamatan 35.23.99 tidak ada" in errors[6][0]
    assert preview.context["can_apply"] is False
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert KimGroup.objects.count() == 0 and Decree.objects.count() == 0


def test_reimporting_the_same_file_creates_no_duplicates(client_for, tuban_staff):
    client = client_for(tuban_staff)
    first, _ = start(client, csv_upload(CLEAN))
    client.post(reverse("imports:apply", args=[first.pk]))
    second, preview = start(client, csv_upload(CLEAN))
    planned = preview.context["planned"]
    assert [row.action for row in planned] == ["sama"] * 4
    assert [row.sk_action for row in planned[:2]] == ["sudah ada", "sudah ada"]
    client.post(reverse("imports:apply", args=[second.pk]))
    assert KimGroup.objects.count() == 4 and Decree.objects.count() == 2 and Officer.objects.count() == 2


def test_a_reimported_sk_number_is_matched_as_the_sk_rules_compare_numbers(client_for, tuban_staff):
    """Spacing and case make no other number; other punctuation does (188/45 is not 188.45)."""
    client = client_for(tuban_staff)
    first, _ = start(client, csv_upload(CLEAN))
    client.post(reverse("imports:apply", args=[first.pk]))
    spaced = CLEAN.replace("188.45/1/2022", "188.45 / 1/2022").replace("188.45/2/2022", "188/45/2/2022")
    _, preview = start(client, csv_upload(spaced))
    rows = preview.context["planned"]
    assert rows[0].sk_action == "sudah ada"
    assert rows[1].sk_action != "sudah ada"  # another number: a second SK, judged by the SK rules


def test_ambiguous_and_unknown_village_names_are_reported(client_for, tuban_staff):
    text = (
        HEADER
        + """
,,,Sidorejo,desa,KIM Sidorejo,10,,,,,,,
,Kenduruan,,Sidorejo,desa,KIM Sidorejo Kenduruan,10,,,,,,,
,,,Atlantis,desa,KIM Hilang,10,,,,,,,
"""
    )
    _batch, preview = start(client_for(tuban_staff), csv_upload(text))
    rows = preview.context["planned"]
    assert "ada di beberapa kecamatan (Kenduruan, Tuban)" in rows[0].errors[0]
    assert rows[1].errors == [] and rows[1].village.code == "35.23.01.2008"
    assert "“Atlantis” tidak dikenal" in rows[2].errors[0]


def test_xlsx_with_title_rows_and_excel_dates(client_for, tuban_staff):
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Daftar KIM Kabupaten Tuban 2022"])
    sheet.append([])
    sheet.append(
        [
            "kode_kecamatan",
            "tingkat",
            "nama_kim",
            "nomor_sk",
            "tanggal_sk",
            "penandatangan",
            "masa_bakti_mulai",
            "masa_bakti_selesai",
        ]
    )
    sheet.append(
        [
            "35.23.18",
            "kecamatan",
            "KIM Palang",
            "1/2022",
            datetime.datetime(2022, 5, 2),
            "Camat",
            datetime.datetime(2022, 5, 2),
            datetime.datetime(2025, 5, 1),
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    batch, preview = start(client_for(tuban_staff), upload("daftar.xlsx", out.getvalue(), "application/octet-stream"))
    (row,) = preview.context["planned"]
    assert row.errors == [] and row.values["sk"]["signed_on"] == datetime.date(2022, 5, 2)


def test_a_file_that_is_not_a_spreadsheet_is_refused_clearly(client_for, tuban_staff, media_files):
    file = upload("kim.xlsx", image_bytes("PNG"), "application/vnd.ms-excel")
    response = client_for(tuban_staff).post(reverse("imports:start"), {"file": file})
    assert "bukan spreadsheet XLSX atau CSV" in response.content.decode()
    assert ImportBatch.objects.count() == 0 and media_files() == []  # read at upload: nothing kept


def test_template_download_has_every_column(client_for, tuban_staff):
    from openpyxl import load_workbook

    response = client_for(tuban_staff).get(reverse("imports:template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == COLUMNS


@pytest.mark.parametrize("who", ["jenu_admin", "province_viewer"])
def test_only_staff_import(client_for, request, who):
    assert client_for(request.getfixturevalue(who)).get(reverse("imports:start")).status_code == 403


def test_a_kim_name_with_a_control_character_is_a_row_error_in_the_preview(client_for, tuban_staff):
    """Line breaks in a cell are folded into spaces by the parser; other control characters are refused."""
    client = client_for(tuban_staff)
    bad = CLEAN + "35.23.18,,,,kecamatan,KIM Palang\u202e\x07,10,,,,,,,\n"
    batch, preview = start(client, csv_upload(bad))
    errors = {row.line: row.errors for row in preview.context["planned"] if row.errors}
    assert any("satu baris" in message for messages in errors.values() for message in messages), errors
    assert preview.context["can_apply"] is False


PEOPLE_HEADER = "kode_kecamatan,tingkat,nama_kim,jumlah_anggota,telepon,ketua,sekretaris"


def test_imported_phones_are_stored_in_the_one_form_and_officer_names_follow_the_name_rule(client_for, tuban_staff):
    client = client_for(tuban_staff)
    rows = (
        PEOPLE_HEADER
        + "\n35.23.12,kecamatan,KIM Jenu Berdaya,20,0812 3456 7890,  Siti Aminah  ,Budi"
        + "\n35.23.18,kecamatan,KIM Palang,20,tanya pak RT,Sri\x1b,Joko"
    )
    batch, preview = start(client, csv_upload(rows))
    errors = {row.line: row.errors for row in preview.context["planned"]}
    assert errors[2] == []
    assert any(e.startswith("telepon:") and "tidak dikenali" in e for e in errors[3]), errors
    assert any(e.startswith("ketua:") and "satu baris" in e for e in errors[3]), errors
    assert preview.context["can_apply"] is False
    batch, preview = start(client, csv_upload(rows.rsplit("\n", 1)[0]))
    client.post(reverse("imports:apply", args=[batch.pk]))
    kim = KimGroup.objects.get(name="KIM Jenu Berdaya")
    assert kim.phone == "+6281234567890"
    assert sorted(kim.officers.values_list("role__name", "name")) == [("Ketua", "Siti Aminah"), ("Sekretaris", "Budi")]
    # The same number written another way is no change.
    again = PEOPLE_HEADER + "\n35.23.12,kecamatan,KIM Jenu Berdaya,20,+62 812-3456-7890,Siti Aminah,Budi"
    batch, preview = start(client, csv_upload(again))
    assert [(row.errors, row.action) for row in preview.context["planned"]] == [([], "sama")]


def test_an_import_cannot_give_a_kim_a_second_ketua(client_for, tuban_staff):
    client = client_for(tuban_staff)
    batch, _preview = start(client, csv_upload(PEOPLE_HEADER + "\n35.23.12,kecamatan,KIM Jenu Berdaya,20,,Siti,"))
    client.post(reverse("imports:apply", args=[batch.pk]))
    batch, preview = start(client, csv_upload(PEOPLE_HEADER + "\n35.23.12,kecamatan,KIM Jenu Berdaya,20,,Budi,"))
    (row,) = preview.context["planned"]
    assert any(e.startswith("ketua:") and "hanya boleh dipegang satu orang" in e for e in row.errors), row.errors
    assert preview.context["can_apply"] is False
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert list(Officer.objects.values_list("name", flat=True)) == ["Siti"]
