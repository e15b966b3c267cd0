"""Straightening a phone photo before Tesseract reads it: find the page on the desk, square it, level it."""

import dataclasses
import io

import numpy
import pytest
from PIL import Image, ImageDraw, ImageOps

from bench.ocr import skgen
from reading import ocr
from tests.reading.conftest import BEJI_SK

# Pure reading: the same on every database (see the database_free marker).
pytestmark = pytest.mark.database_free


@pytest.fixture(scope="module")
def page():
    return skgen.render_pages(dataclasses.replace(BEJI_SK, size=50))[0]


@pytest.mark.parametrize("angle", [-12, -7.5, -5, 0, 1.5, 6, 11])
def test_the_tilt_of_a_page_is_found_to_half_a_degree(page, angle):
    turned = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    assert ocr._skew(turned) == pytest.approx(-angle, abs=0.5)


def test_a_clean_page_is_left_as_it_is(page):
    assert ocr.straighten(page) is page or numpy.array_equal(numpy.asarray(ocr.straighten(page)), numpy.asarray(page))


def test_the_page_is_cut_from_the_desk_of_a_forwarded_photo_and_comes_out_level(page):
    photo = Image.open(io.BytesIO(skgen.whatsapp_jpegs([page], seed=4)[0]))
    upright = ImageOps.grayscale(ImageOps.exif_transpose(photo))
    assert max(upright.size) == 1280

    straight = ocr.straighten(upright)

    # The page fills the result: no dark desk left at its edges, and its text lines are level.
    pixels = numpy.asarray(straight)
    border = numpy.concatenate([pixels[:5].ravel(), pixels[-5:].ravel(), pixels[:, :5].ravel(), pixels[:, -5:].ravel()])
    assert numpy.median(border) > numpy.median(numpy.asarray(upright))
    assert abs(ocr._skew(straight)) <= 1.0  # measured on a 600-pixel copy: a degree is its precision
    assert 0.6 < straight.width / straight.height < 0.8  # A4's shape, not the photo's


def test_a_picture_that_is_all_desk_or_all_page_has_no_corners():
    assert ocr._page_corners(Image.new("L", (600, 800), 255)) is None
    assert ocr._page_corners(Image.new("L", (600, 800), 40)) is None
    desk = Image.new("L", (600, 800), 60)
    ImageDraw.Draw(desk).rectangle([100, 120, 500, 700], fill=235)
    corners = ocr._page_corners(desk)
    assert corners and all(
        abs(x - ex) <= 4 and abs(y - ey) <= 4
        for (x, y), (ex, ey) in zip(corners, [(100, 120), (500, 120), (500, 700), (100, 700)], strict=True)
    )


def test_dust_on_blank_paper_is_erased_but_dots_and_colons_in_text_stay(page, monkeypatch):
    monkeypatch.setitem(ocr.PREPARE_STEPS, "specks", False)
    prepared = ocr.prepare(page)
    monkeypatch.setitem(ocr.PREPARE_STEPS, "specks", True)
    dusty = prepared.copy()
    draw = ImageDraw.Draw(dusty)
    blank_y = prepared.height - 200  # the bottom margin of the page is blank
    for x in range(100, 2300, 97):
        draw.ellipse([x, blank_y, x + 3, blank_y + 3], fill=0)

    cleaned = numpy.asarray(ocr.remove_specks(dusty))

    assert cleaned[blank_y - 5 : blank_y + 10].min() == 255
    text_before = numpy.asarray(prepared)[: blank_y - 300] < 170
    text_after = cleaned[: blank_y - 300] < 170
    assert text_after.sum() >= 0.999 * text_before.sum()  # the text, its colons and i-dots, stays


def test_a_stamp_pads_ink_is_taken_off_and_the_letters_it_touches_stay():
    """A purple ring crossing black letters: the ring goes, the letters keep every dark pixel."""
    image = Image.new("RGB", (400, 200), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse([150, 10, 330, 190], outline=(112, 48, 140), width=8)  # the stamp's ring ...
    draw.rectangle([40, 80, 360, 120], fill=(0, 0, 0))  # ... across a bold word: the ink on black stays black

    pixels = numpy.asarray(ocr.ink_grey(image))
    assert (pixels[80:121, 40:361] == 0).all()  # the word intact, where the ring crosses it too
    assert pixels[10:60, 150:331].min() == 255  # the ring above it gone
    assert ocr.ink_grey(image.convert("L")).mode == "L"  # a grey page is read as it is


def test_a_grey_stamp_on_a_grey_page_goes_and_the_letters_it_touches_stay():
    image = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(image)
    draw.ellipse([150, 10, 330, 190], outline=140, width=8)  # a stamp on a black-and-white copy
    draw.rectangle([40, 80, 360, 120], fill=0)
    cleaned = numpy.asarray(ocr.remove_light_ink(image))
    assert (cleaned[80:121, 40:361] == 0).all()
    assert cleaned[10:60, 150:331].min() == 255


def test_a_thin_pale_stroke_without_a_dark_core_is_not_taken_for_a_stamp():
    """What a soft scan leaves of a number's slash: a few pale pixels, which must stay."""
    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).line([(200, 60), (185, 120)], fill=150, width=3)
    assert numpy.array_equal(numpy.asarray(ocr.remove_light_ink(image)), numpy.asarray(image))


def test_window_counts_and_rule_runs_stay_exact_on_a_page_sized_mask():
    """The summed-area sums wrap in uint16 on a full A4 page (8.7 million pixels, far more ink than 65,535):
    each window's count and each long run must still be exactly what counting the pixels one by one gives."""
    rng = numpy.random.default_rng(7)
    dark = rng.random((3508, 2481)) < 0.3
    dark[1000, 100:400] = True  # a rule of 300 pixels
    dark[1200:1500, 2000] = True  # a table's upright border
    for window in (7, 61):
        counts = ocr._window_counts(dark, window)
        half = window // 2
        for y, x in ((0, 0), (1754, 1240), (3507, 2480), (half, 2480 - half), (3000, 17)):
            square = dark[max(0, y - half) : y + half + 1, max(0, x - half) : x + half + 1]
            assert counts[y, x] == square.sum()
    # Random ink at 30% has no run of 90: only the drawn rule and border are found (a pixel or two
    # longer where random ink happens to touch their ends).
    rows = ocr._long_row_runs(dark, 90)
    assert rows[1000, 100:400].all() and rows[1000].sum() < 310
    assert rows.sum() == rows[1000].sum()
    columns = ocr._long_row_runs(dark.T, 90).T
    assert columns[1200:1500, 2000].all() and columns[:, 2000].sum() < 310
    assert columns.sum() == columns[:, 2000].sum()
