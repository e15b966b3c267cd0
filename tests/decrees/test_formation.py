"""Formation status, decided in decrees/formation.py, on a frozen date."""

import datetime

import pytest
import time_machine

from decrees.formation import FormationStatus
from decrees.models import Decree
from districts.models import KimGroup
from tests.factories import DecreeFactory, attach_scan

TODAY = datetime.date(2025, 6, 1)
S = Decree.Status


def status_of(kim):
    return KimGroup.objects.with_formation_status(TODAY).get(pk=kim.pk).formation_status


def sk(kim, status, *, end=datetime.date(2026, 12, 31), start=datetime.date(2021, 12, 10), **extra):
    reasons = {
        S.REJECTED: {"rejection_reason": "Tanda tangan tidak terbaca"},
        S.WITHDRAWN: {"withdrawal_reason": "Salah KIM"},
    }
    return DecreeFactory(kim=kim, status=status, term_start=start, term_end=end, **reasons.get(status, {}), **extra)


@pytest.fixture
def kim(beji_kim):
    return beji_kim


def test_no_decree_means_belum_ada_sk(kim):
    assert status_of(kim) == FormationStatus.NO_DECREE


def test_pending_decree_means_menunggu(kim):
    sk(kim, S.PENDING)
    assert status_of(kim) == FormationStatus.PENDING


def test_rejected_decree_means_ditolak(kim):
    sk(kim, S.REJECTED)
    assert status_of(kim) == FormationStatus.REJECTED


def test_verified_decree_covering_today_means_terbentuk(kim):
    sk(kim, S.VERIFIED, end=TODAY)
    assert status_of(kim) == FormationStatus.FORMED


def test_verified_decree_whose_term_ended_means_kedaluwarsa(kim):
    sk(kim, S.VERIFIED, end=TODAY - datetime.timedelta(days=1))
    assert status_of(kim) == FormationStatus.EXPIRED


def test_withdrawn_decrees_never_count(kim):
    sk(kim, S.WITHDRAWN)
    assert status_of(kim) == FormationStatus.NO_DECREE
    sk(kim, S.REJECTED, created_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    sk(kim, S.WITHDRAWN, created_at=datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC))
    assert status_of(kim) == FormationStatus.REJECTED


def test_formed_kim_stays_formed_while_a_renewal_is_pending_or_rejected(kim):
    sk(kim, S.VERIFIED)
    sk(kim, S.PENDING)
    assert status_of(kim) == FormationStatus.FORMED
    sk(kim, S.REJECTED)
    assert status_of(kim) == FormationStatus.FORMED


def test_expired_kim_with_pending_renewal_is_menunggu(kim):
    sk(kim, S.VERIFIED, end=datetime.date(2024, 12, 9))
    sk(kim, S.PENDING)
    assert status_of(kim) == FormationStatus.PENDING


def test_expired_kim_whose_renewal_was_rejected_is_ditolak(kim):
    sk(kim, S.VERIFIED, end=datetime.date(2024, 12, 9), created_at=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC))
    sk(kim, S.REJECTED, created_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC))
    assert status_of(kim) == FormationStatus.REJECTED


def test_verify_supersedes_the_older_verified_decree(kim, tuban_staff):
    old = sk(kim, S.VERIFIED, end=datetime.date(2024, 12, 9), signed_on=datetime.date(2021, 12, 10))
    new = sk(
        kim,
        S.PENDING,
        start=datetime.date(2024, 12, 10),
        end=datetime.date(2027, 12, 9),
        signed_on=datetime.date(2024, 12, 1),
    )
    attach_scan(new)
    with time_machine.travel(datetime.datetime(2025, 6, 1, 9, tzinfo=datetime.UTC), tick=False):
        new.verify(by=tuban_staff)
    old.refresh_from_db()
    assert (old.status, new.status) == (S.SUPERSEDED, S.VERIFIED)
    assert status_of(kim) == FormationStatus.FORMED


def test_term_expires_when_time_passes(kim):
    sk(kim, S.VERIFIED, end=datetime.date(2025, 6, 30))
    with time_machine.travel(datetime.datetime(2025, 6, 30, 12, tzinfo=datetime.UTC)):
        assert KimGroup.objects.with_formation_status().get().formation_status == FormationStatus.FORMED
    with time_machine.travel(datetime.datetime(2025, 7, 1, 12, tzinfo=datetime.UTC)):
        assert KimGroup.objects.with_formation_status().get().formation_status == FormationStatus.EXPIRED


def test_formed_queryset_counts_only_formed_kims(kim, beji):
    from tests.factories import KimFactory

    other = KimFactory(village=beji, name="KIM Kedua")
    sk(kim, S.VERIFIED)
    sk(other, S.VERIFIED, end=datetime.date(2020, 1, 1), start=datetime.date(2017, 1, 1))
    assert list(KimGroup.objects.formed(TODAY)) == [kim]
    statuses = KimGroup.objects.with_formation_status(TODAY).values_list("pk", "formation_status")
    assert [pk for pk, status in statuses if status == FormationStatus.FORMED] == [kim.pk]  # the same rule


def test_an_sk_without_scan_cannot_be_verified(kim, tuban_staff):
    from django.core.exceptions import ValidationError

    imported = sk(kim, S.PENDING, imported=True)
    with pytest.raises(ValidationError, match="belum memiliki berkas"):
        imported.verify(by=tuban_staff)
    imported.refresh_from_db()
    assert imported.status == S.PENDING and status_of(kim) == FormationStatus.PENDING
