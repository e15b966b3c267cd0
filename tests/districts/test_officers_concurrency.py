"""Two tabs saving a second Ketua at the same moment, as real concurrent PostgreSQL transactions.

Both officer lists are validated first against the same empty list (as two open tabs would be),
then both saves start together at a barrier; the KIM row lock serialises them and the re-check
under it refuses the later one. SQLite serialises all writers, so this runs in .ci/run's PostgreSQL pass.
"""

import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from districts import services
from districts.forms import OfficerFormSet
from districts.models import Officer, OfficerRole, RegencyRules
from districts.services import officers_save
from tests.districts.test_officers import officer_post
from tests.ops.test_concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (run by .ci/run)"),
]


@pytest.mark.parametrize("attempt", range(3))
def test_two_tabs_saving_a_ketua_at_once_keep_exactly_one(beji_kim, attempt, monkeypatch):
    # Widen the window between the check and the write, so that without the lock both would pass the check.
    check = services.single_holder_clashes

    def slow_check(*args, **kwargs):
        found = check(*args, **kwargs)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(services, "single_holder_clashes", slow_check)
    RegencyRules.for_regency(beji_kim.district.regency)
    ketua = OfficerRole.objects.get(regency_id="35.23", name="Ketua")
    regency = beji_kim.district.regency
    tabs = [
        OfficerFormSet(officer_post([(ketua, name, "")]), instance=beji_kim, regency=regency)
        for name in ("Siti", "Budi")
    ]
    assert all(tab.is_valid() for tab in tabs)
    results = run_together(*(lambda tab=tab: officers_save(formset=tab) for tab in tabs))
    assert sorted(kind for kind, _value in results) == ["error", "ok"], results
    refused = next(value for kind, value in results if kind == "error")
    assert isinstance(refused, ValidationError) and "hanya boleh dipegang satu orang" in " ".join(refused.messages)
    assert Officer.objects.filter(kim=beji_kim, role=ketua).count() == 1
