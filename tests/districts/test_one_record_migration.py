"""Migration 0018 fills the name key of KIMs on file, and duplicates already there do not stop it."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from districts.models import KimGroup
from districts.services import kim_merge
from tests.factories import UserFactory

BEFORE = [("districts", "0017_kim_one_record")]
AFTER = [("districts", "0019_kim_one_name_per_area")]


@pytest.mark.django_db(transaction=True)
def test_existing_duplicates_are_kept_counted_and_left_for_staff_to_merge():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Province, Regency = apps.get_model("districts", "Province"), apps.get_model("districts", "Regency")
    District, Village = apps.get_model("districts", "District"), apps.get_model("districts", "Village")
    Kim = apps.get_model("districts", "KimGroup")
    Province.objects.create(code="35", name="JAWA TIMUR")
    Regency.objects.create(code="35.23", name="KAB. TUBAN", province_id="35")
    District.objects.create(code="35.23.12", name="Jenu", regency_id="35.23")
    Village.objects.create(code="35.23.12.2009", name="Beji", district_id="35.23.12")
    area = {"level": "desa", "district_id": "35.23.12", "village_id": "35.23.12.2009"}
    first = Kim.objects.create(name="KIM Beji Bersinar", **area)
    later = Kim.objects.create(name="kim beji  bersinar.", **area)
    Kim.objects.filter(pk=later.pk).update(created_at=first.created_at + datetime.timedelta(days=1))
    other = Kim.objects.create(name="KIM Lain", **area)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    first, later, other = (KimGroup.objects.get(pk=k.pk) for k in (first, later, other))
    assert first.normalized_name == "bejibersinar" and other.normalized_name == "lain"
    assert later.normalized_name == f"bejibersinar~{later.pk.hex[:8]}"
    assert KimGroup.objects.counted().count() == 3  # a migration changes no count
    # From now on the rule holds: a third one is refused, the later one names the first when edited ...
    with pytest.raises(IntegrityError), transaction.atomic():
        KimGroup.objects.create(name="KIM Beji-Bersinar", **area)
    later.save()  # saving it unchanged (any write path) keeps its suffix
    assert KimGroup.objects.get(pk=later.pk).normalized_name.startswith("bejibersinar~")
    assert later.same_name_in_area() == first
    # ... and staff merge it into the first.
    kim_merge(kim=later, into=first, by=UserFactory(is_superuser=True), reason="Dobel sebelum aturan")
    assert KimGroup.objects.get(pk=later.pk).record == KimGroup.Record.MERGED
