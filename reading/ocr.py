"""Read the text of a scan with Tesseract: page images in, lines of words with confidences out.

PDF pages are rendered with pypdfium2 (which ships its own PDFium, so no system
renderer is needed); photos are turned upright from their EXIF orientation,
made grey, scaled to roughly 300 dpi and have uneven lighting flattened before
Tesseract sees them. Nothing here touches the database.
"""

import math
import os
import shutil
import subprocess  # noqa: S404 - only to ask the configured tesseract binary for its languages
import time
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
import pypdfium2
import pytesseract
from django.conf import settings
from PIL import Image, ImageChops, ImageFilter, ImageOps

# Tesseract's OpenMP threads fight each other on a small machine: on 2 cores one
# thread read a page in 1.0 s where the default took 5.6 s. Operators may override.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# A4 is 8.27 inches wide: about 2480 pixels at 300 dpi, which Tesseract reads best.
TARGET_WIDTH = 2480
PDF_DPI = 300
PAPER_LEVEL = 215  # after the background is evened out, lighter than this is paper
# Steps of straightening a photo, each measured by `bench/ocr/run.py --without STEP`.
PREPARE_STEPS = {"page": True, "deskew": True, "specks": True, "ink": True, "stamp": True}
INK_LEVEL = 110  # after contrast is stretched, a letter's core is darker than this
LIGHT_INK_LEVEL = 105  # on a grey page, ink lighter than this away from any letter is a stamp's
BLUE_INK_EXCESS = 20  # blue this far above red and green is a stamp pad's or a pen's ink
PURPLE_INK_EXCESS = 12  # red and blue both this far above green: purple ink
LETTER_REACH = 11  # pixels (a square this wide) around a letter's core that belong to the letter
STAMP_WINDOW, STAMP_DENSITY = 61, 300  # pale ink this dense (pixels in the square) is a stamp's
SHARP_FRACTION = 0.6  # a page found this wide (of TARGET_WIDTH) or wider has letters with dark cores
INK_BRIGHTNESS = 110  # a stamp pad's ink on paper is at least this bright in its own colour
WORK_WIDTH = 600  # the page's outline and tilt are found on a copy this wide: fast, and precise enough
MAX_SKEW = 15  # degrees; a page photographed more askew than this is beyond straightening here


class OcrUnavailable(Exception):
    """Tesseract, or its Indonesian language data, is not installed on this server."""


@dataclass
class Word:
    text: str
    confidence: float  # 0..1, Tesseract's own estimate


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)


@dataclass
class Page:
    lines: list[Line]
    seconds: float = 0.0  # set by read_file: rendering the page included


@lru_cache(maxsize=4)
def _installed(command, languages):
    path = shutil.which(command)
    if not path:
        return False
    try:
        listed = subprocess.run(  # noqa: S603 - fixed arguments, binary from settings
            [path, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    known = set((listed.stdout + listed.stderr).split())
    return all(lang in known for lang in languages.split("+"))


def available():
    """True when reading can run here: enabled, Tesseract found, language data installed."""
    return settings.OCR_ENABLED and _installed(settings.OCR_TESSERACT_CMD, settings.OCR_LANGUAGES)


def render_scale(size_in_points):
    """300 dpi, or less so the bitmap stays within OCR_MAX_PAGE_PIXELS whatever size the page declares."""
    width, height = (max(abs(side), 1.0) for side in size_in_points)
    scale = PDF_DPI / 72
    budget = settings.OCR_MAX_PAGE_PIXELS
    if width * height * scale * scale > budget:
        scale = (budget / (width * height)) ** 0.5
        while math.ceil(width * scale) * math.ceil(height * scale) > budget:  # PDFium rounds up
            scale *= 0.999
    return scale


def page_images(fileobj, content_type, *, max_pages):
    """Yield each page of a stored scan as a PIL image (a photo is one page)."""
    if content_type == "application/pdf":
        document = pypdfium2.PdfDocument(fileobj.read())
        try:
            for index in range(min(len(document), max_pages)):
                page = document[index]
                # In colour: a stamp pad's purple or blue ink tells a stamp from the black text.
                yield page.render(scale=render_scale(page.get_size())).to_pil()
                page.close()
        finally:
            document.close()
    else:
        with Image.open(fileobj) as image:
            image.load()
            yield ImageOps.exif_transpose(image)


def _otsu(pixels):
    """The grey level that best splits an image into dark and light (Otsu's method)."""
    histogram = numpy.bincount(pixels.ravel(), minlength=256).astype(float)
    if numpy.count_nonzero(histogram) < 2:
        return int(pixels.flat[0]) if pixels.size else 0  # one grey level: nothing to split
    levels = numpy.arange(256)
    weight = numpy.cumsum(histogram)
    mean = numpy.cumsum(histogram * levels)
    total, total_mean = weight[-1], mean[-1]
    with numpy.errstate(divide="ignore", invalid="ignore"):
        between = (total_mean * weight - mean * total) ** 2 / (weight * (total - weight))
    return int(numpy.nanargmax(between))


def _page_corners(small):
    """The four corners (top-left, top-right, bottom-right, bottom-left) of a page lying on a darker
    desk, in the small copy's pixels; None when the picture is all page (a scan, a PDF)."""
    pixels = numpy.asarray(small)
    paper = pixels > _otsu(pixels)
    # Erode twice: a highlight on the desk or a speck must not become a corner.
    for _ in range(2):
        paper = paper & numpy.roll(paper, 1, 0) & numpy.roll(paper, -1, 0) & numpy.roll(paper, 1, 1)
        paper &= numpy.roll(paper, -1, 1)
    height, width = paper.shape
    edge = max(2, width // 50)
    frame = numpy.concatenate([paper[:edge].ravel(), paper[-edge:].ravel(), paper[:, :edge].ravel()])
    frame = numpy.concatenate([frame, paper[:, -edge:].ravel()])
    if frame.mean() > 0.6 or paper.mean() < 0.2:
        return None  # no desk around the page, or no page
    ys, xs = numpy.nonzero(paper)
    sums, diffs = xs + ys, xs - ys
    corners = [
        (xs[sums.argmin()], ys[sums.argmin()]),
        (xs[diffs.argmax()], ys[diffs.argmax()]),
        (xs[sums.argmax()], ys[sums.argmax()]),
        (xs[diffs.argmin()], ys[diffs.argmin()]),
    ]
    area = 0.5 * abs(
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True))
    )
    return corners if area > 0.2 * width * height else None


def _unwarp(grey, corners):
    """The page cut out of the photo along its corners and made rectangular again (perspective)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    width = round((numpy.hypot(x1 - x0, y1 - y0) + numpy.hypot(x2 - x3, y2 - y3)) / 2)
    height = round((numpy.hypot(x3 - x0, y3 - y0) + numpy.hypot(x2 - x1, y2 - y1)) / 2)
    target = [(0, 0), (width, 0), (width, height), (0, height)]
    matrix, vector = [], []
    for (x, y), (u, v) in zip(target, corners, strict=True):
        matrix += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        vector += [u, v]
    coefficients = numpy.linalg.solve(numpy.array(matrix, float), numpy.array(vector, float))
    return grey.transform(
        (width, height), Image.Transform.PERSPECTIVE, tuple(coefficients), Image.Resampling.BICUBIC, fillcolor=255
    )


def _skew(grey):
    """The angle (degrees) that makes the text lines of the page horizontal.

    Lines of text are sharpest in the row profile of the inked pixels when they
    are level: the angle whose rotation gives the most uneven row sums wins.
    """
    small = grey.resize((WORK_WIDTH, max(1, round(grey.height * WORK_WIDTH / grey.width))))
    pixels = numpy.asarray(small)
    ink = Image.fromarray(((pixels < _otsu(pixels)) * 255).astype(numpy.uint8))

    def sharpness(angle):
        rows = numpy.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST)).sum(axis=1, dtype=numpy.int64)
        return float(numpy.var(numpy.diff(rows)))

    best = max(range(-MAX_SKEW, MAX_SKEW + 1), key=sharpness)
    return max((best + step / 10 for step in range(-10, 11)), key=sharpness)


def straighten(grey):
    """A photographed page cut from its desk and squared (perspective), then turned level (deskew)."""
    if PREPARE_STEPS["page"]:
        factor = grey.width / WORK_WIDTH
        small = grey.resize((WORK_WIDTH, max(1, round(grey.height / factor))))
        corners = _page_corners(small)
        if corners:
            grey = _unwarp(grey, [(x * factor, y * factor) for x, y in corners])
    if PREPARE_STEPS["deskew"]:
        angle = _skew(grey)
        if abs(angle) >= 0.3:
            grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return grey


def prepare(image):
    """Straightened, grey, about 300 dpi wide, with uneven light (phone photos) divided out."""
    grey = straighten(ink_grey(image))
    # A page enlarged from a small photo (WhatsApp sends 1280 px) has soft strokes without dark cores.
    sharp = grey.width >= TARGET_WIDTH * SHARP_FRACTION
    if abs(grey.width - TARGET_WIDTH) > TARGET_WIDTH * 0.15:
        height = round(grey.height * TARGET_WIDTH / grey.width)
        grey = grey.resize((TARGET_WIDTH, height), Image.Resampling.LANCZOS)
    # The page background estimated by a wide blur evens out shadows and a lamp's
    # hot spot, which otherwise push Tesseract's global threshold astray.
    # Subtracting it leaves the ink darker than the paper everywhere on the page.
    background = grey.filter(ImageFilter.GaussianBlur(radius=40))
    flattened = ImageOps.invert(ImageChops.subtract(background, grey))
    # What is barely darker than the paper is scanner noise or paper grain: make it paper. Without this
    # a page that is mostly blank has its noise stretched into a fake texture that Tesseract reads as
    # text, slowly (5 s instead of 1 s for the signature page of a noisy scan).
    flattened = flattened.point(lambda v: 255 if v > PAPER_LEVEL else v)
    evened = remove_rules(ImageOps.autocontrast(flattened, cutoff=(1, 0)))
    return remove_specks(remove_light_ink(evened) if sharp else evened)


def ink_grey(image):
    """The page in grey with a stamp pad's ink taken off.

    Stamp pads and ballpoint pens are purple or blue: pixels whose blue stands
    clearly above their red and green, or whose red and blue both stand above
    their green, are that ink, never the black text, and become paper. Where a
    stamp lies over a letter the letter's black wins and stays. A grey stamp
    (a black-and-white copy) is left to `remove_light_ink`.
    """
    if image.mode in ("L", "1", "I", "F") or not PREPARE_STEPS["ink"]:
        return ImageOps.grayscale(image)
    rgb = image if image.mode == "RGB" else image.convert("RGB")  # a rendered page already is: no copy
    grey = numpy.array(ImageOps.grayscale(rgb))
    pixels = numpy.asarray(rgb)  # one byte a channel; the bands below are views of it
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    inked = blue > numpy.minimum(numpy.maximum(red, green), 255 - BLUE_INK_EXCESS) + BLUE_INK_EXCESS
    # Purple: red and blue both well above green (paper under warm light has blue below green).
    inked |= numpy.minimum(red, blue) > numpy.minimum(green, 255 - PURPLE_INK_EXCESS) + PURPLE_INK_EXCESS
    inked &= numpy.maximum(red, blue) >= INK_BRIGHTNESS  # ink over a letter's edge is dark: the letter's
    if inked.any():
        # Around the ink, its paler fringe (a scan's JPEG smears the colour) that touches no letter goes too.
        fringe = (_window_counts(inked, 9) > 0) & (grey >= LIGHT_INK_LEVEL)
        fringe &= _window_counts(grey < INK_LEVEL, 7) == 0
        grey[inked | fringe] = 255
    return Image.fromarray(grey)


def remove_light_ink(image):
    """Erase ink distinctly lighter than the text that touches no letter: a grey stamp's ring and words.

    A stamp printed over the signature joined the official's name line and
    Tesseract lost the name. Printed letters have dark cores; the pale edge
    of a letter lies next to its core and stays. Only for sharp pages (a PDF,
    a scan, a full-size photo): on a page enlarged from a small forwarded
    photo thin strokes such as a number's slashes have no dark core and went too.
    """
    if not PREPARE_STEPS["stamp"]:
        return image
    pixels = numpy.asarray(image)
    near_letters = _window_counts(pixels < INK_LEVEL, LETTER_REACH) > 0
    pale = (pixels >= LIGHT_INK_LEVEL) & (pixels < PAPER_LEVEL) & ~near_letters
    if not pale.any():
        return image
    # A stamp's ring is a wide band of pale ink; what a soft scan leaves of a thin stroke is a few
    # scattered pixels, and stays.
    pale &= _window_counts(pale, STAMP_WINDOW) >= STAMP_DENSITY
    cleaned = pixels.copy()
    cleaned[pale] = 255
    return Image.fromarray(cleaned)


def _window_counts(dark, window):
    """How many dark pixels lie in the `window`-wide square around each pixel (a summed-area table).

    Sums are taken in uint16, one axis at a time: they wrap, but a difference of
    wrapped sums is still exact while a window holds fewer than 65,536 pixels,
    and half-width integers make the two passes about three times faster.
    """
    if window * window >= 1 << 16:
        raise ValueError("window too wide for uint16 sums")
    half = window // 2
    padded = numpy.pad(dark, half + 1).astype(numpy.uint16)
    rows = padded.cumsum(1, dtype=numpy.uint16)
    rows = rows[:, window:] - rows[:, :-window]
    columns = rows.cumsum(0, dtype=numpy.uint16)
    around = columns[window:] - columns[:-window]
    return around[: dark.shape[0], : dark.shape[1]]


def remove_specks(image, least=40, alone=150):
    """Erase dust and toner specks lying on blank paper: a photocopied page's scattered dots kept
    Tesseract busy for minutes on one nearly empty page (over 200 s, against 3 s once they are gone).

    A speck is a few dark pixels (fewer than `least` in its 9-pixel square) with
    little else dark around it (fewer than `alone` in a 61-pixel square): a dot
    or a colon inside a line of text has letters around it and stays.
    """
    if not PREPARE_STEPS["specks"]:
        return image
    pixels = numpy.asarray(image)
    dark = pixels < 170
    specks = dark & (_window_counts(dark, 9) < least) & (_window_counts(dark, 61) < alone)
    if not specks.any():
        return image
    cleaned = pixels.copy()
    cleaned[specks] = 255
    return Image.fromarray(cleaned)


def _long_row_runs(dark, length):
    """Pixels lying in a horizontal run of at least `length` dark pixels (counted in wrapping uint16, as above)."""
    height, width = dark.shape
    if width < length:
        return numpy.zeros_like(dark)
    dark = numpy.ascontiguousarray(dark)  # the columns' pass hands in a transposed view: sums run along rows
    counts = numpy.zeros((height, width + 1), numpy.uint16)
    numpy.cumsum(dark, axis=1, dtype=numpy.uint16, out=counts[:, 1:])
    full = (counts[:, length:] - counts[:, :-length]) == length  # the run starting at x is all dark
    starts = numpy.zeros((height, full.shape[1] + 1), numpy.uint16)
    numpy.cumsum(full, axis=1, dtype=numpy.uint16, out=starts[:, 1:])
    x = numpy.arange(width)
    # Pixel x is covered when some full run starts between x - length + 1 and x.
    high = numpy.minimum(x, full.shape[1] - 1) + 1
    low = numpy.maximum(x - length + 1, 0)
    return starts[:, high] != starts[:, low]


def remove_rules(image, length=90):
    """Erase table borders and underlines: Tesseract drops whole table rows when they are boxed in.

    A scanned rule is thin, grey at its edges and slightly tilted, so runs are
    looked for in a leniently thresholded copy thickened by a pixel each way.
    """
    pixels = numpy.asarray(image)
    dark = pixels < 170
    rows = dark.copy()
    rows[1:] |= dark[:-1]
    rows[:-1] |= dark[1:]
    columns = dark.copy()
    columns[:, 1:] |= dark[:, :-1]
    columns[:, :-1] |= dark[:, 1:]
    rules = _long_row_runs(rows, length) | _long_row_runs(columns.T, length).T
    if not rules.any():
        return image
    cleaned = pixels.copy()
    cleaned[rules] = 255
    return Image.fromarray(cleaned)


def read_image(image):
    """Tesseract's words of one page, grouped into lines, with confidences."""
    pytesseract.pytesseract.tesseract_cmd = settings.OCR_TESSERACT_CMD
    data = pytesseract.image_to_data(
        prepare(image),
        lang=settings.OCR_LANGUAGES,
        config="--psm 4",  # a single column of text of variable sizes: what an SK is
        output_type=pytesseract.Output.DICT,
        timeout=settings.OCR_PAGE_TIMEOUT_SECONDS,
    )
    lines, keys = [], {}
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key not in keys:
            keys[key] = Line()
            lines.append(keys[key])
        keys[key].words.append(Word(text, max(float(data["conf"][i]), 0.0) / 100))
    return Page(lines=lines)


def read_file(fileobj, content_type, *, max_pages):
    """Every page of one stored file, read in order."""
    if not available():
        raise OcrUnavailable
    pages, images = [], page_images(fileobj, content_type, max_pages=max_pages)
    while True:
        started = time.monotonic()
        image = next(images, None)
        if image is None:
            return pages
        page = read_image(image)
        page.seconds = time.monotonic() - started  # rendering the PDF page included
        pages.append(page)
