"""Two sends of the same report form at the same moment (a double click that reaches two workers)
record one report and leave one file. Real threads with their own PostgreSQL connections."""

import datetime
import uuid

import pytest
from django.db import connection

from districts.models import FormationTarget, RegencyRules
from reports.models import ProvinceReport, ReportEntry
from reports.services import report_record
from tests.ops.test_concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers (run by .ci/run)"),
]


@pytest.mark.parametrize("attempt", range(3))
def test_one_form_sent_twice_at_once_records_one_report(tuban, tuban_staff, beji_kim, media_files, attempt):
    # Made on first use, and not safe to make twice at once (a sibling race, outside this test):
    # a regency in use has them already.
    FormationTarget.for_regency(tuban)
    RegencyRules.for_regency(tuban)
    token = uuid.uuid4()

    def send():
        return report_record(
            regency=tuban,
            report_date=datetime.date(2025, 6, 1),
            period="Semester I 2025",
            file_format="xlsx",
            user=tuban_staff,
            submission=token,
        )

    results = run_together(send, send)
    assert [kind for kind, _value in results] == ["ok", "ok"], results
    (report_a, created_a), (report_b, created_b) = (value for _kind, value in results)
    assert report_a.pk == report_b.pk and sorted([created_a, created_b]) == [False, True]
    assert ProvinceReport.objects.count() == 1
    assert ReportEntry.objects.filter(report=report_a).count() == 0  # Beji's KIM has no SK yet
    assert len([p for p in media_files() if "reports" in p.parts]) == 1
