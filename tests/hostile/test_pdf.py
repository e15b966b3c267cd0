"""Hostile PDFs from the corpus: absurd page sizes and active content are refused at upload, and the reader
renders whatever is stored within its pixel budget."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decrees.models import Decree, Scan
from kimtrack.uploads import check_scan
from reading import ocr
from tests.decrees.conftest import SK_FIELDS
from tests.files import upload
from tests.hostile import corpus


@pytest.mark.parametrize("name", list(corpus.PDFS))
def test_every_pdf_of_the_corpus_gets_its_verdict(name):
    build, verdict = corpus.PDFS[name]
    scan = upload(f"{name}.pdf", build(), "application/pdf")
    if verdict == "accept":
        assert check_scan(scan).content_type == "application/pdf"
    else:
        with pytest.raises(ValidationError) as refused:
            check_scan(scan)
        assert f"Berkas “{name}.pdf”" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("huge_mediabox", "halaman 1 berukuran 5.080 × 5.080 mm, lebih besar dari A0 (841 × 1189 mm)"),
        ("user_unit", "halaman 1 berukuran 15.743 × 22.278 mm"),
        ("huge_second_page", "halaman 2 berukuran"),
        ("huge_inherited", "halaman 1 berukuran 5.080 × 5.080 mm"),
        ("huge_cropbox", "halaman 1 berukuran 5.080 × 5.080 mm"),
        ("bad_mediabox", "halaman 1 tidak memiliki ukuran yang sah"),
        ("file_attachment", "konten aktif (berkas tersemat)"),
        ("embedded_stream_only", "konten aktif (berkas tersemat)"),
        ("launch_indirect", "konten aktif (perintah peluncuran)"),
        ("launch_hex_name", "konten aktif (perintah peluncuran)"),
        ("gotor_unc", "konten aktif (tautan ke berkas lain)"),
        ("gotoe", "konten aktif (tautan ke berkas lain)"),
        ("submit_form", "konten aktif (pengiriman atau impor data formulir)"),
        ("import_data", "konten aktif (pengiriman atau impor data formulir)"),
        ("rich_media", "konten aktif (media tersemat)"),
        ("page_aa_javascript", "konten aktif (JavaScript)"),
        ("deep_nesting", "struktur PDF terlalu besar atau terlalu dalam untuk diperiksa"),
        ("many_objects", "struktur PDF terlalu besar atau terlalu dalam untuk diperiksa"),
        ("deeper_than_parser", "PDF rusak atau tidak bisa dibaca"),
        ("broken_xref", "PDF rusak atau tidak bisa dibaca"),
    ],
)
def test_hostile_pdf_upload_is_refused_with_its_reason_and_leaves_nothing(
    client_for, jenu_admin, beji_kim, media_files, name, message
):
    scan = upload(f"{name}.pdf", corpus.PDFS[name][0](), "application/pdf")
    response = client_for(jenu_admin).post(
        reverse("decrees:upload", args=[beji_kim.pk]), {**SK_FIELDS, "signatory": "Tetap Diketik", "files": [scan]}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="Tetap Diketik"' in page
    assert Decree.objects.count() == 0 and Scan.objects.count() == 0
    assert media_files() == []


def test_a_pdf_with_more_pages_than_allowed_is_refused(settings):
    settings.KIMTRACK_SCAN_MAX_PDF_PAGES = 3
    pages = corpus.pdf_pages(*[corpus.A4] * 4)
    with pytest.raises(ValidationError, match="PDF berisi 4 halaman, paling banyak 3"):
        check_scan(upload("tebal.pdf", pages, "application/pdf"))


def test_the_reader_renders_a_large_page_within_its_pixel_budget(settings):
    settings.OCR_MAX_PAGE_PIXELS = 4_000_000
    a3 = corpus.pdf_pages("/MediaBox [0 0 842 1191]")  # 17 MP at 300 dpi
    image = next(ocr.page_images(io.BytesIO(a3), "application/pdf", max_pages=1))
    assert image.width * image.height <= 4_000_000
    assert image.width * image.height > 3_900_000  # scaled down to the budget, not further
    assert image.height / image.width == pytest.approx(1191 / 842, rel=0.01)


def test_the_reader_keeps_300_dpi_for_an_a4_page(settings):
    image = next(ocr.page_images(io.BytesIO(corpus.pdf_plain()), "application/pdf", max_pages=1))
    assert (image.width, image.height) == (2480, 3509)
