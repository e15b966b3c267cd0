"""Compare the Tuban-only and national measurements and check the targets.

.venv/bin/python -m bench.national.compare bench/national/results-tuban.json bench/national/results-national.json
"""

import json
import sys

RENDERING_MS = 40  # the fixed rendering cost we allow on top of 3x the bare SQL (template, middleware, session)
EXPORTS = ("open_data_json_country", "open_data_csv_country")


def main():
    tuban, national = (json.load(open(path)) for path in sys.argv[1:3])
    print(
        f"{'page':<26} {'queries T/N':>11} {'warm T':>8} {'warm N':>8} {'p95 N':>8} {'cold N':>8} "
        f"{'SQL N':>8} {'N/SQL':>6} {'mem+ MB':>8}"
    )
    failures = []
    for name, n in national["pages"].items():
        t = tuban["pages"][name]
        print(
            f"{name:<26} {t['queries']:>5}/{n['queries']:<5} {t['warm_median_ms']:>8} {n['warm_median_ms']:>8} "
            f"{n['warm_p95_ms']:>8} {n['cold_median_ms']:>8} {n['bare_sql_ms']:>8} {n['page_over_sql']:>6} "
            f"{n['worker_growth_mb']:>8}"
        )
        if t["queries"] != n["queries"]:
            failures.append(f"{name}: {t['queries']} queries on Tuban, {n['queries']} nationally")
        if n["warm_median_ms"] > 3 * n["bare_sql_ms"] + RENDERING_MS:
            failures.append(f"{name}: {n['warm_median_ms']} ms > 3 x {n['bare_sql_ms']} ms SQL + {RENDERING_MS} ms")
    for name in EXPORTS:
        fresh = national["pages"][name].get("fresh_export_median_ms")
        if fresh:
            print(f"{name}: written afresh (first request after a change) {fresh} ms")
    ratio = national["pages"]["tuban_dashboard"]["warm_median_ms"] / tuban["pages"]["tuban_dashboard"]["warm_median_ms"]
    print(f"\nTuban dashboard, national / Tuban-only: {ratio:.2f} (target <= 1.5)")
    if ratio > 1.5:
        failures.append(f"Tuban dashboard {ratio:.2f}x slower at national scale")
    for name in EXPORTS:
        growth = national["pages"][name]["worker_growth_mb"]
        if growth >= 50:
            failures.append(f"{name}: worker grew {growth} MB")
    print("\n".join(["", "targets: all met"] if not failures else ["", "targets missed:", *failures]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
