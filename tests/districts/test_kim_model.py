"""Rules the database itself enforces for KIMs and SKs, and derived values."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from decrees.models import Decree
from districts.models import KimGroup
from tests.factories import DecreeFactory, KimFactory


def test_kecamatan_level_kim_cannot_have_a_village(jenu, beji):
    with pytest.raises(IntegrityError), transaction.atomic():
        KimGroup.objects.create(name="X", level="kecamatan", district=jenu, village=beji)


def test_village_level_kim_must_have_a_village(jenu):
    with pytest.raises(IntegrityError), transaction.atomic():
        KimGroup.objects.create(name="X", level="desa", district=jenu, village=None)


def test_village_must_lie_in_the_kims_kecamatan(palang, beji):
    with pytest.raises(IntegrityError), transaction.atomic():
        KimGroup.objects.create(name="X", level="desa", district=palang, village=beji)


def test_valid_kims_of_both_levels_are_accepted(jenu, beji):
    KimGroup.objects.create(name="KIM Jenu", level="kecamatan", district=jenu)
    KimGroup.objects.create(name="KIM Beji", level="desa", district=jenu, village=beji)
    assert KimGroup.objects.count() == 2


def test_term_must_end_after_it_starts(beji):
    kim = KimFactory(village=beji)
    with pytest.raises(IntegrityError), transaction.atomic():
        DecreeFactory(kim=kim, term_start=datetime.date(2022, 1, 1), term_end=datetime.date(2022, 1, 1))


def test_rejection_and_withdrawal_need_a_reason_in_the_database(beji):
    kim = KimFactory(village=beji)
    with pytest.raises(IntegrityError), transaction.atomic():
        DecreeFactory(kim=kim, status=Decree.Status.REJECTED, rejection_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        DecreeFactory(kim=kim, status=Decree.Status.WITHDRAWN, withdrawal_reason="")


def test_issuing_office_follows_level_and_village_kind(jenu, beji, tuban):
    from districts.models import Village

    kelurahan = Village.objects.get(code="35.23.16.1003")
    assert str(KimFactory(level="kecamatan", district=jenu).issuing_office) == "Camat Jenu"
    assert str(KimFactory(village=beji).issuing_office) == "Kepala Desa Beji"
    assert str(KimFactory(village=kelurahan).issuing_office) == "Lurah Mondokan"


def test_regency_rules_start_with_jatim_defaults(tuban):
    from districts.models import RegencyRules

    rules = RegencyRules.for_regency(tuban)
    assert rules.min_members == 3
    assert [c.name for c in tuban.kim_classifications.all()] == ["Pemula", "Madya", "Utama"]
    assert [r.name for r in tuban.kim_officer_roles.all()][:3] == ["Ketua", "Sekretaris", "Bendahara"]
    RegencyRules.for_regency(tuban)
    assert tuban.kim_classifications.count() == 3  # defaults are created once
