"""Query count and time of the follow-up funnel on the database in DATABASE_URL (a bench/national data set).

    DATABASE_URL=postgres://... .venv/bin/python -m bench.national.build --area ""
    DATABASE_URL=postgres://... .venv/bin/python -m bench.funnel [--repeat 10]

In-process (Django test client, no gunicorn): the page of Tuban's staff, and funnel_of() alone for
Tuban and for the regency with the most villages. Median and maximum of the timed runs after 2 warm-ups.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from dashboard.funnel import funnel_of  # noqa: E402
from districts.models import District, Regency  # noqa: E402


def timed(run, repeat):
    for _ in range(2):
        run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, max(times) * 1000


def count(run):
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured.captured_queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    repeat = parser.parse_args().repeat
    client = Client()
    client.force_login(User.objects.get(username="bench_staf"))

    def page():
        response = client.get("/tindak-lanjut/?kabupaten=35.23")
        assert response.status_code == 200

    biggest = Regency.objects.annotate(n=Count("districts__villages")).order_by("-n").first()
    results = [("page /tindak-lanjut/ (Tuban staff)", page)]
    for regency in (Regency.objects.get(code="35.23"), biggest):

        def run(regency=regency):
            funnel = funnel_of(regency, District.objects.filter(regency=regency))
            return funnel.follow_up, funnel.village_follow_up, funnel.medians

        districts = regency.districts.count()
        villages = regency.districts.aggregate(n=Count("villages"))["n"]
        results.append((f"funnel_of {regency} ({districts} kec., {villages} desa/kel.)", run))
    for label, run in results:
        run()  # first use creates the regency's rules row: count a steady-state run
        queries = count(run)
        median, worst = timed(run, repeat)
        print(f"{label}: {queries} queries, median {median:.1f} ms, max {worst:.1f} ms ({repeat} runs)")


if __name__ == "__main__":
    main()
