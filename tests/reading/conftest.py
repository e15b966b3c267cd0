import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from bench.ocr import skgen
from reading import ocr

BEJI_SK = skgen.SkSpec(
    layout="desa",
    district="Jenu",
    village="Beji",
    number="141/27/414.403.05/2021",
    signed_on=datetime.date(2021, 12, 10),
    signatory="MOH. SUYONO",
    kim_name="KIM Beji Bersinar",
    officers=[("Ahmad Fauzi", "Ketua"), ("Siti Rahmawati", "Sekretaris"), ("Eko Prasetyo", "Bendahara")],
    font="Liberation Serif",
    size=46,
)


@pytest.fixture
def no_tesseract(settings):
    """A server without Tesseract: the configured binary does not exist."""
    settings.OCR_TESSERACT_CMD = "/nonexistent/tesseract"
    assert not ocr.available()


def sk_pdf(spec=BEJI_SK, name="sk-beji.pdf"):
    """A clean PDF of a generated SK, as an upload."""
    return SimpleUploadedFile(name, skgen.clean_pdf(skgen.render_pages(spec)), content_type="application/pdf")


def run_worker():
    """Run the real task worker over everything queued, then return (as `manage.py db_worker --batch`)."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
