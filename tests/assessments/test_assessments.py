"""The yearly assessment: weighted score, suggested grade, confirmation, history, export and Lamongan's own rules."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import Assessment
from assessments.scoring import suggested_classification, weighted_score
from assessments.services import assessment_save, criteria_of
from districts.models import AssessmentCriterion, Classification, RegencyRules, Village
from tests.factories import KimFactory
from tests.pages import rules_post

FROZEN = datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(FROZEN, tick=False):
        yield


@pytest.fixture
def tuban_rules(tuban):
    return RegencyRules.for_regency(tuban)


def scores_of(kim, **by_name):
    return {c: (by_name[c.name], "", "") for c in criteria_of(kim)}


def test_weighted_score_is_the_weighted_mean():
    assert weighted_score([(100, 30), (50, 25), (80, 30), (0, 15)]) == Decimal("66.50")
    assert weighted_score([(70, 1)]) == Decimal("70.00")
    assert weighted_score([]) is None


TUBAN_SCORES = {
    "Legalitas dan administrasi": 100,
    "Situs web dan media sosial": 50,
    "Kegiatan": 80,
    "Kemitraan": 0,
}


def test_default_criteria_weights_give_the_score_and_the_suggested_grade(tuban_rules, beji_kim, tuban_staff):
    assert [(c.name, c.weight) for c in criteria_of(beji_kim)] == [
        ("Legalitas dan administrasi", 30),
        ("Situs web dan media sosial", 25),
        ("Kegiatan", 30),
        ("Kemitraan", 15),
    ]
    assessment = assessment_save(
        kim=beji_kim,
        year=2024,
        assessed_on=datetime.date(2025, 1, 10),
        scores=scores_of(beji_kim, **TUBAN_SCORES),
        assessed_by=tuban_staff,
    )
    # (100*30 + 50*25 + 80*30 + 0*15) / 100 = 66.5: Madya (60 to 79), not Utama (80 and up).
    assert assessment.score == Decimal("66.50") and assessment.suggested.name == "Madya"
    assert suggested_classification("35.23", Decimal("80")).name == "Utama"
    assert suggested_classification("35.23", Decimal("59.99")).name == "Pemula"


def test_one_assessment_per_kim_and_year_and_every_criterion_scored(tuban_rules, beji_kim, tuban_staff):
    args = {"kim": beji_kim, "assessed_on": datetime.date(2025, 1, 10), "assessed_by": tuban_staff}
    assessment_save(year=2024, scores=scores_of(beji_kim, **TUBAN_SCORES), **args)
    with pytest.raises(ValidationError):
        assessment_save(year=2024, scores=scores_of(beji_kim, **TUBAN_SCORES), **args)
    partial = dict(list(scores_of(beji_kim, **TUBAN_SCORES).items())[:2])
    with pytest.raises(ValidationError):
        assessment_save(year=2023, scores=partial, **args)
    with pytest.raises(ValidationError) as caught:
        assessment_save(year=2026, scores=scores_of(beji_kim, **TUBAN_SCORES), **args)
    assert "year" in caught.value.message_dict
    assert Assessment.objects.count() == 1


def _form_data(kim, year, scores, **extra):
    data = {"year": year, "assessed_on": "2025-05-01", "notes": ""}
    for c in criteria_of(kim):
        data[f"score_{c.pk}"] = scores[c.name]
        data[f"notes_{c.pk}"] = ""
        data[f"evidence_{c.pk}"] = ""
    return data | extra


def test_staff_record_confirm_and_the_kim_gets_the_classification(client_for, tuban_staff, tuban_rules, beji_kim):
    client = client_for(tuban_staff)
    kegiatan = AssessmentCriterion.objects.get(regency_id="35.23", name="Kegiatan")
    data = _form_data(
        beji_kim, 2024, TUBAN_SCORES, **{f"evidence_{kegiatan.pk}": "https://beji.kim.id/kegiatan\nbukan-tautan"}
    )
    response = client.post(reverse("assessments:create", args=[beji_kim.pk]), data)
    assert response.status_code == 200 and "bukan tautan web" in str(response.context["form"].errors)
    data[f"evidence_{kegiatan.pk}"] = "https://beji.kim.id/kegiatan"
    response = client.post(reverse("assessments:create", args=[beji_kim.pk]), data)
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == assessment.get_absolute_url()
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "66,50" in page and 'href="https://beji.kim.id/kegiatan"' in page
    beji_kim.refresh_from_db()
    assert beji_kim.classification is None  # suggested only, until staff confirm
    madya = Classification.objects.get(regency_id="35.23", name="Madya")
    assert (
        client.post(reverse("assessments:confirm", args=[assessment.pk]), {"classification": madya.pk}).status_code
        == 302
    )
    beji_kim.refresh_from_db()
    assert beji_kim.classification == madya and beji_kim.classified_on == datetime.date(2025, 5, 1)
    assert beji_kim.history.first().classification_id == madya.pk
    kim_page = client.get(beji_kim.get_absolute_url()).content.decode()
    assert "Penilaian tahunan" in kim_page and "2024" in kim_page.split('data-testid="assessments"')[1][:300]


def test_kecamatan_admin_reads_but_cannot_assess(client_for, jenu_admin, tuban_staff, tuban_rules, beji_kim):
    assessment = assessment_save(
        kim=beji_kim, year=2024, assessed_on=datetime.date(2025, 1, 1),
        scores=scores_of(beji_kim, **TUBAN_SCORES), assessed_by=tuban_staff,
    )  # fmt: skip
    admin = client_for(jenu_admin)
    assert admin.get(assessment.get_absolute_url()).status_code == 200
    assert "Tetapkan klasifikasi" not in admin.get(assessment.get_absolute_url()).content.decode()
    assert "Tambah penilaian" not in admin.get(beji_kim.get_absolute_url()).content.decode()
    assert admin.post(reverse("assessments:create", args=[beji_kim.pk]), {}).status_code == 403


def test_export_writes_user_text_as_text_and_dates_as_dates(client_for, tuban_staff, tuban_rules, beji):
    kim = KimFactory(village=beji, name='=HYPERLINK("http://x","klik")')
    assessment_save(
        kim=kim, year=2024, assessed_on=datetime.date(2025, 1, 10), notes="+62 812 @rapat -catatan",
        scores=scores_of(kim, **TUBAN_SCORES), assessed_by=tuban_staff,
    )  # fmt: skip
    response = client_for(tuban_staff).get(reverse("assessments:export"), {"tahun": "2024"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "No.")
    header = [c.value for c in sheet[header_row]]
    row = {header[i]: cell for i, cell in enumerate(sheet[header_row + 1])}
    assert row["Nama KIM"].value == '=HYPERLINK("http://x","klik")' and row["Nama KIM"].data_type == "s"
    assert row["Catatan"].value == "+62 812 @rapat -catatan" and row["Catatan"].data_type == "s"
    assert row["Kode kecamatan"].value == "35.23.12" and row["Kode kecamatan"].data_type == "s"
    assert row["Tanggal penilaian"].is_date and row["Tanggal penilaian"].value.date() == datetime.date(2025, 1, 10)
    assert sheet.print_title_rows and sheet.freeze_panes  # print-ready like the other exports
    assert row["Nilai akhir"].value == 66.5 and row["Klasifikasi disarankan"].value == "Madya"
    assert sheet.max_row == header_row + 1


def test_lamongan_with_its_own_rules_sees_none_of_tubans(
    client_for, lamongan_staff, lamongan, tuban_rules, tuban_staff, beji_kim
):
    client = client_for(lamongan_staff)
    url = reverse("districts:regency_rules", args=[lamongan.code])
    page = client.get(url)
    data = rules_post(page, active_within_days=30)
    # Lamongan renames its first criterion and weighs it alone.
    data["kriteria-0-name"], data["kriteria-0-weight"] = "Kelembagaan", 100
    for i in (1, 2, 3):
        data[f"kriteria-{i}-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    sukorame = KimFactory(village=Village.objects.get(code="35.24.01.2001"), name="KIM Sukorame")
    assert [(c.name, c.weight) for c in criteria_of(sukorame)] == [("Kelembagaan", 100)]
    assessment_save(
        kim=beji_kim, year=2024, assessed_on=datetime.date(2025, 1, 1),
        scores=scores_of(beji_kim, **TUBAN_SCORES), assessed_by=tuban_staff,
    )  # fmt: skip
    form = client.get(reverse("assessments:create", args=[sukorame.pk])).context["form"]
    assert [c.name for c in form.criteria] == ["Kelembagaan"]
    listing = client.get(reverse("assessments:list")).content.decode()
    assert "KIM Beji Bersinar" not in listing
    sheet = load_workbook(io.BytesIO(client.get(reverse("assessments:export")).content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)][-1] == "No."  # headings, no row of Tuban's
    rules_page = client.get(url).content.decode()
    assert "Tuban" not in rules_page and "Perbup" not in rules_page
    activity_form = client.get(reverse("activities:create", args=[sukorame.pk])).context["form"]
    assert {t.regency_id for t in activity_form.fields["type"].queryset} == {"35.24"}
    assert client.get(beji_kim.get_absolute_url()).status_code == 404
    assert RegencyRules.objects.get(regency_id="35.23").active_within_days == 90
