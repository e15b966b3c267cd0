import datetime
import io

import pytest
import time_machine
from PIL import Image

from decrees.models import Decree
from districts.models import ActivityType, RegencyRules
from tests.factories import DecreeFactory
from tests.files import upload

TODAY = datetime.date(2025, 6, 2)
FROZEN = datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(FROZEN, tick=False):
        yield


def formed(kim):
    DecreeFactory(
        kim=kim,
        status=Decree.Status.VERIFIED,
        signed_on=datetime.date(2024, 1, 1),
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2099, 1, 1),
    )
    return kim


def activity_type(regency, name="Diseminasi"):
    RegencyRules.for_regency(regency)
    return ActivityType.objects.get(regency=regency, name=name)


def gps_photo(name="kegiatan.jpg", size=(1600, 1200)):
    """A phone photo carrying EXIF with a camera model and a GPS position."""
    exif = Image.Exif()
    exif[0x0110] = "Ponsel Uji"
    exif[0x8825] = {1: "S", 2: (6.0, 53.0, 0.0), 3: "E", 4: (112.0, 3.0, 0.0)}
    raw = io.BytesIO()
    Image.new("RGB", size, (120, 160, 200)).save(raw, "JPEG", quality=90, exif=exif)
    return upload(name, raw.getvalue(), "image/jpeg")
