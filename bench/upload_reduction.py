"""Upload reduction benchmark: what the browser sends for a 12-megapixel phone photo of an SK, and
whether the SK reading still reads it.

    .venv/bin/python -m bench.upload_reduction [--count 3] [--seed 2026] [--keep DIR] [--out FILE.json]

For each of `--count` generated SKs (bench/ocr/skgen.py, first page) it makes the photo a phone
takes of the printed page: 4000 x 3000 pixels stored landscape with EXIF orientation 6 (the phone
held upright), the page turned 1-2.5 degrees on a desk, uneven light, camera sensor noise, a slight
blur, JPEG quality 92. The REAL static/js/upload.js then runs in headless /usr/bin/chromium
(Playwright) on the real file input as Django renders it (DecreeForm, with the server's limits in its
data- attributes); the form's request is intercepted, so the bytes counted are exactly the multipart
body the browser would have sent, and the file in it is what the server would have stored. Both the
original photo and the reduced one are then read with the application's own reader, as the worker
reads a stored scan (reading.ocr.read_file + reading.extract.extract), and compared with what was
drawn (same comparison as bench/ocr/run.py).

Needs chromium and Tesseract (tesseract-ocr-ind). No server and no database: the page is served by
Playwright's request routing. This measures the generator's photos (see bench/README.md for the
caveat): a real phone's photo has other noise, lenses and compression.
"""

import argparse
import io
import json
import os
import random
import sys
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
django.setup()

from PIL import Image, ImageChops, ImageFilter  # noqa: E402

from bench.ocr import skgen  # noqa: E402
from bench.ocr.run import FIELDS, same  # noqa: E402
from reading import extract, ocr  # noqa: E402

CHROMIUM = os.environ.get("KIMTRACK_CHROMIUM", "/usr/bin/chromium")
ORIGIN = "http://kimtrack.bench"
UPLOAD_JS = ROOT / "static" / "js" / "upload.js"


def phone_photo(page, rng):
    """A 12 MP (4000 x 3000, EXIF-rotated) JPEG of a printed page on a desk, quality 92."""
    width, height = 3000, 4000  # as shown: portrait
    angle = rng.uniform(1.0, 2.5) * rng.choice((-1, 1))
    sheet = page.convert("RGB")
    scale = 0.92 * height / sheet.height
    sheet = sheet.resize((round(sheet.width * scale), round(sheet.height * scale)), Image.Resampling.LANCZOS)
    mask = Image.new("L", sheet.size, 255).rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    sheet = sheet.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    desk = Image.new("RGB", (width, height), (125 + rng.randint(0, 30), 98, 72))
    desk.paste(sheet, ((width - sheet.width) // 2 + rng.randint(-40, 40), (height - sheet.height) // 2), mask)
    # Light falling off towards one side, a warm indoor tint, the lens's softness, the sensor's noise.
    gradient = Image.linear_gradient("L").rotate(rng.choice((0, 90, 180, 270))).resize((width, height))
    falloff = rng.uniform(0.25, 0.40)
    light = gradient.point(lambda v: 255 - int(v * falloff))
    tint = Image.merge("RGB", (light, light.point(lambda v: int(v * 0.97)), light.point(lambda v: int(v * 0.9))))
    photo = ImageChops.multiply(desk, tint).filter(ImageFilter.GaussianBlur(0.8))
    noise = [Image.effect_noise((width, height), 9) for _ in range(3)]  # grey, centred on 128, per channel
    photo = ImageChops.add(photo, Image.merge("RGB", noise), 1.0, -128)
    stored = photo.transpose(Image.Transpose.ROTATE_90)  # the sensor's landscape frame ...
    exif = Image.Exif()
    exif[0x0112] = 6  # ... which the viewer turns 90 degrees clockwise to show upright
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def form_html():
    """The SK upload form's file input exactly as the server renders it (limits in its data- attributes)."""
    from django.utils import translation

    from decrees.forms import DecreeForm

    with translation.override("id"):
        field = str(DecreeForm()["files"])
    return (
        '<!doctype html><html lang="id"><meta charset="utf-8"><body>'
        f'<form method="post" action="/unggah/" enctype="multipart/form-data" data-upload>{field}'
        '<button type="submit">Unggah SK</button></form>'
        '<script src="/static/js/upload.js"></script></body></html>'
    )


def sent_through_the_browser(browser, photo_path):
    """Run upload.js on the photo; return (multipart body bytes, file bytes in it, the note it showed, seconds)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    captured = {}

    def route(request_route):
        request = request_route.request
        url = request.url
        if url == ORIGIN + "/":
            request_route.fulfill(status=200, content_type="text/html; charset=utf-8", body=form_html())
        elif url.endswith("/static/js/upload.js"):
            request_route.fulfill(status=200, content_type="text/javascript", body=UPLOAD_JS.read_text())
        elif url.endswith("/unggah/") and request.method == "POST":
            captured["body"] = request.post_data_buffer
            captured["type"] = request.headers["content-type"]
            request_route.fulfill(status=200, content_type="application/json", body='{"redirect": "/selesai/"}')
        else:
            request_route.fulfill(status=200, content_type="text/html", body="<!doctype html><p>selesai</p>")

    page.route("**/*", route)
    page.goto(ORIGIN + "/")
    started = time.monotonic()
    page.locator("input[type=file]").set_input_files(str(photo_path))
    page.locator("input[type=file][data-prepared]").wait_for(state="attached", timeout=60_000)
    seconds = time.monotonic() - started
    note = page.locator("[data-testid=reduced]")
    note_text = note.inner_text() if note.count() else ""
    with page.expect_request(lambda r: r.url.endswith("/unggah/")):
        page.get_by_role("button", name="Unggah SK").click()
    page.wait_for_url("**/selesai/")
    context.close()
    body, content_type = captured["body"], captured["type"]
    message = BytesParser(policy=policy.default).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    files = [part.get_payload(decode=True) for part in message.iter_parts() if part.get_filename()]
    return body, files[0], note_text, seconds


def read_fields(data):
    """The fields the reading assistant finds in one photo, as the worker reads a stored scan."""
    started = time.monotonic()
    pages = ocr.read_file(io.BytesIO(data), "image/jpeg", max_pages=1)
    found = extract.extract(extract.Document.from_pages(pages), roles=skgen.ROLES, places=skgen.PLACES)
    return {field: (found[field] or {}).get("value") for field in FIELDS}, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", help="folder to keep the original and reduced photos in")
    parser.add_argument("--out", help="write the figures as JSON here")
    args = parser.parse_args()
    if not ocr.available():
        sys.exit("Tesseract with Indonesian data is needed (apt-get install tesseract-ocr tesseract-ocr-ind)")
    from playwright.sync_api import sync_playwright

    keep = Path(args.keep) if args.keep else Path(os.environ.get("TMPDIR", "/tmp")) / "kimtrack-upload-reduction"
    keep.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        for index in range(args.count):
            spec = skgen.make_spec(rng, index)
            page = skgen.render_pages(spec, seed=index)[0]
            original = phone_photo(page, random.Random(index))
            path = keep / f"sk{index:02d}-original.jpg"
            path.write_bytes(original)
            body, reduced, note, seconds = sent_through_the_browser(browser, path)
            (keep / f"sk{index:02d}-reduced.jpg").write_bytes(reduced)
            with Image.open(io.BytesIO(original)) as image:
                original_size = image.size
            with Image.open(io.BytesIO(reduced)) as image:
                reduced_size = image.size
            truth = spec.truth()
            row = {
                "sk": index,
                "layout": spec.layout,
                "font": f"{spec.font} {spec.size}px",
                "original": {"bytes": len(original), "pixels": original_size},
                "sent": {"request_bytes": len(body), "file_bytes": len(reduced), "pixels": reduced_size},
                "note": note,
                "browser_seconds": round(seconds, 2),
            }
            for name, data in (("original", original), ("sent", reduced)):
                fields, read_seconds = read_fields(data)
                row[name]["fields"] = fields
                row[name]["correct"] = [f for f in FIELDS if same(f, fields[f], truth[f])]
                row[name]["read_seconds"] = round(read_seconds, 1)
            row["truth"] = {f: truth[f] for f in FIELDS}
            results.append(row)
            print(
                f"SK {index + 1}/{args.count} ({spec.layout}, {row['font']}): "
                f"{len(original):,} B {original_size[0]}x{original_size[1]} -> "
                f"{len(reduced):,} B {reduced_size[0]}x{reduced_size[1]} (request {len(body):,} B) · «{note}»",
                flush=True,
            )
            for name in ("original", "sent"):
                print(f"  {name:8} {len(row[name]['correct'])}/{len(FIELDS)} fields right: {row[name]['fields']}")
        browser.close()
    total_before = sum(r["original"]["bytes"] for r in results)
    total_after = sum(r["sent"]["request_bytes"] for r in results)
    summary = {
        "photos": len(results),
        "bytes_before_mean": round(total_before / len(results)),
        "request_bytes_after_mean": round(total_after / len(results)),
        "ratio": round(total_after / total_before, 3),
        "fields_right_original": sum(len(r["original"]["correct"]) for r in results),
        "fields_right_sent": sum(len(r["sent"]["correct"]) for r in results),
        "fields_total": len(results) * len(FIELDS),
    }
    print(json.dumps(summary, indent=2))
    print(f"photos kept in {keep}")
    if args.out:
        Path(args.out).write_text(json.dumps({"summary": summary, "photos": results}, indent=2, default=str) + "\n")
    if any(max(r["sent"]["pixels"]) > 2000 for r in results):
        print("a photo was sent larger than 2000 px", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
