"""OCR benchmark: how well the reading assistant reads generated SKs, and how fast.

    .venv/bin/python -m bench.ocr.run [--count 60] [--sets generator,kinds] [--out bench/ocr/results.json]
                                      [--without page,deskew] [--keep DIR]

Generates `--count` SKs per set (bench/ocr/skgen.py): `generator`, the
original three layouts, five fonts, four sizes; `kinds`, the same with the
real-world kinds of issue 18 (village "NOMOR n TAHUN yyyy", real number
formats, one-line titles, meeting minutes in the considerations, numeric
signing dates, role-first officers, Pelindung/Penasehat/Pembina, wrapped
section names, names with titles and degrees, one role for several members,
underlined or bracketed signers, grey, purple and blue stamps, "Komunitas
Informasi Masyarakat"). Each SK is rendered as a clean PDF, a 200-dpi noisy tilted
scan, a streaky photocopy, a phone photo per page, and a phone photo turned
5-12 degrees and forwarded over WhatsApp (1280 px, some sideways by EXIF).
Every file is read with the application's own reader (reading.ocr +
reading.extract, called as the worker calls them) and compared with what was
drawn. Fields are compared after `extract.fold` (case, spaces and punctuation
ignored); dates and SK numbers are compared exactly. `--without` turns steps
of the photo preparation off, to measure what each buys.

This is the generator set: it measures the generator as much as the reader.
The held-out set made differently lives elsewhere and is never tuned on.
"""

import argparse
import datetime
import io
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
django.setup()

from bench.ocr import skgen  # noqa: E402
from reading import extract, ocr  # noqa: E402

FIELDS = ("number", "signed_on", "issuer", "signatory", "kim_name")
RENDERINGS = ("clean", "scan", "photocopy", "phone", "whatsapp")


def renderings(spec, pages, seed):
    return {
        "clean": [("application/pdf", skgen.clean_pdf(pages))],
        "scan": [("application/pdf", skgen.scan_pdf(pages, seed=seed))],
        "photocopy": [("application/pdf", skgen.photocopy_pdf(pages, seed=seed))],
        "phone": [("image/jpeg", data) for data in skgen.phone_jpegs(pages, seed=seed)],
        "whatsapp": [("image/jpeg", data) for data in skgen.whatsapp_jpegs(pages, seed=seed)],
    }


def same(field, got, want):
    if got is None:
        return False
    if field in ("number", "signed_on"):
        return got == want
    return extract.fold(got) == extract.fold(want)


def score(found, truth, officers, counts, misses, where):
    """Tally one reading against what was drawn: each field exact, and the officers (name, role) found.

    `counts` is one rendering's tally; every miss is appended to `misses` with `where` (set, SK, rendering).
    """
    counts["docs"] += 1
    for field in FIELDS:
        got = (found[field] or {}).get("value")
        if same(field, got, truth[field]):
            counts[field] += 1
        else:
            misses.append(where | {"field": field, "got": got, "want": truth[field]})
    read_officers = {(extract.fold(o["name"]), extract.fold(o["role"])) for o in found["officers"]}
    missed = [f"{r}: {n}" for n, r in officers if (extract.fold(n), extract.fold(r)) not in read_officers]
    counts["officers"] += len(officers)
    counts["officers_found"] += len(officers) - len(missed)
    if missed:
        misses.append(where | {"field": "officers", "missed": missed})


def run_set(name, args, misses, peaks):
    """Read `--count` SKs of one set in every rendering; tallies per rendering."""
    rng = random.Random(args.seed)
    tally = {r: {f: 0 for f in FIELDS} | {"officers_found": 0, "officers": 0, "docs": 0} for r in RENDERINGS}
    page_seconds = {r: [] for r in RENDERINGS}
    for index in range(args.count):
        spec = skgen.make_spec(rng, index, kinds=name == "kinds")
        pages = skgen.render_pages(spec, seed=index)
        truth = spec.truth()
        for rendering, files in renderings(spec, pages, index).items():
            if rendering not in args.renderings.split(","):
                continue
            if args.keep:
                folder = Path(args.keep)
                folder.mkdir(parents=True, exist_ok=True)
                for n, (content_type, data) in enumerate(files, start=1):
                    suffix = ".pdf" if content_type == "application/pdf" else ".jpg"
                    (folder / f"{name}-sk{index:03d}-{rendering}-{n}{suffix}").write_bytes(data)
            read = []
            tracemalloc.start()
            try:
                for content_type, data in files:
                    read += ocr.read_file(io.BytesIO(data), content_type, max_pages=10)
            except RuntimeError as exc:  # Tesseract's page timeout: the worker marks such a reading failed
                misses.append({"set": name, "sk": index, "rendering": rendering, "field": "reading", "got": str(exc)})
                read = []
            document = extract.Document.from_pages(read)
            found = extract.extract(document, roles=skgen.ROLES, places=skgen.PLACES)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            where = {"set": name, "sk": index, "rendering": rendering}
            score(found, truth, spec.officers, tally[rendering], misses, where)
            page_seconds[rendering] += [page.seconds for page in read]
        print(f"{name} SK {index + 1}/{args.count} ({spec.layout}, {spec.font} {spec.size}px)", flush=True)
    return tally, page_seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sets", default="generator,kinds")
    parser.add_argument("--renderings", default=",".join(RENDERINGS), help="which renderings to read")
    parser.add_argument("--without", default="", help="preparation steps to turn off: page,deskew,specks,ink,stamp")
    parser.add_argument("--out", default=str(ROOT / "bench" / "ocr" / "results.json"))
    parser.add_argument("--keep", help="also write the generated files into this folder")
    args = parser.parse_args()
    if not ocr.available():
        sys.exit("Tesseract with Indonesian data is not installed (apt-get install tesseract-ocr tesseract-ocr-ind).")
    for step in filter(None, args.without.split(",")):
        getattr(ocr, "PREPARE_STEPS", {})[step] = False

    started = time.monotonic()
    misses, peaks = [], []
    results = {
        "date": datetime.date.today().isoformat(),
        "command": "python -m bench.ocr.run " + " ".join(sys.argv[1:]),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "documents_per_set": args.count,
        "seed": args.seed,
        "photo_steps": dict(getattr(ocr, "PREPARE_STEPS", {})),
        "sets": {},
    }
    for name in args.sets.split(","):
        tally, page_seconds = run_set(name, args, misses, peaks)
        results["sets"][name] = {}
        print(
            f"\n[{name}]\n{'rendering':<10} {'number':>7} {'date':>7} {'issuer':>7} {'signer':>7} {'KIM':>7} "
            f"{'officers':>9} {'s/page med':>10} {'p95':>6} {'max':>6}"
        )
        for rendering in args.renderings.split(","):
            counts, seconds = tally[rendering], sorted(page_seconds[rendering])
            rates = {field: round(counts[field] / counts["docs"], 3) for field in FIELDS}
            rates["officer_recall"] = round(counts["officers_found"] / counts["officers"], 3)
            seconds = seconds or [0.0]  # every reading of this rendering failed
            timing = {
                "pages": len(seconds),
                "median": round(statistics.median(seconds), 2),
                "p95": round(seconds[max(int(len(seconds) * 0.95) - 1, 0)], 2),
                "max": round(seconds[-1], 2),
            }
            results["sets"][name][rendering] = {"exact_match": rates, "seconds_per_page": timing}
            print(
                f"{rendering:<10} {rates['number']:>7.1%} {rates['signed_on']:>7.1%} {rates['issuer']:>7.1%} "
                f"{rates['signatory']:>7.1%} {rates['kim_name']:>7.1%} {rates['officer_recall']:>9.1%} "
                f"{timing['median']:>10} {timing['p95']:>6} {timing['max']:>6}"
            )
    # Tesseract runs as a child process: its peak is the children's; ours includes rendering the SKs.
    results["peak_memory_mb"] = {
        "python_traced_per_sk_max": round(max(peaks) / 2**20, 1),
        "bench_process_rss": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "tesseract_rss": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }
    results["total_seconds"] = round(time.monotonic() - started, 1)
    results["misses"] = misses
    Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\npeak memory (MB): {results['peak_memory_mb']}")
    print(f"{len(misses)} misses; written to {args.out} in {results['total_seconds']} s")


if __name__ == "__main__":
    main()
