"""Measure the main pages against gunicorn on loopback: time, queries, worker memory, bare SQL.

    .venv/bin/python -m bench.national.measure --base http://127.0.0.1:8124 --gunicorn-pid PID \
        --pg-restart "pg_ctl -D ... restart" --label national --out bench/national/results-national.json

The database is the one in DATABASE_URL (the same gunicorn serves). For every page:

- queries: counted in this process with Django's test client on the same database (the
  streamed exports are read to the end), and their SELECT statements kept;
- warm: gunicorn's single worker is restarted (HUP), the page requested 3 times to warm
  up, then `--repeat` times timed: median and 95th percentile;
- cold: `--cold` times, PostgreSQL is restarted (empty shared buffers) and the worker too
  (empty Python caches, new connection), then the page timed once;
- memory: the worker's resident size after a trivial request (baseline) and its peak
  (VmHWM) after the warm run, from /proc;
- bare SQL: the page's SELECTs run directly with psycopg on a fresh connection, fetching
  every row, `--repeat` times: the median, and page median / SQL median.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import django
import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.national.build import PASSWORD  # noqa: E402
from reports.export_cache import clear_exports  # noqa: E402

PAGES = [
    # name, who, path
    ("tuban_dashboard", "bench_staf", "/?kabupaten=35.23"),
    ("jatim_province_dashboard", "bench_provinsi", "/provinsi/35/"),
    ("kecamatan_page", "bench_staf", "/wilayah/kecamatan/35.23.12/"),
    ("kim_list_filtered", "bench_staf", "/kim/?district=35.23.12&status=terbentuk&level=desa"),
    ("open_data_json_country", None, "/data/kim.json"),
    ("open_data_csv_country", None, "/data/kim.csv"),
    ("province_report_tuban", "bench_staf", "/laporan/35.23/"),
    ("tuban_funnel", "bench_staf", "/tindak-lanjut/?kabupaten=35.23"),
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def queries_of(path, username):
    """(number of queries, their SELECT statements) for one page, in this process."""
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    client.get(path)  # first use: sessions, first-use rows
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
    assert response.status_code == 200, (path, response.status_code)
    selects = []
    for query in captured.captured_queries:
        sql = query["sql"].lstrip()
        if sql.upper().startswith("DECLARE"):  # a streamed export's server-side cursor: time its SELECT
            sql = sql[sql.upper().index(" FOR SELECT ") + len(" FOR ") :]
        if sql.upper().startswith("SELECT"):
            selects.append(sql)
    return len(captured.captured_queries), selects


def bare_sql_seconds(statements, repeat):
    db = settings.DATABASES["default"]
    conn = psycopg.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
    )
    times = []
    with conn.cursor() as cursor:
        for _ in range(3):  # the same warm-up the page gets
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
            times.append(time.perf_counter() - started)
    conn.close()
    return statistics.median(times)


class Server:
    def __init__(self, base, master_pid):
        self.base, self.master = base.rstrip("/"), master_pid

    def worker(self):
        children = subprocess.run(["pgrep", "-P", str(self.master)], capture_output=True, text=True).stdout.split()
        return int(children[0]) if children else None

    def restart_worker(self):
        old = self.worker()
        os.kill(self.master, 1)  # SIGHUP: gunicorn replaces its workers
        for _ in range(200):
            time.sleep(0.05)
            new = self.worker()
            if new and new != old:
                break
        for _ in range(200):
            try:
                if requests.get(self.base + "/healthz", timeout=5).status_code == 200:
                    return self.worker()
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError("gunicorn did not come back")

    def memory_kb(self, pid, field):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        return 0

    def session(self, username):
        session = requests.Session()
        if username:
            page = session.get(self.base + "/masuk/")
            token = CSRF.search(page.text).group(1)
            session.post(
                self.base + "/masuk/",
                data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
                headers={"Referer": self.base + "/masuk/"},
            )
        return session

    def timed(self, session, path):
        started = time.perf_counter()
        response = session.get(self.base + path, stream=True)
        size = sum(len(chunk) for chunk in response.iter_content(65536))
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (path, response.status_code)
        return elapsed, size


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--gunicorn-pid", type=int, required=True)
    parser.add_argument("--pg-restart", required=True, help="a shell command that restarts PostgreSQL")
    parser.add_argument("--label", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    server = Server(args.base, args.gunicorn_pid)
    results = {"label": args.label, "cores": os.cpu_count(), "date": time.strftime("%Y-%m-%d"), "pages": {}}

    for name, username, path in PAGES:
        print(f"[{args.label}] {name} {path}", flush=True)
        connection.close()  # the cold runs below restart PostgreSQL under this process's connection
        count, selects = queries_of(path, username)

        worker = server.restart_worker()
        session = server.session(username)
        session.get(args.base + "/healthz")
        baseline = server.memory_kb(worker, "VmRSS")
        for _ in range(3):
            server.timed(session, path)
        warm, size = [], 0
        for _ in range(args.repeat):
            elapsed, size = server.timed(session, path)
            warm.append(elapsed)
        peak = server.memory_kb(worker, "VmHWM")

        cold = []
        for _ in range(args.cold):
            subprocess.run(args.pg_restart, shell=True, check=True, capture_output=True)  # noqa: S602 - our own command
            server.restart_worker()
            session = server.session(username)
            cold.append(server.timed(session, path)[0])

        generation = []
        if name.startswith("open_data"):
            # Exports are stored per state of the data; also time writing them afresh (first request
            # after a change): the stored files are removed before each of these requests.
            for _ in range(args.cold):
                clear_exports()
                generation.append(server.timed(session, path)[0])

        sql = bare_sql_seconds(selects, args.repeat)
        median = statistics.median(warm)
        results["pages"][name] = {
            "path": path,
            "queries": count,
            "bytes": size,
            "warm_median_ms": round(median * 1000, 1),
            "warm_p95_ms": round(percentile(warm, 0.95) * 1000, 1),
            "cold_median_ms": round(statistics.median(cold) * 1000, 1),
            "cold_max_ms": round(max(cold) * 1000, 1),
            "worker_baseline_mb": round(baseline / 1024, 1),
            "worker_peak_mb": round(peak / 1024, 1),
            "worker_growth_mb": round((peak - baseline) / 1024, 1),
            "bare_sql_ms": round(sql * 1000, 1),
            "fresh_export_median_ms": round(statistics.median(generation) * 1000, 1) if generation else None,
            "page_over_sql": round(median / sql, 2) if sql else None,
            "rendering_ms": round((median - sql) * 1000, 1),
        }
        print("   ", json.dumps(results["pages"][name]), flush=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
