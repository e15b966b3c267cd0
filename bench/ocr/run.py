"""OCR benchmark: how well the reading assistant reads generated SKs, and how fast.

    .venv/bin/python -m bench.ocr.run [--count 60] [--out bench/ocr/results.json] [--keep DIR]

Generates `--count` SKs (bench/ocr/skgen.py: three layouts, five fonts, four
sizes), renders each as a clean PDF, a 200-dpi noisy tilted scan and a
phone-photo-like JPEG per page, reads every file with the application's own
reader (reading.ocr + reading.extract, the code the worker runs) and compares
with what was drawn. Fields are compared after `extract.fold` (case, spaces
and punctuation ignored); dates and SK numbers are compared exactly.
"""

import argparse
import datetime
import io
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
django.setup()

from bench.ocr import skgen  # noqa: E402
from reading import extract, ocr  # noqa: E402

FIELDS = ("number", "signed_on", "issuer", "signatory", "kim_name")
RENDERINGS = ("clean", "scan", "phone")


def renderings(spec, pages, seed):
    return {
        "clean": [("application/pdf", skgen.clean_pdf(pages))],
        "scan": [("application/pdf", skgen.scan_pdf(pages, seed=seed))],
        "phone": [("image/jpeg", data) for data in skgen.phone_jpegs(pages, seed=seed)],
    }


def same(field, got, want):
    if got is None:
        return False
    if field in ("number", "signed_on"):
        return got == want
    return extract.fold(got) == extract.fold(want)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", default=str(ROOT / "bench" / "ocr" / "results.json"))
    parser.add_argument("--keep", help="also write the generated files into this folder")
    args = parser.parse_args()
    if not ocr.available():
        sys.exit("Tesseract with Indonesian data is not installed (apt-get install tesseract-ocr tesseract-ocr-ind).")

    rng = random.Random(args.seed)
    tally = {r: {f: 0 for f in FIELDS} | {"officers_found": 0, "officers": 0, "docs": 0} for r in RENDERINGS}
    page_seconds = {r: [] for r in RENDERINGS}
    misses = []
    started = time.monotonic()
    for index in range(args.count):
        spec = skgen.make_spec(rng, index)
        pages = skgen.render_pages(spec, seed=index)
        truth = spec.truth()
        for rendering, files in renderings(spec, pages, index).items():
            if args.keep:
                folder = Path(args.keep)
                folder.mkdir(parents=True, exist_ok=True)
                for n, (content_type, data) in enumerate(files, start=1):
                    suffix = ".pdf" if content_type == "application/pdf" else ".jpg"
                    (folder / f"sk{index:03d}-{rendering}-{n}{suffix}").write_bytes(data)
            read = []
            for content_type, data in files:
                read += ocr.read_file(io.BytesIO(data), content_type, max_pages=10)
            document = extract.Document.from_pages(read)
            found = extract.extract(document, roles=skgen.ROLES, places=skgen.PLACES)
            counts = tally[rendering]
            counts["docs"] += 1
            for field in FIELDS:
                got = (found[field] or {}).get("value")
                if same(field, got, truth[field]):
                    counts[field] += 1
                else:
                    miss = {"sk": index, "rendering": rendering, "field": field, "got": got, "want": truth[field]}
                    misses.append(miss)
            read_officers = {(extract.fold(o["name"]), extract.fold(o["role"])) for o in found["officers"]}
            counts["officers"] += len(spec.officers)
            counts["officers_found"] += sum(
                (extract.fold(n), extract.fold(r)) in read_officers for n, r in spec.officers
            )
            page_seconds[rendering] += [page.seconds for page in read]
        print(f"SK {index + 1}/{args.count} ({spec.layout}, {spec.font} {spec.size}px)", flush=True)

    results = {
        "date": datetime.date.today().isoformat(),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "documents": args.count,
        "seed": args.seed,
        "total_seconds": round(time.monotonic() - started, 1),
        "renderings": {},
        "misses": misses,
    }
    print(
        f"\n{'rendering':<8} {'number':>7} {'date':>7} {'issuer':>7} {'signer':>7} {'KIM':>7} {'officers':>9} "
        f"{'s/page med':>10} {'p95':>6} {'max':>6}"
    )
    for rendering in RENDERINGS:
        counts, seconds = tally[rendering], sorted(page_seconds[rendering])
        rates = {field: round(counts[field] / counts["docs"], 3) for field in FIELDS}
        rates["officer_recall"] = round(counts["officers_found"] / counts["officers"], 3)
        timing = {
            "pages": len(seconds),
            "median": round(statistics.median(seconds), 2),
            "p95": round(seconds[int(len(seconds) * 0.95) - 1], 2),
            "max": round(seconds[-1], 2),
        }
        results["renderings"][rendering] = {"exact_match": rates, "seconds_per_page": timing}
        print(
            f"{rendering:<8} {rates['number']:>7.1%} {rates['signed_on']:>7.1%} {rates['issuer']:>7.1%} "
            f"{rates['signatory']:>7.1%} {rates['kim_name']:>7.1%} {rates['officer_recall']:>9.1%} "
            f"{timing['median']:>10} {timing['p95']:>6} {timing['max']:>6}"
        )
    Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{len(misses)} misses; written to {args.out} in {results['total_seconds']} s")


if __name__ == "__main__":
    main()
