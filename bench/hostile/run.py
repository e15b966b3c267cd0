"""Run each attack of the hostile corpus (tests/hostile/corpus.py) in its own child process.

    .venv/bin/python bench/hostile/run.py [--only NAME ...] [--out bench/hostile/results.json]

Each child sets Django up, runs one attack and prints JSON: the outcome (accepted / refused and the
message), the wall time of the attack step, and ru_maxrss before and after it (peak resident memory
of the child, MiB). The parent enforces a timeout and records "timeout" when a child does not finish,
"killed" when it dies. The SK page attacks share one throwaway SQLite database and media folder made
by a setup child. Results go to bench/hostile/results.json with the date and the command.
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = int(os.environ.get("HOSTILE_TIMEOUT", "180"))


def _rss_mib():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
    import django

    django.setup()


def _outcome(call):
    from django.core.exceptions import ValidationError

    try:
        result = call()
    except ValidationError as exc:
        return {"outcome": "refused", "message": " ".join(exc.messages)[:300]}
    except Exception as exc:  # noqa: BLE001 - a crash is a finding, reported as such
        return {"outcome": "error", "message": f"{type(exc).__name__}: {exc}"[:300]}
    return {"outcome": "accepted", "detail": result}


# ---------------------------------------------------------------- attacks (run in the child)


def attack_pdf_upload(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kimtrack.uploads import check_scan
    from tests.hostile import corpus

    data = corpus.PDFS[name][0]()
    upload = SimpleUploadedFile(f"{name}.pdf", data, content_type="application/pdf")
    return lambda: (check_scan(upload), None)[1], {"bytes": len(data), "expected": corpus.PDFS[name][1]}


def attack_pdf_render(name):
    """What the reading worker does with a stored PDF: render every page and prepare it for Tesseract."""
    import io

    from reading import ocr
    from tests.hostile import corpus

    data = corpus.PDFS[name][0]()

    def run():
        sizes = []
        for image in ocr.page_images(io.BytesIO(data), "application/pdf", max_pages=10):
            sizes.append(f"{image.width}x{image.height}")
            ocr.prepare(image)
        return sizes

    return run, {"bytes": len(data)}


def attack_sheet(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from imports.parsing import read_table
    from tests.hostile import corpus

    data = corpus.SHEETS[name][0]()
    upload = SimpleUploadedFile(name + (".csv" if name.startswith("csv") else ".xlsx"), data)
    return lambda: f"{len(read_table(upload))} baris", {"bytes": len(data), "expected": corpus.SHEETS[name][1]}


def _sk_world():
    from accounts.models import User
    from districts.models import KimGroup

    return User.objects.get(username="bench-admin"), KimGroup.objects.get(name="KIM Bench")


def attack_sk_setup(_):
    from django.conf import settings
    from django.core.management import call_command

    from tests.factories import KimFactory, UserFactory, VillageFactory
    from tests.hostile import corpus

    def run():
        for i in range(5):  # made here, so the upload child measures the upload alone
            data = corpus.png_near_cap(settings.KIMTRACK_SCAN_MAX_PIXELS, seed=i)
            Path(os.environ["HOSTILE_TMP"], f"near-cap-{i}.png").write_bytes(data)
        call_command("migrate", verbosity=0)
        village = VillageFactory(code="35.24.01.2001", name="Sukorame")
        UserFactory(username="bench-admin", admin_of=village.district)
        KimFactory(name="KIM Bench", village=village)
        return "ok"

    return run, {}


def attack_sk_upload_five_pngs(_):
    """An admin uploads one SK of five PNGs just under the pixel cap (the service, as the view calls it)."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from decrees.services import decree_submit

    pngs = [Path(os.environ["HOSTILE_TMP"], f"near-cap-{i}.png").read_bytes() for i in range(5)]
    user, kim = _sk_world()

    def run():
        files = [SimpleUploadedFile(f"hal-{i}.png", data, "image/png") for i, data in enumerate(pngs)]
        decree = decree_submit(
            kim=kim,
            number="188.45/1/KPTS/2025",
            signed_on=dt.date(2025, 1, 2),
            signatory="Kepala Desa",
            term_start=dt.date(2025, 1, 2),
            term_end=dt.date(2028, 1, 1),
            uploaded_by=user,
            files=files,
            notify=False,
        )
        return str(decree.pk)

    return run, {"png_bytes": [len(p) for p in pngs]}


def attack_sk_page_five_pngs(_):
    """Staff open the SK page: the page and its five image previews requested at once, as a browser does."""
    from concurrent.futures import ThreadPoolExecutor

    from django.test import Client

    from decrees.models import Decree

    user, kim = _sk_world()
    decree = Decree.objects.filter(kim=kim).latest("created_at")
    scans = list(decree.scans.order_by("position"))

    def get(url):
        client = Client()
        client.force_login(user)
        response = client.get(url, HTTP_HOST="127.0.0.1")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, len(body)

    def run():
        page = get(decree.get_absolute_url())
        with ThreadPoolExecutor(max_workers=5) as pool:
            previews = list(pool.map(get, [f"/sk/berkas/{s.pk}/pratinjau.jpg" for s in scans]))
        return {"page": page, "previews": previews}

    return run, {"scans": len(scans)}


def attack_import_preview_5000(_):
    """A legitimate list at the row cap: 5,000 KIMs with officers and SKs, read at upload, previewed, saved."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from districts.models import Regency
    from imports import services
    from imports.models import ImportBatch

    def import_start(*, regency, upload, user):  # before rows were kept (a64ecaa) the view stored the file
        if hasattr(services, "import_start"):
            return services.import_start(regency=regency, upload=upload, user=user)
        batch = ImportBatch(regency=regency, original_name=upload.name, created_by=user)
        batch.file.save("import", upload, save=False)
        batch.save()
        return batch

    user, kim = _sk_world()
    header = (
        "kode_kecamatan,tingkat,nama_kim,ketua,nomor_sk,tanggal_sk,penandatangan,masa_bakti_mulai,masa_bakti_selesai"
    )
    lines = [header] + [
        f"{kim.district_id},kecamatan,KIM Daftar {i},Ketua {i},188.45/{i}/2025,2025-01-02,Camat,2025-01-02,2028-01-01"
        for i in range(5000)
    ]
    data = ("\n".join(lines) + "\n").encode()

    def run():
        started = time.monotonic()
        batch = import_start(
            regency=Regency.objects.get(code=kim.district_id[:5]),
            upload=SimpleUploadedFile("daftar.csv", data),
            user=user,
        )
        planned = services.plan_import(batch)
        previewed = time.monotonic()
        services.apply_import(batch=batch, user=user)
        return {
            "rows": len(planned),
            "bad": sum(1 for r in planned if r.errors),
            "upload_and_preview_seconds": round(previewed - started, 2),
            "save_seconds": round(time.monotonic() - previewed, 2),
        }

    return run, {"bytes": len(data)}


ATTACKS = {}
for _name in ("huge_mediabox", "user_unit", "huge_second_page", "huge_inherited", "huge_cropbox", "a0_landscape"):
    ATTACKS[f"pdf_upload:{_name}"] = (attack_pdf_upload, _name)
for _name in ("huge_mediabox", "user_unit", "a0_landscape", "plain"):
    ATTACKS[f"pdf_render:{_name}"] = (attack_pdf_render, _name)
for _name in (
    "plain", "file_attachment", "embedded_stream_only", "launch_indirect", "launch_hex_name", "gotor_unc", "gotoe",
    "submit_form", "import_data", "rich_media", "page_aa_javascript", "deep_nesting", "deeper_than_parser",
    "many_objects", "broken_xref",
):  # fmt: skip
    ATTACKS[f"pdf_active:{_name}"] = (attack_pdf_upload, _name)
for _name in (
    "xlsx_declared_huge", "xlsx_lying_dimension", "xlsx_zip_bomb", "csv_huge_field", "csv_many_blank_lines",
    "csv_many_columns",
):  # fmt: skip
    ATTACKS[f"sheet:{_name}"] = (attack_sheet, _name)
SK_ATTACKS = {
    "sk:setup": (attack_sk_setup, None),
    "sk:upload_five_pngs": (attack_sk_upload_five_pngs, None),
    "sk:page_five_pngs": (attack_sk_page_five_pngs, None),
    "sk:import_preview_5000": (attack_import_preview_5000, None),
}


def child(name):
    _django()
    factory, arg = {**ATTACKS, **SK_ATTACKS}[name]
    run, info = factory(arg)
    before = _rss_mib()
    started = time.monotonic()
    result = _outcome(run)
    result.update(info)
    result.update(seconds=round(time.monotonic() - started, 2), rss_before_mib=before, peak_rss_mib=_rss_mib())
    print("RESULT " + json.dumps(result, default=str))


def spawn(name, env):
    started = time.monotonic()
    try:
        proc = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, __file__, "--child", name], capture_output=True, text=True, timeout=TIMEOUT, env=env
        )
    except subprocess.TimeoutExpired:
        return {"outcome": "timeout", "seconds": TIMEOUT}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    return {
        "outcome": "killed",
        "returncode": proc.returncode,
        "seconds": round(time.monotonic() - started, 2),
        "stderr": proc.stderr[-300:],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--only", nargs="*", help="attack names or prefixes (pdf_upload, sheet, sk, ...)")
    parser.add_argument("--label", default="", help="e.g. before/after, stored with the results")
    parser.add_argument("--out", default=str(ROOT / "bench/hostile/results.json"))
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    wanted = lambda n: not args.only or any(n == o or n.startswith(o + ":") for o in args.only)  # noqa: E731
    results = {}
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "HOSTILE_TMP": tmp,
            "OCR_ENABLED": "0",
            "DEBUG": "1",
            "SECURE_SSL_REDIRECT": "0",
        }
        for name in ATTACKS:
            if wanted(name):
                results[name] = spawn(name, env)
                print(name, json.dumps(results[name])[:400], flush=True)
        if any(wanted(n) for n in SK_ATTACKS):
            for name in SK_ATTACKS:  # the setup always, then the SK attacks asked for
                if name != "sk:setup" and not wanted(name):
                    continue
                results[name] = spawn(name, env)
                print(name, json.dumps(results[name])[:400], flush=True)
    out = Path(args.out)
    previous = json.loads(out.read_text()) if out.exists() else {}
    run = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join([".venv/bin/python", "bench/hostile/run.py", *sys.argv[1:]]),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip(),  # noqa: S607
        "label": args.label,
        "results": results,
    }
    previous.setdefault("runs", []).append(run)
    out.write_text(json.dumps(previous, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
