"""OCR benchmark for KIMTrack's own draft SK: printed, typed in, signed, stamped, scanned (issue 19).

    .venv/bin/python -m bench.ocr.drafts [--count 12] [--out bench/ocr/results-drafts.json] [--keep DIR]

The office's path from draft to upload, as it happens: the draft DOCX KIMTrack
makes (decrees.draft_sk, built-in template) is opened in a word processor, the
number, the signing date and the signer's name are typed into the dotted
blanks, it is printed (here: LibreOffice renders it to PDF, pypdfium2 to
300-dpi pages), signed in ink and stamped over the signature, then scanned on
a flatbed (200 dpi, tilt, dust; bench.ocr.skgen's scanner) or photographed
with a phone. Every file is read by the application's reader (reading.ocr +
reading.extract, as the worker calls them) and compared with what was typed.

Needs LibreOffice (`apt-get install libreoffice-writer-nogui`) besides
Tesseract; neither the application nor its tests need LibreOffice.
"""

import argparse
import datetime
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
django.setup()

import pypdfium2  # noqa: E402
from docx import Document  # noqa: E402
from PIL import ImageDraw, ImageFont  # noqa: E402

from bench.ocr import skgen  # noqa: E402
from bench.ocr.run import FIELDS, score  # noqa: E402  (scored as the generator benchmark scores)
from decrees import draft_sk  # noqa: E402
from districts.models import FormationTarget  # noqa: E402
from reading import extract, ocr  # noqa: E402

RENDERINGS = ("printed", "scan", "phone")


def make_case(rng, index):
    """One KIM of Tuban with its officers, and what the office types into the draft."""
    layout = skgen.LAYOUTS[index % len(skgen.LAYOUTS)]
    if layout == "lurah":
        district, village = "Tuban", rng.choice(skgen.KELURAHAN["Tuban"].split())
    else:
        district = rng.choice(sorted(skgen.DISTRICTS))
        village = rng.choice(skgen.DISTRICTS[district].split())
    kim_name = f"KIM {village if layout != 'camat' else district} {rng.choice(skgen.KIM_WORDS.split())}"
    office = {"camat": "Camat", "desa": "Kepala Desa", "lurah": "Lurah"}[layout]
    place = district if layout == "camat" else village
    kind = {"camat": "", "desa": "Desa", "lurah": "Kelurahan"}[layout]
    area = (
        f"Kecamatan {district} Kabupaten Tuban"
        if layout == "camat"
        else f"{kind} {village} Kecamatan {district} Kabupaten Tuban"
    )
    year = rng.randint(2022, 2026)
    signed_on = datetime.date(year, rng.randint(1, 11), rng.randint(1, 28))
    number = rng.choice(
        [
            f"188.45/{rng.randint(1, 299)}/KPTS/414.{rng.randint(401, 420)}/{year}",
            f"141/{rng.randint(1, 99)}/414.{rng.randint(401, 420)}.{rng.randint(1, 20):02d}/{year}",
            f"{rng.randint(1, 60)} TAHUN {year}",
        ]
    )
    officers = [
        (skgen._person(rng).split(",")[0].removeprefix("Drs. ").removeprefix("H. "), role) for role in skgen.ROLES
    ]
    context = {
        "pemerintah": "PEMERINTAH KABUPATEN TUBAN",
        "kecamatan": f"KECAMATAN {district.upper()}",
        "desa": f"{kind.upper()} {village.upper()}" if layout != "camat" else "",
        "pejabat": f"{office} {place}".upper(),
        "pejabat_judul": f"{office} {place}",
        "nama_kim": kim_name,
        "nama_kim_kapital": kim_name.upper(),
        "nama_kim_inti": draft_sk._core_name(kim_name),
        "wilayah": area,
        "tempat": place,
        "masa_bakti": "5 (lima)",
        "dasar_hukum": [FormationTarget.TUBAN_LEGAL_BASIS, *FormationTarget.NATIONAL_LEGAL_BASES],
        "pengurus": [{"jabatan": role, "nama": name} for name, role in officers],
        "ada_nip": layout != "desa",
    }
    signatory = skgen._person(rng)
    truth = {
        "number": number,
        "signed_on": signed_on.isoformat(),
        "issuer": f"{office} {place}",
        "signatory": signatory,
        "kim_name": kim_name,
    }
    return context, truth, officers


def worded(date):
    return f"{date.day} {skgen.MONTHS[date.month - 1]} {date.year}"


def typed_in(docx_bytes, truth):
    """The draft after the office typed the number, the date and the signer into its blanks."""
    document = Document(io.BytesIO(docx_bytes))
    date = worded(datetime.date.fromisoformat(truth["signed_on"]))

    def fill(paragraph):
        text = paragraph.text
        if text.startswith("NOMOR :"):
            new = f"NOMOR : {truth['number']}"
        elif text.startswith("pada tanggal"):
            new = f"pada tanggal   : {date}"
        elif text.startswith("( ....") and text.endswith(")"):
            new = truth["signatory"]
        elif text.startswith("NIP. ...."):
            new = "NIP. 19" + "".join(random.Random(text).choice("0123456789") for _ in range(16))
        else:
            return
        for run in paragraph.runs[1:]:
            run.text = ""
        paragraph.runs[0].text = new

    for paragraph in document.paragraphs:
        fill(paragraph)
    for table in document.tables:  # the attachment's NOMOR / TANGGAL rows
        for row in table.rows:
            label = row.cells[0].text.strip()
            if label in ("NOMOR", "TANGGAL") and len(row.cells) > 1 and not row.cells[-1].text.strip():
                row.cells[-1].paragraphs[0].add_run(": " + (truth["number"] if label == "NOMOR" else date))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def printed_pdf(docx_bytes, workdir):
    """The document as a word processor prints it (LibreOffice, headless)."""
    source = Path(workdir) / "draft.docx"
    source.write_bytes(docx_bytes)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{workdir}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (Path(workdir) / "draft.pdf").read_bytes()


def pages_of(pdf_bytes, signatory):
    """300-dpi greyscale pages, and where the signer's name sits on each (for the pen and the stamp)."""
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    pages = []
    try:
        for page in pdf:
            scale = skgen.DPI / 72
            image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            text = page.get_textpage()
            boxes = []
            searcher = text.search(signatory, match_case=False)
            found = searcher.get_next()
            while found:
                start, count = found
                left, bottom, right, top = text.get_charbox(start)
                _l2, _b2, right, _t2 = text.get_charbox(start + count - 1)
                height = page.get_height()
                boxes.append((left * scale, (height - top) * scale, right * scale, (height - bottom) * scale))
                found = searcher.get_next()
            searcher.close()
            text.close()
            pages.append((image, boxes))
    finally:
        pdf.close()
    return pages


def signed_and_stamped(image, boxes, rng):
    """Ink signature above each signer's name and the office stamp overlapping it, as signed by hand."""
    page = image.copy()
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(skgen.FONT_DIRS[0] / "DejaVuSans-Bold.ttf"), 34)
    for left, top, right, _bottom in boxes:
        middle = (left + right) / 2
        # The pen: a looping stroke across the gap above the name.
        points, x = [], middle - 230
        for step in range(60):
            x += rng.uniform(4, 11)
            y = top - 120 + 70 * ((step % 7) / 7 - 0.5) + rng.uniform(-18, 18)
            points.append((x, y))
        draw.line(points, fill=30, width=6, joint="curve")
        # The stamp: a double ring with the office around, in stamp ink (mid grey once scanned to grey).
        cx, cy, r = middle - 260 + rng.uniform(-40, 40), top - 150 + rng.uniform(-40, 40), 190
        ink = rng.randint(95, 140)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=ink, width=9)
        draw.ellipse([cx - r + 34, cy - r + 34, cx + r - 34, cy + r - 34], outline=ink, width=5)
        draw.text((cx, cy - 20), "PEMERINTAH", fill=ink, font=font, anchor="mm")
        draw.text((cx, cy + 22), "KABUPATEN TUBAN", fill=ink, font=font, anchor="mm")
    return page


def renderings(printed, signed, seed):
    rng = random.Random(seed)
    scanned = [skgen._scanned(p, rng) for p in signed]
    scan = io.BytesIO()
    scanned[0].save(scan, "PDF", resolution=200, save_all=True, append_images=scanned[1:], quality=75)
    return {
        "printed": [("application/pdf", printed)],  # the draft as printed, before pen and stamp
        "scan": [("application/pdf", scan.getvalue())],
        "phone": [("image/jpeg", data) for data in skgen.phone_jpegs(signed, seed=seed)],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--out", default=str(ROOT / "bench" / "ocr" / "results-drafts.json"))
    parser.add_argument("--keep", help="also write the generated files into this folder")
    args = parser.parse_args()
    if not ocr.available():
        sys.exit("Tesseract with Indonesian data is not installed (apt-get install tesseract-ocr tesseract-ocr-ind).")
    if not shutil.which("soffice"):
        sys.exit("LibreOffice is not installed (apt-get install libreoffice-writer-nogui).")
    rng = random.Random(args.seed)
    template = draft_sk.default_template()
    tally = {r: {f: 0 for f in FIELDS} | {"officers_found": 0, "officers": 0, "docs": 0} for r in RENDERINGS}
    seconds = {r: [] for r in RENDERINGS}
    misses = []
    started = time.monotonic()
    for index in range(args.count):
        context, truth, officers = make_case(rng, index)
        docx = typed_in(draft_sk._render(template, context), truth)
        with tempfile.TemporaryDirectory() as workdir:
            printed = printed_pdf(docx, workdir)
        pages = pages_of(printed, truth["signatory"])
        signed = [signed_and_stamped(image, boxes, rng) for image, boxes in pages]
        for rendering, files in renderings(printed, signed, index).items():
            if args.keep:
                folder = Path(args.keep)
                folder.mkdir(parents=True, exist_ok=True)
                for n, (content_type, data) in enumerate(files, start=1):
                    suffix = ".pdf" if content_type == "application/pdf" else ".jpg"
                    (folder / f"draft{index:03d}-{rendering}-{n}{suffix}").write_bytes(data)
            read = []
            for content_type, data in files:
                read += ocr.read_file(io.BytesIO(data), content_type, max_pages=10)
            found = extract.extract(extract.Document.from_pages(read), roles=skgen.ROLES, places=skgen.PLACES)
            score(found, truth, officers, tally[rendering], misses, {"sk": index, "rendering": rendering})
            seconds[rendering] += [page.seconds for page in read]
        print(f"draft {index + 1}/{args.count}", flush=True)

    results = {
        "date": datetime.date.today().isoformat(),
        "command": "python -m bench.ocr.drafts " + " ".join(sys.argv[1:]),
        "documents": args.count,
        "seed": args.seed,
        "renderings": {},
    }
    header = ("rendering", "number", "date", "issuer", "signer", "KIM", "officers", "s/page")
    print("\n" + f"{header[0]:<10} " + " ".join(f"{h:>7}" for h in header[1:]))
    for rendering in RENDERINGS:
        counts = tally[rendering]
        rates = {field: round(counts[field] / counts["docs"], 3) for field in FIELDS}
        rates["officer_recall"] = round(counts["officers_found"] / counts["officers"], 3)
        median = round(statistics.median(seconds[rendering] or [0.0]), 2)
        results["renderings"][rendering] = {"exact_match": rates, "seconds_per_page_median": median}
        print(
            f"{rendering:<10} {rates['number']:>7.1%} {rates['signed_on']:>7.1%} {rates['issuer']:>7.1%} "
            f"{rates['signatory']:>7.1%} {rates['kim_name']:>7.1%} {rates['officer_recall']:>9.1%} {median:>7}"
        )
    results["total_seconds"] = round(time.monotonic() - started, 1)
    results["misses"] = misses
    Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{len(misses)} misses; written to {args.out} in {results['total_seconds']} s")


if __name__ == "__main__":
    main()
