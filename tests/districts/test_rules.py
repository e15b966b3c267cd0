"""Data that cannot be true is refused by the models, whichever path writes it (form, admin, service)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from decrees.models import Decree
from decrees.services import decree_submit
from districts.models import Classification, KimGroup, RegencyRules
from tests.factories import DecreeFactory, KimFactory, UserFactory
from tests.files import sk_photo

TODAY = datetime.date(2026, 12, 1)
pytestmark = pytest.mark.usefixtures("tuban")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC), tick=False):
        yield


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_level_and_village_must_agree(jenu, beji, palang):
    assert "village" in errors_of(KimGroup(name="A", level="kecamatan", district=jenu, village=beji))
    assert "village" in errors_of(KimGroup(name="B", level="desa", district=jenu))
    outside = errors_of(KimGroup(name="C", level="desa", district=palang, village=beji))
    assert outside["village"] == ["Desa/kelurahan ini tidak berada di kecamatan KIM."]


def test_minimum_members_is_the_regencys_own_rule(jenu, lamongan):
    assert "member_count" in errors_of(KimGroup(name="A", level="kecamatan", district=jenu, member_count=2))
    RegencyRules.objects.create(regency=lamongan, min_members=1)
    lamongan_district = lamongan.districts.get()
    KimGroup(name="B", level="kecamatan", district=lamongan_district, member_count=2).full_clean()


def test_founding_and_assessment_dates_cannot_be_in_the_future(jenu):
    RegencyRules.for_regency(jenu.regency)
    pemula = Classification.objects.get(regency=jenu.regency, name="Pemula")
    kim = KimGroup(
        name="A",
        level="kecamatan",
        district=jenu,
        founded_on=TODAY + datetime.timedelta(days=1),
        classification=pemula,
        classified_on=TODAY + datetime.timedelta(days=1),
    )
    assert set(errors_of(kim)) == {"founded_on", "classified_on"}
    kim.founded_on = kim.classified_on = TODAY
    kim.full_clean()


def test_classification_of_another_regency_is_refused(jenu, lamongan):
    RegencyRules.for_regency(lamongan)
    other = Classification.objects.filter(regency=lamongan).first()
    assert "classification" in errors_of(KimGroup(name="A", level="kecamatan", district=jenu, classification=other))


def sk(kim, **changes):
    values = {
        "number": "188/1/KPTS/414.402/2026",
        "signed_on": datetime.date(2026, 3, 2),
        "signatory": "Camat",
        "term_start": datetime.date(2026, 3, 2),
        "term_end": datetime.date(2029, 3, 1),
    }
    return Decree(kim=kim, issuer="x", uploaded_by=UserFactory(), **(values | changes))


def test_an_sk_dated_in_the_future_is_refused(beji):
    assert "signed_on" in errors_of(sk(KimFactory(village=beji), signed_on=TODAY + datetime.timedelta(days=1)))


def test_a_term_starting_more_than_a_year_from_the_sk_date_is_refused(beji):
    kim = KimFactory(village=beji)
    assert "term_start" in errors_of(sk(kim, term_start=datetime.date(2027, 3, 3), term_end=datetime.date(2028, 1, 1)))
    assert "term_start" in errors_of(sk(kim, term_start=datetime.date(2025, 3, 1)))
    sk(kim, term_start=datetime.date(2025, 3, 2)).full_clean()  # exactly one year before


def test_a_century_long_term_is_refused_by_the_regency_rule(beji):
    kim = KimFactory(village=beji)
    century = errors_of(sk(kim, term_end=datetime.date(2126, 3, 1)))
    assert century["term_end"] == ["Masa bakti paling lama 5 tahun menurut aturan kabupaten."]
    sk(kim, term_end=datetime.date(2031, 3, 2)).full_clean()  # five years to the day
    RegencyRules.for_regency(kim.district.regency)
    RegencyRules.objects.filter(regency_id="35.23").update(max_term_years=3)
    assert "term_end" in errors_of(sk(kim, term_end=datetime.date(2031, 3, 2)))


def test_the_upload_service_refuses_an_impossible_sk_and_stores_nothing(beji, jenu_admin):
    kim = KimFactory(village=beji)
    with pytest.raises(ValidationError):
        decree_submit(
            kim=kim,
            number="188/1/2026",
            signed_on=datetime.date(2026, 3, 2),
            signatory="Kepala Desa",
            term_start=datetime.date(2026, 3, 2),
            term_end=datetime.date(2126, 3, 1),
            uploaded_by=jenu_admin,
            files=[sk_photo()],
        )
    assert not Decree.objects.exists()


def test_the_upload_form_says_why_and_keeps_what_was_typed(client_for, jenu_admin, beji):
    kim = KimFactory(village=beji)
    response = client_for(jenu_admin).post(
        reverse("decrees:upload", args=[kim.pk]),
        {
            "number": "188/7/KPTS/2026",
            "signed_on": "2027-01-05",
            "signatory": "Kepala Desa Beji",
            "term_start": "2027-01-05",
            "term_end": "2030-01-04",
            "files": [sk_photo()],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tanggal SK tidak boleh di masa depan." in page
    assert 'value="188/7/KPTS/2026"' in page
    assert not Decree.objects.exists()


def test_django_admin_reaches_the_kim_rules(client_for, superuser, jenu, beji):
    response = client_for(superuser).post(
        reverse("admin:districts_kimgroup_add"),
        {"name": "KIM Salah", "level": "kecamatan", "district": jenu.code, "village": beji.code, "activity": "aktif"},
    )
    assert response.status_code == 200  # the form again, with the error; no IntegrityError
    assert "KIM tingkat kecamatan tidak memiliki desa/kelurahan" in response.content.decode()
    assert not KimGroup.objects.exists()


def test_a_verified_century_sk_made_before_the_rule_still_counts_until_corrected(beji):
    """Existing rows are not rewritten: the rule guards writes, the status reads what is on file."""
    kim = KimFactory(village=beji)
    DecreeFactory(kim=kim, status=Decree.Status.VERIFIED, term_end=datetime.date(2126, 1, 1))
    assert KimGroup.objects.formed().filter(pk=kim.pk).exists()
