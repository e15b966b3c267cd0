"""A KIM's activity state on fixed dates, and where it shows (KIM page, list, kecamatan page, dashboard)."""

import datetime

import pytest
from django.urls import reverse

from activities.liveliness import Liveliness
from activities.models import Activity
from districts.models import KimGroup, RegencyRules, Village
from tests.activities.conftest import TODAY, activity_type, formed
from tests.factories import KimFactory

DAY = datetime.timedelta(days=1)


def record(kim, date, user, title="Rapat rutin", **extra):
    return Activity.objects.create(
        kim=kim, date=date, type=activity_type(kim.district.regency), title=title, recorded_by=user, **extra
    )


def state(kim, today):
    return KimGroup.objects.with_liveliness(today).values_list("liveliness", "last_activity_on").get(pk=kim.pk)


def test_active_within_90_days_then_less_active_then_none(beji_kim, jenu_admin):
    assert state(beji_kim, TODAY) == (Liveliness.NONE, None)
    record(beji_kim, TODAY - 90 * DAY, jenu_admin)  # 2025-03-04
    assert state(beji_kim, TODAY) == (Liveliness.ACTIVE, datetime.date(2025, 3, 4))
    assert state(beji_kim, TODAY + DAY) == (Liveliness.LOW, datetime.date(2025, 3, 4))
    # On a date before the activity, it had not happened yet.
    assert state(beji_kim, datetime.date(2025, 3, 3)) == (Liveliness.NONE, None)


def test_a_cancelled_activity_does_not_count(beji_kim, jenu_admin):
    activity = record(beji_kim, TODAY, jenu_admin)
    record(beji_kim, TODAY - 200 * DAY, jenu_admin)
    activity.cancel(by=jenu_admin, reason="Salah KIM")
    assert state(beji_kim, TODAY) == (Liveliness.LOW, TODAY - 200 * DAY)


def test_the_window_is_each_regencys_rule(beji_kim, jenu_admin, lamongan, lamongan_staff):
    sukorame = KimFactory(village=Village.objects.get(code="35.24.01.2001"), name="KIM Sukorame")
    record(beji_kim, TODAY - 40 * DAY, jenu_admin)
    record(sukorame, TODAY - 40 * DAY, lamongan_staff)
    RegencyRules.objects.filter(regency=lamongan).update(active_within_days=30)
    assert state(beji_kim, TODAY)[0] == Liveliness.ACTIVE  # Tuban keeps its 90 days
    assert state(sukorame, TODAY)[0] == Liveliness.LOW


@pytest.fixture
def three_kims(beji_kim, jenu_admin):
    formed(beji_kim)
    quiet = formed(KimFactory(village=Village.objects.get(code="35.23.12.2001"), name="KIM Sepi"))
    fresh = formed(KimFactory(village=Village.objects.get(code="35.23.18.2002"), name="KIM Palang Baru"))
    KimFactory(village=Village.objects.get(code="35.23.12.2002"), name="KIM Tanpa SK")
    record(beji_kim, TODAY - 10 * DAY, jenu_admin)
    record(quiet, TODAY - 400 * DAY, jenu_admin)
    return beji_kim, quiet, fresh


def test_kim_page_list_filter_and_kecamatan_page_show_the_state(client_for, tuban_staff, three_kims):
    client = client_for(tuban_staff)
    beji, quiet, fresh = three_kims
    page = client.get(beji.get_absolute_url()).content.decode()
    assert 'data-status="aktif"' in page.split('data-testid="liveliness"')[1][:200]
    assert "Aktif berkegiatan" in page and "Rapat rutin" in page

    def names(**params):
        return sorted(k.name for k in client.get(reverse("districts:kim_list"), params).context["page"].object_list)

    assert names(liveliness="aktif") == ["KIM Beji Bersinar"]
    assert names(liveliness="kurang_aktif") == ["KIM Sepi"]
    assert names(liveliness="belum_ada") == ["KIM Palang Baru", "KIM Tanpa SK"]
    district = client.get(reverse("districts:district_detail", args=["35.23.12"])).content.decode()
    assert "Kurang aktif" in district and "Belum ada kegiatan" in district


def test_dashboard_counts_formed_kims_by_state_per_kecamatan(client_for, tuban_staff, three_kims):
    counts = client_for(tuban_staff).get(reverse("home")).context["after_formation"]
    rows, total = counts.rows, counts.total
    by_name = {row.name: row.cells for row in rows}
    # Columns: aktif, kurang aktif, belum ada. The KIM without an SK is not formed and not counted.
    assert by_name == {"Jenu": [1, 1, 0], "Palang": [0, 0, 1]}
    assert total.cells == [1, 1, 1]
