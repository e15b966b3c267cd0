"""The kinds of issue 18 on rendered pages: drawn, turned into the files admins upload, read by Tesseract."""

import dataclasses
import datetime
import io
import random

import pytest

from bench.ocr import skgen
from reading import extract, ocr

# Pure reading: the same on every database (see the database_free marker).
pytestmark = [pytest.mark.usefixtures("tesseract"), pytest.mark.database_free]

VILLAGE_SK = skgen.SkSpec(
    layout="desa",
    district="Palang",
    village="Glodog",
    number="37 TAHUN 2023",
    signed_on=datetime.date(2023, 2, 23),
    signatory="SUPARMAN",
    kim_name="KIM Jendela Desa",
    officers=[
        ("Masrukin Hadi", "Pelindung"),
        ("Bambang Irawan", "Penasehat"),
        ("Ahmad Fauzi", "Ketua"),
        ("Siti Aminah", "Sekretaris"),
        ("Joko Susilo", "Seksi Pengumpulan dan Pengolahan Informasi"),
    ],
    font="Liberation Serif",
    size=46,
    numeric_date=True,
    one_line_title=True,
    minutes=True,
    roles_first=True,
    stamp=True,
    quotes=False,
)
PLACES = [*skgen.PLACES, "Palang", "Glodog"]


def read(files):
    pages = []
    for content_type, data in files:
        pages += ocr.read_file(io.BytesIO(data), content_type, max_pages=10)
    return extract.extract(extract.Document.from_pages(pages), roles=skgen.ROLES, places=PLACES)


def pairs(found):
    return {(extract.fold(o["name"]), extract.fold(o["role"])) for o in found["officers"]}


def test_a_village_sk_with_every_new_kind_is_read_from_a_clean_pdf():
    found = read([("application/pdf", skgen.clean_pdf(skgen.render_pages(VILLAGE_SK)))])

    assert found["number"]["value"] == "37 TAHUN 2023"  # not the minutes' 033/BA/...
    assert found["signed_on"]["value"] == "2023-02-23"  # the signature block's numeric date, not the minutes'
    assert found["issuer"]["value"] == "Kepala Desa Glodog"  # one-line title with KECAMATAN ... KABUPATEN ...
    assert found["signatory"]["value"] == "SUPARMAN"  # beside a stamp, without rank or NIP
    assert found["kim_name"]["value"] == "KIM Jendela Desa"  # no quotes, "Desa" in the name
    want = {(extract.fold(n), extract.fold(r)) for n, r in VILLAGE_SK.officers}
    assert pairs(found) == want  # role first, Pelindung, Penasehat, a wrapped section name


def test_a_camat_sk_with_a_spaced_number_and_a_role_first_table_is_read_from_a_scan():
    spec = dataclasses.replace(
        skgen.make_spec(random.Random(3), 0, kinds=True), font="Liberation Sans", size=50, stamp=False
    )
    assert spec.layout == "camat" and spec.roles_first and spec.one_line_title
    spec = dataclasses.replace(spec, number="188/12/KPTS/414.402/2021", printed_number="188/ 12 /KPTS/414.402/2021")
    found = read([("application/pdf", skgen.scan_pdf(skgen.render_pages(spec), seed=3))])

    assert found["number"]["value"] == "188/12/KPTS/414.402/2021"
    assert found["issuer"]["value"] == spec.issuer  # "Camat X", without "Kabupaten Tuban"
    assert datetime.date.fromisoformat(found["signed_on"]["value"]) == spec.signed_on
    recall = len(pairs(found) & {(extract.fold(n), extract.fold(r)) for n, r in spec.officers}) / len(spec.officers)
    assert recall >= 0.8


def test_a_phone_photo_turned_and_forwarded_at_1280_px_sideways_is_straightened_and_read():
    spec = dataclasses.replace(VILLAGE_SK, size=54, stamp=False, font="DejaVu Sans")
    pages = skgen.render_pages(spec)[:1]
    rng_seed = next(s for s in range(50) if _orientation(skgen.whatsapp_jpegs(pages, seed=s)[0]) == 6)
    photo = skgen.whatsapp_jpegs(pages, seed=rng_seed)[0]

    found = read([("image/jpeg", photo)])

    assert found["number"]["value"] == "37 TAHUN 2023"
    assert found["signed_on"]["value"] == "2023-02-23"
    assert found["issuer"]["value"] == "Kepala Desa Glodog"


def test_a_streaky_dusty_photocopy_is_read_in_its_page_time():
    """Dust on a nearly blank page kept Tesseract reading for minutes (the page timeout then failed the reading)."""
    spec = dataclasses.replace(skgen.make_spec(random.Random(3), 0, kinds=True), font="Liberation Sans", size=50)
    found = read([("application/pdf", skgen.photocopy_pdf(skgen.render_pages(spec), seed=3))])
    assert found["issuer"]["value"] == spec.issuer  # "KABUPATEN" read "KABUPATI:N" ends the place all the same
    assert found["number"]["value"] == spec.number  # a quote mark of toner before "NOMOR"


@pytest.mark.parametrize("ink", ["purple", "blue"])
def test_a_stamp_over_the_signers_titled_name_is_taken_off_before_reading(ink):
    """The stamp's ring crosses the first word of the name; the name keeps its titles."""
    spec = dataclasses.replace(
        VILLAGE_SK, stamp_ink=ink, signatory="Hj. AHMAD PRASETYO, S.Pd.", underline=True, font="Liberation Sans"
    )
    found = read([("application/pdf", skgen.scan_pdf(skgen.render_pages(spec), seed=5))])
    assert found["signatory"]["value"] == "Hj. AHMAD PRASETYO, S.Pd."


def _orientation(jpeg):
    from PIL import Image

    return Image.open(io.BytesIO(jpeg)).getexif().get(0x0112)


def _typed_page(lines, size=42):
    """A page typed as an office types it: each line at 300 dpi in Liberation Serif, "\t" a tab stop."""
    from PIL import Image, ImageDraw

    font = skgen._font("Liberation Serif", False, size)
    page = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(page)
    y = 200
    for line in lines:
        for column, cell in enumerate(line.split("\t")):
            draw.text((250 + column * 700, y), cell, fill="black", font=font)
        y += int(size * 1.6)
    return page


def test_a_remarks_column_members_on_their_own_lines_and_a_titled_one_word_signer_are_read_from_a_page():
    """Kinds of held-out set 3: a KETERANGAN column, a section's second member under it, "Hj. Puji" signing."""
    page = _typed_page(
        [
            "LAMPIRAN KEPUTUSAN KEPALA DESA BEJI",
            "NOMOR : 12 TAHUN 2023",
            "SUSUNAN PENGURUS KIM SIDO MAKMUR",
            "JABATAN\tNAMA\tKETERANGAN",
            "Pelindung\tHj. UMI, S.IP.\tDsn. Krajan",
            "Ketua\tSYAIFUL RAHMAN\tDsn. Ngampel",
            "Sekretaris\tNANIK WAHYUNI\tRT 03 RW 01",
            "Seksi Ekonomi Produktif\tAbdul Aminudin",
            "\tNanik Eko Wahyuni",
            "",
            "Ditetapkan di : Beji",
            "Pada tanggal : 23 Februari 2023",
            "KEPALA DESA BEJI,",
            "",
            "",
            "Hj. Puji",
        ]
    )
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=300)
    found = read([("application/pdf", buffer.getvalue())])

    assert found["signatory"]["value"] == "Hj. Puji"
    assert found["kim_name"]["value"] == "KIM Sido Makmur"
    assert pairs(found) == {
        (extract.fold(name), extract.fold(role))
        for name, role in [
            ("Hj. UMI, S.IP.", "Pelindung"),
            ("Syaiful Rahman", "Ketua"),
            ("Nanik Wahyuni", "Sekretaris"),
            ("Abdul Aminudin", "Seksi Ekonomi Produktif"),
            ("Nanik Eko Wahyuni", "Seksi Ekonomi Produktif"),
        ]
    }
