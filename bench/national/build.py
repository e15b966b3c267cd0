"""Build a benchmark data set on the database in DATABASE_URL (PostgreSQL), and say how long it took.

    DATABASE_URL=postgres://... .venv/bin/python -m bench.national.build --area ""      # the whole country
    DATABASE_URL=postgres://... .venv/bin/python -m bench.national.build --area 35.23   # Tuban only

Regions come from ../shared/data/wilayah (every province, regency, kecamatan and
village). Then: one kecamatan-level KIM per kecamatan and one village-level KIM per
village, each with one or two SKs in mixed states, and outreach events in half the
kecamatan. Everything is drawn from a random generator seeded by the area's code,
so Tuban's KIMs and SKs are the same in the Tuban-only and the national data set:
the two can be compared page by page. Three accounts are made for the measurements.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from decrees.models import Decree  # noqa: E402
from districts.models import District, KimGroup, Province, Regency, Village  # noqa: E402
from outreach.models import OutreachEvent  # noqa: E402

PASSWORD = "bench-Sandi-2026"
TODAY = datetime.date(2026, 11, 28)
S = Decree.Status
# (share, SKs oldest first): every KIM has one or two SKs.
SCENARIOS = [
    (0.50, [S.VERIFIED]),  # formed
    (0.10, [S.VERIFIED]),  # expired (term ended)
    (0.15, [S.PENDING]),
    (0.08, [S.REJECTED, S.PENDING]),  # corrected after a rejection
    (0.10, [S.SUPERSEDED, S.VERIFIED]),  # renewed
    (0.07, [S.WITHDRAWN, S.REJECTED]),
]


def _scenario(rng):
    pick, total = rng.random(), 0.0
    for index, (share, statuses) in enumerate(SCENARIOS):
        total += share
        if pick < total:
            return index, statuses
    return 0, SCENARIOS[0][1]


def _decrees(kim, code, rng, user, created):
    index, statuses = _scenario(rng)
    signed = datetime.date(rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28))
    out = []
    for n, status in enumerate(statuses):
        day = signed + datetime.timedelta(days=400 * n)
        years = 2 if index == 1 else 5  # the expired scenario's term ended before today
        end = day + datetime.timedelta(days=365 * years - 1)
        if index == 1 and end >= TODAY:
            end = TODAY - datetime.timedelta(days=rng.randint(30, 600))
            day = end - datetime.timedelta(days=730)
        decided = status in (S.VERIFIED, S.SUPERSEDED, S.REJECTED)
        out.append(
            Decree(
                kim=kim,
                number=f"188.45/{rng.randint(1, 999)}/KPTS/{code}/{day.year}",
                signed_on=day,
                issuer="Camat" if kim.level == KimGroup.Level.DISTRICT else "Kepala Desa",
                signatory="Pejabat Penandatangan",
                term_start=day,
                term_end=end,
                status=status,
                rejection_reason="Nomor SK tidak terbaca" if status == S.REJECTED else "",
                withdrawal_reason="Salah input" if status == S.WITHDRAWN else "",
                uploaded_by=user,
                created_at=created + datetime.timedelta(minutes=n),
                decided_by=user if decided else None,
                decided_at=created + datetime.timedelta(days=3, minutes=n) if decided else None,
            )
        )
    return out


def accounts():
    tuban, jatim = Regency.objects.get(code="35.23"), Province.objects.get(code="35")
    made = {}
    for username, role, area in [
        ("bench_staf", "staf", tuban),
        ("bench_provinsi", "provinsi", jatim),
        ("bench_jenu", "kecamatan", District.objects.get(code="35.23.12")),
    ]:
        field = {"staf": "regency", "provinsi": "province", "kecamatan": "district"}[role]
        user, _ = User.objects.get_or_create(username=username, defaults={"role": role, field: area})
        user.set_password(PASSWORD)
        user.save()
        made[role] = user
    return made


def build(area):
    timings = {}
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.monotonic() - started

    step = time.monotonic()
    source = settings.KIMTRACK_SHARED_DIR / "data" / "wilayah"
    call_command("load_regions", source=str(source), area=area or "", stdout=open(os.devnull, "w"))
    timings["regions"] = time.monotonic() - step

    step = time.monotonic()
    users = accounts()
    uploader = users["staf"]
    created = timezone.now() - datetime.timedelta(days=400)
    districts = District.objects.filter(code__startswith=area).order_by("code")
    villages = Village.objects.filter(code__startswith=area).select_related("district").order_by("code")
    kims, decrees, events = [], [], []
    for district in districts.iterator(chunk_size=5000):
        rng = random.Random(district.code)
        kims.append(KimGroup(name=f"KIM {district.name.title()}", level=KimGroup.Level.DISTRICT, district=district))
        if rng.random() < 0.5:
            events.append(
                OutreachEvent(
                    held_on=datetime.date(rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28)),
                    district=district,
                    venue=f"Pendopo Kecamatan {district.name.title()}",
                    participant_count=rng.randint(20, 60),
                )
            )
    for village in villages.iterator(chunk_size=5000):
        kims.append(
            KimGroup(
                name=f"KIM {village.name.title()}",
                level=KimGroup.Level.VILLAGE,
                district=village.district,
                village=village,
            )
        )
    for kim in kims:
        code = kim.village_id or kim.district_id
        decrees += _decrees(kim, code, random.Random("sk" + code), uploader, created)
    timings["generate"] = time.monotonic() - step

    step = time.monotonic()
    with transaction.atomic():
        KimGroup.objects.bulk_create(kims, batch_size=5000)
        Decree.objects.bulk_create(decrees, batch_size=5000)
        OutreachEvent.objects.bulk_create(events, batch_size=5000)
    timings["insert"] = time.monotonic() - step

    step = time.monotonic()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    timings["analyze"] = time.monotonic() - step
    timings["total"] = time.monotonic() - started
    counts = {
        "provinces": Province.objects.count(),
        "regencies": Regency.objects.count(),
        "districts": District.objects.count(),
        "villages": Village.objects.count(),
        "kims": KimGroup.objects.count(),
        "decrees": Decree.objects.count(),
        "outreach_events": OutreachEvent.objects.count(),
    }
    return timings, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--area", default="", help='a region code prefix ("35.23" for Tuban); empty: the country')
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at a PostgreSQL database.")
    if "districts_kimgroup" in connection.introspection.table_names() and KimGroup.objects.exists():
        sys.exit("The database already holds KIMs; build into an empty database.")
    timings, counts = build(args.area)
    print({"area": args.area or "Indonesia", "counts": counts, "seconds": {k: round(v, 1) for k, v in timings.items()}})


if __name__ == "__main__":
    main()
