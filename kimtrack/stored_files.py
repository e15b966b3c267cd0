"""Uploaded files kept on private storage: the shared record and the safe write.

Both SK scans and outreach attachments are checked by kimtrack.uploads and
stored here the same way: random names, metadata beside them, and no file left
behind when the database write fails.
"""

import uuid
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    """Metadata of one uploaded file.

    A concrete model names UPLOADED_BY (lookup to the account that uploaded it) and, when the file
    belongs to a KIM, UPLOAD_KIM: the upload quotas of kimtrack/uploads.py count through them.
    """

    EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    content_type = models.CharField(_("jenis"), max_length=40)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        return self.EXTENSIONS[self.content_type]

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


@contextmanager
def removed_on_failure():
    """Yield a list; every storage name appended to it is deleted if the block fails."""
    written = []
    try:
        yield written
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def save_checked(record, checked, written):
    """Copy a checked upload's metadata onto `record`, write the file, then the row."""
    record.original_name = checked.original_name
    record.content_type = checked.content_type
    record.size = checked.size
    record.sha256 = checked.sha256
    record.file.save("upload", checked.upload, save=False)
    written.append(record.file.name)
    record.save()
    return record


def serve(record, request, *, cache="private, max-age=3600"):
    """Stream a stored file to a user the caller has already checked: inline, or as a download with ?unduh=1."""
    response = FileResponse(
        record.file.open("rb"),
        content_type=record.content_type,
        as_attachment=request.GET.get("unduh") == "1",
        filename=record.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    return response
