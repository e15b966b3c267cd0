"""Scans on an S3-compatible object store (STORAGE_BACKEND=s3), against a real local S3 server.

The server is moto's (from PyPI), started on loopback for these tests: real HTTP,
real S3 API calls from django-storages and boto3, a real bucket. Nothing is mocked
inside the application.
"""

import io
import tarfile
import uuid

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse

from decrees.models import Decree, Scan
from tests.files import image_bytes, sk_photo

FORM = {
    "number": "188.45/7/KPTS/2021",
    "signed_on": "2021-12-10",
    "signatory": "Kepala Desa Beji",
    "term_start": "2021-12-10",
    "term_end": "2024-12-09",
}


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _host, port = server.get_host_and_port()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(settings, s3_server):
    """A fresh private bucket, and the application's uploads pointed at it."""
    name = f"kimtrack-{uuid.uuid4().hex[:10]}"
    credentials = {"aws_access_key_id": "kimtrack", "aws_secret_access_key": "rahasia", "region_name": "us-east-1"}
    client = boto3.client("s3", endpoint_url=s3_server, **credentials)
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": "kimtrack",
                "secret_key": "rahasia",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }

    def keys():
        return sorted(item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", []))

    return {"name": name, "client": client, "keys": keys}


def test_storage_is_the_object_store(bucket):
    from storages.backends.s3 import S3Storage

    saved = default_storage.save("probe/x.txt", io.BytesIO(b"ok"))
    assert isinstance(default_storage._wrapped, S3Storage)
    assert bucket["keys"]() == [saved]
    default_storage.delete(saved)
    assert bucket["keys"]() == []


def test_an_uploaded_scan_lands_in_the_bucket_and_nowhere_on_disk(
    client_for, jenu_admin, tuban_staff, beji_kim, bucket, media_files
):
    photo = image_bytes("JPEG", (700, 990))
    response = client_for(jenu_admin).post(
        reverse("decrees:upload", args=[beji_kim.pk]), {**FORM, "files": [sk_photo_from(photo)]}
    )
    assert response.status_code == 302
    scan = Scan.objects.get()
    # The scan and its preview (built once at upload) are in the bucket.
    assert set(bucket["keys"]()) == {scan.file.name, f"previews/{scan.pk}.jpg"} and scan.file.name.startswith("scans/")
    assert media_files() == []  # nothing on local disk
    # Served only through the permission-checked view, streamed from the bucket.
    served = client_for(tuban_staff).get(reverse("decrees:scan", args=[scan.pk]))
    assert b"".join(served.streaming_content) == photo
    # The EXIF-free preview is made and kept in the bucket too.
    assert client_for(tuban_staff).get(reverse("decrees:scan_preview", args=[scan.pk])).status_code == 200
    assert f"previews/{scan.pk}.jpg" in bucket["keys"]()


def sk_photo_from(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("halaman-1.jpg", data, content_type="image/jpeg")


def test_a_failed_upload_leaves_no_object_behind(jenu_admin, beji_kim, bucket, monkeypatch):
    from decrees.services import decree_submit

    def fail(self, *args, **kwargs):
        raise IntegrityError("database went away")

    monkeypatch.setattr(Scan, "save", fail)
    with pytest.raises(IntegrityError):
        decree_submit(
            kim=beji_kim,
            uploaded_by=jenu_admin,
            files=[sk_photo()],
            number="1/2/3",
            signed_on="2021-12-10",
            signatory="X",
            term_start="2021-12-10",
            term_end="2024-12-09",
        )
    assert Decree.objects.count() == 0 and bucket["keys"]() == []


def test_health_check_writes_to_the_bucket_and_reports_a_missing_one(anon_client, db, bucket, settings):
    settings.HEALTHZ_TOKEN = "rahasia-pemantauan"
    deep = {"HTTP_X_HEALTHZ_TOKEN": "rahasia-pemantauan"}
    assert anon_client.get(reverse("healthz"), **deep).json()["media"] is True
    assert bucket["keys"]() == []  # the probe object is removed again
    bucket["client"].delete_bucket(Bucket=bucket["name"])
    response = anon_client.get(reverse("healthz"), **deep)
    assert response.status_code == 503 and response.json()["media"] is False


@pytest.mark.django_db(transaction=True)  # the backup reads committed data, on a connection of its own
def test_backup_takes_the_files_from_the_bucket_and_check_media_quarantines_there(
    client_for, jenu_admin, beji_kim, bucket, tmp_path
):
    client_for(jenu_admin).post(reverse("decrees:upload", args=[beji_kim.pk]), {**FORM, "files": [sk_photo()]})
    scan = Scan.objects.get()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        assert f"media/{scan.file.name}" in tar.getnames()

    stray = default_storage.save("scans/stray.jpg", io.BytesIO(b"not referenced"))
    out = io.StringIO()
    call_command("check_media", "--repair", stdout=out)
    keys = bucket["keys"]()
    assert stray not in keys and any(k.startswith("quarantine/") and k.endswith("scans/stray.jpg") for k in keys)
    assert scan.file.name in keys
