"""Reading the fields of an SK from its text: what the assistant suggests, and how sure it is."""

import dataclasses
import datetime
import io

import pytest

from bench.ocr import skgen
from reading import extract, ocr
from tests.reading.conftest import BEJI_SK

# Pure reading: the same on every database (see the database_free marker).
pytestmark = pytest.mark.database_free

SK_TEXT = """PEMERINTAH KABUPATEN TUBAN
KECAMATAN JENU
KEPUTUSAN CAMAT JENU
NOMOR : 188.45/12/KPTS/414.403/2021
TENTANG
PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM)
"JENU MAJU" KECAMATAN JENU
Mengingat : 1. Peraturan Bupati Tuban
Nomor 55 Tahun 2020 tentang Kelompok Informasi Masyarakat;
MEMUTUSKAN :
| NO | NAMA | JABATAN |
| 1 | Ahmad Fauzi — | Ketua |
2 | Siti Rahmawati ' | Wakil Ketua
3. Eko Prasetyo Seksi Informasi
KEDUA : masa bakti sampai dengan 31 Desember 2024.
Ditetapkan di : Jenu
pada tanggal : 2 Desember 2021
CAMAT JENU,
PO NX
Drs. H. SUYONO, M.Si
Pembina
NIP. 19700101 199003 1 005
"""


def read(text):
    return extract.extract(extract.Document.from_text(text), roles=["Anggota pengurus"])


def test_every_field_of_a_typed_camat_sk_is_found():
    found = read(SK_TEXT)
    assert found["number"]["value"] == "188.45/12/KPTS/414.403/2021"
    assert found["signed_on"]["value"] == "2021-12-02"  # the signing date, not the end of the term
    assert found["issuer"]["value"] == "Camat Jenu"
    assert found["issuer"]["place"] == "Jenu"
    assert found["signatory"]["value"] == "Drs. H. SUYONO, M.Si"  # the scribble line "PO NX" is skipped
    assert found["kim_name"]["value"] == "KIM Jenu Maju"
    assert [(o["name"], o["role"]) for o in found["officers"]] == [
        ("Ahmad Fauzi", "Ketua"),
        ("Siti Rahmawati", "Wakil Ketua"),
        ("Eko Prasetyo", "Seksi Informasi"),
    ]


def test_a_regulation_number_in_the_considerations_is_not_taken_for_the_sk_number():
    text = "Nomor 55 Tahun 2020 tentang KIM\nNOMOR : 045/7/KEP/2023\n"
    assert read(text)["number"]["value"] == "045/7/KEP/2023"
    assert read("Nomor 55 Tahun 2020 tentang KIM\n")["number"] is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("pada tanggal : 10 Desember 2021", "2021-12-10"),
        ("pada tanggal : 10 Desernber 2021", "2021-12-10"),  # "m" read as "rn"
        ("pada tanggal : 1O Nopember 2021", "2021-11-10"),  # O for 0, old spelling of November
        ("Tuban, 05-03-2023", "2023-03-05"),
        ("Tanggal 5/3/2023", "2023-03-05"),
    ],
)
def test_indonesian_and_numeric_dates(written, expected):
    assert read(f"KEPUTUSAN LURAH KUTOREJO\n{written}\n")["signed_on"]["value"] == expected


def test_an_impossible_date_is_not_suggested():
    assert read("pada tanggal : 31 Februari 2021\n")["signed_on"] is None


def test_ocr_letters_inside_a_number_become_digits_but_letter_segments_stay():
    assert read("NOMOR : 188.45/l2/KPTS/414.4O3/2O21\n")["number"]["value"] == "188.45/12/KPTS/414.403/2021"


def test_confidence_comes_from_the_words_it_was_read_from():
    pages = [
        ocr.Page(
            lines=[
                ocr.Line([ocr.Word("NOMOR", 0.95), ocr.Word(":", 0.9), ocr.Word("045/7/KEP/2023", 0.40)]),
                ocr.Line([ocr.Word("KEPUTUSAN", 0.99), ocr.Word("CAMAT", 0.99), ocr.Word("JENU", 0.97)]),
            ],
            seconds=0,
        )
    ]
    found = extract.extract(extract.Document.from_pages(pages))
    assert found["number"] == {"value": "045/7/KEP/2023", "confidence": 0.4}
    assert found["issuer"]["confidence"] == pytest.approx(0.98, abs=0.01)


def test_nothing_is_invented_from_text_that_is_not_an_sk():
    found = read("Daftar hadir sosialisasi KIM\nBalai Desa Beji\n")
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.usefixtures("tesseract")
@pytest.mark.parametrize("layout", skgen.LAYOUTS)
def test_reading_a_generated_clean_sk_is_exact(layout):
    spec = BEJI_SK if layout == "desa" else skgen.make_spec(__import__("random").Random(7), skgen.LAYOUTS.index(layout))
    spec = dataclasses.replace(spec, font="Liberation Serif", size=46)
    pdf = skgen.clean_pdf(skgen.render_pages(spec))
    pages = ocr.read_file(io.BytesIO(pdf), "application/pdf", max_pages=10)
    found = extract.extract(extract.Document.from_pages(pages), roles=skgen.ROLES)
    assert found["number"]["value"] == spec.number
    assert datetime.date.fromisoformat(found["signed_on"]["value"]) == spec.signed_on
    assert found["issuer"]["value"] == spec.issuer
    assert extract.fold(found["signatory"]["value"]) == extract.fold(spec.signatory)
    assert extract.fold(found["kim_name"]["value"]) == extract.fold(spec.kim_name)
    assert [(o["name"], o["role"]) for o in found["officers"]] == spec.officers
    assert all(found[f]["confidence"] > 0.5 for f in ("number", "signed_on", "signatory"))
