"""Score the application's SK reader on the held-out set (see README.md here). Do not tune on it.

    nice -n 10 .venv/bin/python -m bench.ocr.heldout.run [--count 20] [--seed 2026] [--set-dir DIR]

Makes the set with make_set.py (or reuses one made by the same generator), then, for each
rendering, starts one child process that reads every document the way the worker does: the files
pass the upload check (`kimtrack.uploads.check_scans`, which gives the stored content type), each
is read with `reading.ocr.read_file` within `OCR_MAX_PAGES`, the pages become
`reading.extract.Document.from_pages`, and `reading.extract.extract` gets the roles and place names
a fresh Tuban install has (the default officer roles; Tuban's kecamatan and villages from the
bundled CSV). An exception is a failed reading, as in the worker. The child's own peak RSS and
Tesseract's are taken with getrusage. Scores go to results.json beside this file.
"""

import argparse
import csv
import json
import os
import platform
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
RENDERINGS = {"clean": "clean PDF, 300 dpi", "scan": "photocopy scanned to PDF", "photo": "phone photo, 1280 px JPEG"}
FIELDS = ["number", "date", "office", "signatory", "kim_name"]


def files_of(folder, rendering, truth):
    if rendering == "photo":
        return [folder / item["file"] for item in truth["photos"]]
    return [folder / f"{rendering}.pdf"]


# ---------------------------------------------------------------- child: read like the worker


def cpu_seconds():
    """CPU time of this process and its finished children (Tesseract): what the page costs, whatever the load."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child(set_dir, rendering, out_path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from districts.models import RegencyRules
    from kimtrack.uploads import check_scans
    from reading import extract, ocr

    roles = list(RegencyRules.DEFAULT_OFFICER_ROLES)
    regions = ROOT / "districts" / "data" / "wilayah"
    with open(regions / "districts.csv", encoding="utf-8-sig", newline="") as handle:
        districts = {r["code"]: r["name"] for r in csv.DictReader(handle) if r["regency_code"] == "35.23"}
    with open(regions / "villages.csv", encoding="utf-8-sig", newline="") as handle:
        villages = [r["name"] for r in csv.DictReader(handle) if r["district_code"] in districts]
    places = [*districts.values(), *villages]

    manifest = json.loads((set_dir / "manifest.json").read_text(encoding="utf-8"))
    records = []
    for name in manifest["documents"]:
        folder = set_dir / name
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        uploads = [SimpleUploadedFile(path.name, path.read_bytes()) for path in files_of(folder, rendering, truth)]
        record = {"document": name, "status": "done", "error": "", "suggestions": {}, "page_seconds": []}
        started, cpu_before = time.monotonic(), cpu_seconds()
        try:
            checked = check_scans(uploads)
            pages = []
            for item in checked:
                remaining = settings.OCR_MAX_PAGES - len(pages)
                if remaining <= 0:
                    break
                item.upload.seek(0)
                pages += ocr.read_file(item.upload, item.content_type, max_pages=remaining)
            document = extract.Document.from_pages(pages)
            record["suggestions"] = extract.extract(document, roles=roles, places=places)
            record["page_seconds"] = [round(page.seconds, 3) for page in pages]
        except ValidationError as exc:
            record["status"], record["error"] = "refused", "; ".join(exc.messages)
        except ocr.OcrUnavailable:
            record["status"], record["error"] = "unavailable", "Tesseract or its language data is missing"
        except Exception as exc:  # noqa: BLE001 - the worker records any failure the same way
            record["status"], record["error"] = "failed", f"{type(exc).__name__}: {exc}"[:500]
        record["seconds"] = round(time.monotonic() - started, 3)
        record["cpu_seconds"] = round(cpu_seconds() - cpu_before, 3)  # the worker's and Tesseract's
        records.append(record)
    usage = {
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "tesseract_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }
    Path(out_path).write_text(json.dumps({"records": records, "usage": usage}, ensure_ascii=False), encoding="utf-8")


# ---------------------------------------------------------------- scoring


def spaces(text):
    return " ".join(str(text or "").split()).casefold()


def norm_number(text):
    """Spacing normalised: no spaces around / . - and single spaces elsewhere; case ignored."""
    return re.sub(r"\s*([/.\-])\s*", r"\1", spaces(text))


def norm_name(text):
    return spaces(str(text or "").replace('"', " ").replace("“", " ").replace("”", " "))


def person(text):
    """An officer's name without the degrees after its comma ("Budi Fauzi, S.Sos." is "budi fauzi")."""
    return spaces(str(text or "").split(",")[0])


def value(suggestions, key):
    item = suggestions.get(key) or {}
    return item.get("value") if isinstance(item, dict) else None


def score_document(truth, suggestions):
    read = {
        "number": value(suggestions, "number"),
        "date": value(suggestions, "signed_on"),
        "office": value(suggestions, "issuer"),
        "signatory": value(suggestions, "signatory"),
        "kim_name": value(suggestions, "kim_name"),
    }
    same = {
        "number": norm_number(read["number"]) == norm_number(truth["number"]) and bool(read["number"]),
        "date": str(read["date"] or "") == truth["date"],
        "office": spaces(read["office"]) == spaces(truth["office"]),
        "signatory": spaces(read["signatory"]) == spaces(truth["signatory"]),
        "kim_name": norm_name(read["kim_name"]) == norm_name(truth["kim_name"]),
    }
    wanted = Counter((spaces(o["role"]), person(o["name"])) for o in truth["officers"])
    officers = suggestions.get("officers") or []
    got = Counter((spaces(o.get("role")), person(o.get("name"))) for o in officers if isinstance(o, dict))
    names = Counter(person(o.get("name")) for o in officers if isinstance(o, dict))
    found = sum((wanted & got).values())
    found_names = sum((Counter(name for _role, name in wanted.elements()) & names).values())
    missing = [{"role": r, "name": n} for (r, n), k in (wanted - got).items() for _ in range(k)]
    return read, same, found, found_names, missing, officers


def officer_layout(layout):
    """How the officers were laid out: set 1 names it `officers`, set 2 `officer_form` and `officers_in`."""
    if "officers" in layout:
        return layout["officers"]
    return " in ".join(str(layout[key]) for key in ("officer_form", "officers_in") if layout.get(key))


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def score(set_dir, rendering, child_result):
    docs = pages = found = found_names = wanted = 0
    exact = Counter()
    misses, page_seconds, doc_seconds, statuses, cpu_per_page = [], [], [], Counter(), []
    for record in child_result["records"]:
        truth = json.loads((set_dir / record["document"] / "truth.json").read_text(encoding="utf-8"))
        docs += 1
        statuses[record["status"]] += 1
        page_seconds += record["page_seconds"]
        pages += len(record["page_seconds"])
        doc_seconds.append(record["seconds"])
        if record["page_seconds"]:
            cpu_per_page.append(record["cpu_seconds"] / len(record["page_seconds"]))
        read, same, hit, hit_names, missing, officers = score_document(truth, record["suggestions"])
        exact.update(field for field in FIELDS if same[field])
        wanted += len(truth["officers"])
        found += hit
        found_names += hit_names
        where = {"rendering": rendering, "document": record["document"], "layout": officer_layout(truth["layout"])}
        if record["status"] != "done":
            misses.append(
                {**where, "field": "reading", "expected": "done", "read": f"{record['status']}: {record['error']}"}
            )
        for field in FIELDS:
            if not same[field]:
                misses.append({**where, "field": field, "expected": truth[field], "read": read[field]})
        if missing:
            misses.append({
                **where, "field": "officers", "expected": f"{len(truth['officers'])} officers",
                "read": [{"role": o.get("role"), "name": o.get("name")} for o in officers if isinstance(o, dict)],
                "missing": missing,
            })  # fmt: skip
    summary = {
        "label": RENDERINGS[rendering],
        "documents": docs,
        "pages": pages,
        "readings": dict(statuses),
        "exact_percent": {field: percent(exact[field], docs) for field in FIELDS},
        "exact_count": {field: exact[field] for field in FIELDS},
        "officers": {"found": found, "of": wanted, "recall_percent": percent(found, wanted)},
        "officer_names_any_role": {"found": found_names, "of": wanted, "recall_percent": percent(found_names, wanted)},
        "seconds_per_page": {
            "median": round(statistics.median(page_seconds), 2) if page_seconds else None,
            "max": round(max(page_seconds), 2) if page_seconds else None,
        },
        "cpu_seconds_per_page": {
            "median": round(statistics.median(cpu_per_page), 2) if cpu_per_page else None,
            "max": round(max(cpu_per_page), 2) if cpu_per_page else None,
        },
        "seconds_per_document": {
            "median": round(statistics.median(doc_seconds), 2) if doc_seconds else None,
            "max": round(max(doc_seconds), 2) if doc_seconds else None,
        },
        **child_result["usage"],
    }
    return summary, misses


# ---------------------------------------------------------------- parent


# Held-out sets, each made by someone who never read the reader nor our own generator (README.md).
MAKERS = {
    "heldout": "bench.ocr.heldout.make_set",
    "heldout2": "bench.ocr.heldout2.make_set",
    "heldout3": "bench.ocr.heldout3.make_set",
    "heldout4": "bench.ocr.heldout4.make_set",
}


def ensure_set(set_dir, count, seed, maker="heldout"):
    import importlib

    make_set = importlib.import_module(MAKERS[maker])

    manifest = set_dir / "manifest.json"
    if manifest.exists():
        known = json.loads(manifest.read_text(encoding="utf-8"))
        if (known.get("count"), known.get("seed"), known.get("generator")) == (
            count,
            seed,
            make_set.generator_digest(),
        ):
            print(f"reusing the set in {set_dir}")
            return False
    print(f"making {count} documents in {set_dir} ...", flush=True)
    started = time.monotonic()
    make_set.build(set_dir, count=count, seed=seed)
    print(f"  made in {time.monotonic() - started:.0f} s", flush=True)
    return True


def tool_version(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)  # noqa: S603
    except OSError:
        return None
    return (done.stdout or done.stderr).splitlines()[0] if (done.stdout or done.stderr) else None


def main(argv=None):
    parser = argparse.ArgumentParser(description="Score the SK reader on the held-out set.")
    parser.add_argument("--count", type=int, default=20, help="documents in the set (default 20)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--set-dir", help="where the set is made or reused (default: a folder in the temp dir)")
    parser.add_argument("--renderings", default=",".join(RENDERINGS), help="comma-separated subset of clean,scan,photo")
    parser.add_argument("--maker", choices=sorted(MAKERS), default="heldout", help="which held-out generator")
    parser.add_argument("--out", help="default: results.json in the maker's folder")
    parser.add_argument("--child", nargs=2, metavar=("RENDERING", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    set_dir = Path(args.set_dir or Path(tempfile.gettempdir()) / f"kimtrack-{args.maker}-{args.seed}-{args.count}")
    out_path = Path(args.out) if args.out else ROOT / Path(*MAKERS[args.maker].split(".")[:-1]) / "results.json"
    if args.child:
        child(set_dir, *args.child)
        return
    sys.path.insert(0, str(ROOT))
    started, load_at_start = time.monotonic(), round(os.getloadavg()[0], 2)
    # The reader as it is when the children start (each imports it at its start): not HEAD at the end.
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()  # noqa: S607
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "reading"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()  # noqa: S607
    ensure_set(set_dir, args.count, args.seed, args.maker)
    generated = time.monotonic() - started
    summaries, misses = {}, []
    for rendering in args.renderings.split(","):
        print(f"reading {rendering} ...", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            command = [sys.executable, "-m", "bench.ocr.heldout.run", "--count", str(args.count),
                       "--seed", str(args.seed), "--set-dir", str(set_dir), "--child", rendering, out.name]  # fmt: skip
            subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
            result = json.loads(Path(out.name).read_text(encoding="utf-8"))
        summaries[rendering], found = score(set_dir, rendering, result)
        misses += found
        s = summaries[rendering]
        pace = s["seconds_per_page"]
        print(f"  {json.dumps(s['exact_percent'])} officers {s['officers']['recall_percent']}% "
              f"s/page median {pace['median']} max {pace['max']}", flush=True)  # fmt: skip
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": (f"nice -n {os.nice(0)} " if os.nice(0) else "")
        + shlex.join([".venv/bin/python", "-m", "bench.ocr.heldout.run", *(argv or sys.argv[1:])]),
        # The machine is shared: the load says how much of the pace is ours.
        "load_average_1min": {"start": load_at_start, "end": round(os.getloadavg()[0], 2)},
        "cores": os.cpu_count(),
        "machine": platform.platform(),
        "tesseract": tool_version(["tesseract", "--version"]),
        "reader_commit": commit + (" with uncommitted changes in reading/" if dirty else ""),
        "set": {"maker": args.maker, "count": args.count, "seed": args.seed, "generation_seconds": round(generated, 1)},
        "total_seconds": round(time.monotonic() - started, 1),
        "renderings": summaries,
        "misses": misses,
    }
    out_path.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"wrote {out_path} ({results['total_seconds']} s)")


if __name__ == "__main__":
    main()
