"""The constructed data set both dashboards (regency and province) are checked against."""

import datetime

import pytest
import time_machine

from decrees.models import Decree
from districts.models import KimGroup, Village
from outreach.models import OutreachEvent
from tests.factories import DecreeFactory, KimFactory

TODAY = datetime.date(2025, 6, 1)
S = Decree.Status
CURRENT = {"term_start": datetime.date(2023, 1, 1), "term_end": datetime.date(2026, 1, 1)}
ENDED = {"term_start": datetime.date(2020, 1, 1), "term_end": datetime.date(2023, 1, 1)}


@pytest.fixture
def frozen():
    """Every dashboard test sees 1 June 2025 (pytestmark in its module)."""
    with time_machine.travel(datetime.datetime(2025, 6, 1, 3, tzinfo=datetime.UTC), tick=False):
        yield


def district_kim(code, name, **kwargs):
    from districts.models import District

    return KimFactory(level="kecamatan", district=District.objects.get(code=code), name=name, **kwargs)


def village_kim(code, name, **kwargs):
    return KimFactory(village=Village.objects.get(code=code), name=name, **kwargs)


def sk(kim, status, dates=CURRENT, **extra):
    reasons = {S.REJECTED: {"rejection_reason": "Tidak terbaca"}, S.WITHDRAWN: {"withdrawal_reason": "Salah"}}
    return DecreeFactory(kim=kim, status=status, **dates, **reasons.get(status, {}), **extra)


@pytest.fixture
def constructed(tuban, lamongan):
    """A data set built to trip every rule. Hand count in the test below."""
    # Kecamatan level
    sk(district_kim("35.23.12", "KIM Jenu"), S.VERIFIED)  # Jenu: formed
    montong = district_kim("35.23.10", "KIM Montong")
    sk(montong, S.SUPERSEDED, ENDED, signed_on=datetime.date(2020, 1, 1))
    sk(montong, S.VERIFIED, signed_on=datetime.date(2023, 1, 1))  # Montong: formed through a renewal
    sk(district_kim("35.23.18", "KIM Palang Lama"), S.VERIFIED, ENDED)  # Palang: expired ...
    sk(district_kim("35.23.18", "KIM Palang Baru"), S.PENDING)  # ... and a pending one: shows menunggu
    sk(district_kim("35.23.15", "KIM Semanding"), S.REJECTED)  # Semanding: rejected
    sk(district_kim("35.23.03", "KIM Bangilan", activity=KimGroup.Activity.INACTIVE), S.VERIFIED)  # inactive: covers
    sk(district_kim("35.23.04", "KIM Bancar", activity=KimGroup.Activity.DISSOLVED), S.VERIFIED)  # dissolved: no
    # Village level
    sk(village_kim("35.23.12.2009", "KIM Beji"), S.VERIFIED)  # desa Beji: covered
    sk(village_kim("35.23.12.2008", "KIM Remen"), S.REJECTED)  # desa Remen: rejected
    sk(village_kim("35.23.16.1003", "KIM Mondokan"), S.VERIFIED)  # kelurahan Mondokan: covered
    sk(village_kim("35.23.12.2001", "KIM Karangasem A"), S.VERIFIED)  # Karangasem: two KIMs ...
    sk(village_kim("35.23.12.2001", "KIM Karangasem B"), S.PENDING)  # ... counted once
    sk(village_kim("35.23.12.2017", "KIM Sugihwaras"), S.WITHDRAWN)  # withdrawn only: not covered
    sk(village_kim("35.23.12.2003", "KIM Temaji", activity=KimGroup.Activity.DISSOLVED), S.VERIFIED)  # dissolved
    sk(KimFactory(village=Village.objects.get(code="35.24.01.2001"), name="KIM Lamongan"), S.VERIFIED)  # elsewhere
    for code, day in [("35.23.10", datetime.date(2020, 11, 5)), ("35.23.12", datetime.date(2021, 12, 2))]:
        OutreachEvent.objects.create(held_on=day, district_id=code, venue="Balai", participant_count=30)
