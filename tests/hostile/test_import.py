"""Hostile KIM lists from the corpus, and rows that preview and saving must judge alike."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decrees.models import Decree
from districts.models import KimGroup, Officer
from imports.models import ImportBatch
from imports.parsing import MAX_COLUMNS, MAX_LINES, parse_date, read_table
from tests.files import upload
from tests.hostile import corpus

SHEET_MESSAGES = {
    "xlsx_declared_huge": "menyatakan ukuran A1:XFD1048576 (1.048.576 baris × 16.384 kolom)",
    "xlsx_lying_dimension": f"Lebih dari {MAX_LINES:,} baris dibaca".replace(",", "."),
    "xlsx_zip_bomb": "Isi berkas XLSX terlalu besar setelah dibuka",
    "csv_huge_field": "Baris 2: satu isian lebih dari 131.072 karakter",
    "csv_many_blank_lines": f"Lebih dari {MAX_LINES:,} baris dibaca".replace(",", "."),
    "csv_many_columns": f"Baris 1 memiliki 200.002 kolom; paling banyak {MAX_COLUMNS}",
}


def sheet_upload(name):
    return upload(name + (".csv" if name.startswith("csv") else ".xlsx"), corpus.SHEETS[name][0]())


@pytest.mark.parametrize("name", list(SHEET_MESSAGES))
def test_hostile_sheet_is_refused_by_the_parser_with_a_clear_message(name):
    with pytest.raises(ValidationError) as refused:
        read_table(sheet_upload(name))
    assert SHEET_MESSAGES[name] in " ".join(refused.value.messages)


@pytest.mark.parametrize("name", ["xlsx_declared_huge", "csv_huge_field"])
def test_hostile_sheet_upload_is_answered_on_the_form_and_leaves_nothing(client_for, tuban_staff, media_files, name):
    response = client_for(tuban_staff).post(reverse("imports:start"), {"file": sheet_upload(name)})
    assert response.status_code == 200
    assert SHEET_MESSAGES[name] in response.content.decode()
    assert ImportBatch.objects.count() == 0 and media_files() == []


def test_the_file_is_parsed_once_at_upload_and_never_read_again(client_for, tuban_staff, monkeypatch):
    client = client_for(tuban_staff)
    text = "kode_kecamatan,tingkat,nama_kim\n35.23.12,kecamatan,KIM Jenu Sekali\n"
    client.post(reverse("imports:start"), {"file": upload("kim.csv", text.encode(), "text/csv")})
    batch = ImportBatch.objects.get()
    assert batch.rows == [[2, {"kode_kecamatan": "35.23.12", "tingkat": "kecamatan", "nama_kim": "KIM Jenu Sekali"}]]

    def no_second_read(*args, **kwargs):
        raise AssertionError("the stored file was read again")

    monkeypatch.setattr("imports.services.read_table", no_second_read)
    assert client.get(batch.get_absolute_url()).context["can_apply"]
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert KimGroup.objects.filter(name="KIM Jenu Sekali").exists()


def test_a_batch_uploaded_before_rows_were_kept_is_read_once_then_planned_from_its_rows(client_for, tuban_staff):
    from django.core.files.base import ContentFile

    batch = ImportBatch(regency_id="35.23", original_name="lama.csv", created_by=tuban_staff)
    batch.file.save("import", ContentFile(b"kode_kecamatan,tingkat,nama_kim\n35.23.12,kecamatan,KIM Lama\n"))
    assert batch.rows is None
    preview = client_for(tuban_staff).get(batch.get_absolute_url())
    assert preview.context["can_apply"]
    batch.refresh_from_db()
    assert batch.rows == [[2, {"kode_kecamatan": "35.23.12", "tingkat": "kecamatan", "nama_kim": "KIM Lama"}]]


LONG = {
    "nama_kim": ("KIM " + "x" * 296, "nama_kim"),
    "ketua": ("S" * 500, "ketua"),
    "nomor_sk": ("1" * 400, "nomor_sk"),
    "penandatangan": ("P" * 130, "penandatangan"),
}
ROW = {
    "kode_kecamatan": "35.23.12",
    "tingkat": "kecamatan",
    "nama_kim": "KIM Jenu Panjang",
    "ketua": "Siti",
    "nomor_sk": "188.45/1/2025",
    "tanggal_sk": "2025-01-02",
    "penandatangan": "Camat Jenu",
    "masa_bakti_mulai": "2025-01-02",
    "masa_bakti_selesai": "2028-01-01",
}


def _model_message(column, value):
    """What the model itself says about the value, i.e. what saving would answer."""
    instance, field = {
        "nama_kim": (KimGroup(name=value), "name"),
        "ketua": (Officer(name=value), "name"),
        "nomor_sk": (Decree(number=value), "number"),
        "penandatangan": (Decree(signatory=value), "signatory"),
    }[column]
    try:
        instance.clean_fields(exclude=[f.name for f in instance._meta.fields if f.name != field])
    except ValidationError as exc:
        return f"{column}: {exc.message_dict[field][0]}"
    raise AssertionError("the model accepted it")


@pytest.mark.parametrize("column", list(LONG))
def test_a_value_too_long_for_the_model_is_refused_at_preview_with_the_models_message(client_for, tuban_staff, column):
    value, _ = LONG[column]
    row = {**ROW, column: value}
    text = ",".join(row) + "\n" + ",".join(row.values()) + "\n"
    client = client_for(tuban_staff)
    client.post(reverse("imports:start"), {"file": upload("kim.csv", text.encode(), "text/csv")})
    batch = ImportBatch.objects.get()
    preview = client.get(batch.get_absolute_url())
    (planned,) = preview.context["planned"]
    assert _model_message(column, value) in planned.errors
    assert preview.context["can_apply"] is False
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert KimGroup.objects.count() == 0 and Decree.objects.count() == 0 and Officer.objects.count() == 0


def test_the_sk_term_rule_is_the_models_and_is_reported_once(client_for, tuban_staff):
    row = {**ROW, "masa_bakti_selesai": "2024-01-01"}
    text = ",".join(row) + "\n" + ",".join(row.values()) + "\n"
    client = client_for(tuban_staff)
    client.post(reverse("imports:start"), {"file": upload("kim.csv", text.encode(), "text/csv")})
    (planned,) = client.get(ImportBatch.objects.get().get_absolute_url()).context["planned"]
    assert planned.errors == ["masa_bakti_selesai: Masa bakti selesai harus sesudah masa bakti mulai."]


def test_a_bad_email_and_web_address_are_reported_once_by_the_model(client_for, tuban_staff):
    row = {**ROW, "email": "bukan-email", "website": "bukan web"}
    text = ",".join(row) + "\n" + ",".join(row.values()) + "\n"
    client = client_for(tuban_staff)
    client.post(reverse("imports:start"), {"file": upload("kim.csv", text.encode(), "text/csv")})
    (planned,) = client.get(ImportBatch.objects.get().get_absolute_url()).context["planned"]
    assert [e.split(":")[0] for e in planned.errors] == ["email", "website"]


def test_imported_sk_is_recorded_through_the_decree_service_and_audited(client_for, tuban_staff):
    from audit.models import AuditEvent

    text = ",".join(ROW) + "\n" + ",".join(ROW.values()) + "\n"
    client = client_for(tuban_staff)
    client.post(reverse("imports:start"), {"file": upload("kim.csv", text.encode(), "text/csv")})
    client.post(reverse("imports:apply", args=[ImportBatch.objects.get().pk]))
    decree = Decree.objects.get()
    assert (decree.imported, decree.issuer, decree.uploaded_by) == (True, "Camat Jenu", tuban_staff)
    event = AuditEvent.objects.get(object_id=str(decree.pk))
    assert event.action == AuditEvent.Action.DECREE_SUBMITTED and "diimpor" in event.summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45658", datetime.date(2025, 1, 1)),
        ("44563", datetime.date(2022, 1, 2)),
        ("45658.0", datetime.date(2025, 1, 1)),
        ("2025-01-01", datetime.date(2025, 1, 1)),
    ],
)
def test_excel_serial_dates_are_read_as_dates(text, expected):
    assert parse_date(text) == expected


def test_a_year_alone_is_not_taken_for_an_excel_serial():
    with pytest.raises(ValueError):
        parse_date("2021")


def test_excel_serial_dates_in_a_sheet_reach_the_sk(client_for, tuban_staff):
    row = {**ROW, "tanggal_sk": "45658", "masa_bakti_mulai": "45658", "masa_bakti_selesai": "46753"}
    text = ",".join(row) + "\n" + ",".join(row.values()) + "\n"
    client = client_for(tuban_staff)
    client.post(reverse("imports:start"), {"file": upload("kim.csv", text.encode(), "text/csv")})
    (planned,) = client.get(ImportBatch.objects.get().get_absolute_url()).context["planned"]
    assert planned.errors == []
    assert planned.values["sk"]["signed_on"] == datetime.date(2025, 1, 1)
    assert planned.values["sk"]["term_end"] == datetime.date(2028, 1, 1)
