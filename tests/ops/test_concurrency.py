"""Real concurrent transactions on PostgreSQL: two decisions on one SK, two uploads for one KIM (the second is refused).

Threads get their own database connections, start together at a barrier, and run the same service
functions the views call. SQLite serialises all writers, so these run in .ci/run's PostgreSQL pass.
"""

import datetime
import threading

import pytest
from django.db import connection, connections

from decrees.models import DecisionConflict, Decree
from decrees.services import decree_reject, decree_submit, decree_verify
from tests.files import sk_pdf, sk_photo

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (run by .ci/run)"),
]


def run_together(*jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", job())
        except Exception as exc:  # collected and asserted on below
            results[index] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def submit(kim, user, number, files):
    return decree_submit(
        kim=kim,
        number=number,
        signed_on=datetime.date(2024, 1, 1),
        signatory="Kades",
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2027, 1, 1),
        files=files,
        uploaded_by=user,
    )


@pytest.mark.parametrize("attempt", range(3))
def test_two_staff_deciding_one_sk_at_once_exactly_one_wins(beji_kim, jenu_admin, tuban_staff, attempt):
    from tests.factories import UserFactory

    other_staff = UserFactory(username=f"staf_dua_{attempt}", staff_of=tuban_staff.regency)
    decree = submit(beji_kim, jenu_admin, "1/2024", [sk_photo()])
    results = run_together(
        lambda: decree_verify(decree=Decree.objects.get(pk=decree.pk), by=tuban_staff),
        lambda: decree_reject(decree=Decree.objects.get(pk=decree.pk), by=other_staff, reason="Cap tidak jelas"),
    )
    outcomes = sorted(kind for kind, _value in results)
    assert outcomes == ["error", "ok"], results
    loser = next(value for kind, value in results if kind == "error")
    assert isinstance(loser, DecisionConflict)
    decree.refresh_from_db()
    assert decree.status in (Decree.Status.VERIFIED, Decree.Status.REJECTED)
    assert decree.decided_by in (tuban_staff, other_staff)


def test_two_uploads_for_one_kim_at_once_the_second_is_refused_clearly(beji_kim, jenu_admin, tuban_staff, media_files):
    """One SK at a time per KIM: the KIM row lock makes the second upload wait, then see the first."""
    from django.core.exceptions import ValidationError

    results = run_together(
        lambda: submit(beji_kim, jenu_admin, "A/2024", [sk_photo("a.jpg")]),
        lambda: submit(beji_kim, tuban_staff, "B/2024", [sk_pdf("b.pdf")]),
    )
    assert sorted(kind for kind, _ in results) == ["error", "ok"], results
    refused = next(value for kind, value in results if kind == "error")
    assert isinstance(refused, ValidationError)
    assert "menunggu verifikasi" in " ".join(refused.messages)
    saved = next(value for kind, value in results if kind == "ok")
    assert list(Decree.objects.filter(kim=beji_kim).values_list("number", flat=True)) == [saved.number]
    # The refused upload leaves no stray file; the saved one keeps its scan (and its stored preview).
    originals = [path for path in media_files() if "previews" not in path.parts]
    assert len(originals) == 1
