"""Untrusted SK scan files: the one place that decides whether a file is accepted.

The type comes from the content (magic bytes via libmagic), never from the name
or the browser. Images are opened with Pillow under our own pixel cap and fully
decoded (truncated files fail); PDFs are parsed with pypdf (encrypted, broken or
page-less ones fail). Size is checked before anything is read.
"""

import datetime
import hashlib
import os
import unicodedata
import warnings
from contextlib import suppress
from dataclasses import dataclass

import magic
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
# The type a file name promises; a file whose content says otherwise is refused.
NAME_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


@dataclass(frozen=True)
class CheckedScan:
    upload: object
    original_name: str
    content_type: str
    size: int
    sha256: str


def clean_filename(name):
    """The file name as metadata: no folders, no control characters, bounded length."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = " ".join(base.split()).strip(" .")
    return base[:200] or "berkas"


def check_scans(uploads):
    """Check every file of one SK; raise one ValidationError listing every problem."""
    limit = settings.KIMTRACK_SCAN_MAX_FILES
    if not uploads:
        raise ValidationError(_("Pilih minimal satu berkas SK (PDF, JPEG atau PNG)."))
    if len(uploads) > limit:
        raise ValidationError(
            _("Terlalu banyak berkas: %(count)d dipilih, paling banyak %(limit)d per SK.")
            % {"count": len(uploads), "limit": limit}
        )
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_scan(upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def check_scan(upload):
    """Accept one uploaded file as a scan, or raise ValidationError naming it and the reason."""
    name = clean_filename(upload.name)

    def refuse(reason):
        return ValidationError(_("Berkas “%(name)s”: %(reason)s") % {"name": name, "reason": reason})

    max_bytes = settings.KIMTRACK_SCAN_MAX_BYTES
    if not upload.size:
        raise refuse(_("berkas kosong (0 bita)."))
    if upload.size > max_bytes:
        raise refuse(
            _(
                "ukurannya %(size)s, melebihi batas %(limit)s. "
                "Perkecil foto atau pindai ulang dengan resolusi lebih rendah."
            )
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    upload.seek(0)
    content_type = magic.from_buffer(upload.read(4096), mime=True)
    upload.seek(0)
    if content_type not in ALLOWED_TYPES:
        raise refuse(_("isinya bukan PDF, JPEG atau PNG. Unggah hasil pindaian atau foto SK."))
    promised = NAME_TYPES.get(os.path.splitext(name)[1].lower())
    if promised and promised != content_type:
        raise refuse(
            _("namanya berakhiran %(ext)s tetapi isinya %(kind)s. Periksa berkasnya.")
            % {"ext": os.path.splitext(name)[1].lower(), "kind": ALLOWED_TYPES[content_type]}
        )
    if content_type == "application/pdf":
        _check_pdf(upload, refuse)
    else:
        _check_image(upload, content_type, refuse)
    return CheckedScan(upload, name, content_type, upload.size, _sha256(upload))


def _check_pdf(upload, refuse):
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise refuse(_("PDF dikunci dengan kata sandi. Unggah PDF tanpa kata sandi."))
        if len(reader.pages) == 0:
            raise refuse(_("PDF tidak berisi halaman."))
        active = _active_content(reader)
        if active:
            raise refuse(
                _("PDF berisi konten aktif (%(what)s) yang tidak diizinkan. Cetak ulang ke PDF atau pindai dokumennya.")
                % {"what": active}
            )
    except ValidationError:
        raise
    except (PdfReadError, ValueError, TypeError, KeyError, OSError, RecursionError):
        raise refuse(_("PDF rusak atau tidak bisa dibaca.")) from None
    finally:
        upload.seek(0)


# Names that make a PDF do something when opened, rather than just show pages.
ACTIVE_KEYS = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": "perintah peluncuran",
    "/EmbeddedFiles": "berkas tersemat",
    "/EmbeddedFile": "berkas tersemat",
    "/RichMedia": "media tersemat",
    "/XFA": "formulir XFA",
}
MAX_PDF_OBJECTS = 50_000  # a bound on the walk, so a crafted PDF cannot keep us busy


def _active_content(reader):
    """Walk every object reachable from the trailer; return what active content was found, if any."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen, stack, visited = set(), [reader.trailer], 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return _("struktur terlalu besar")
        if isinstance(node, DictionaryObject):
            for name, value in node.items():
                if name in ACTIVE_KEYS:
                    return ACTIVE_KEYS[name]
                if name == "/S" and isinstance(value, NameObject) and value in ("/JavaScript", "/Launch"):
                    return ACTIVE_KEYS[str(value)]
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return None


def _check_image(upload, content_type, refuse):
    max_pixels = settings.KIMTRACK_SCAN_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format != PILLOW_FORMATS[content_type]:
                    raise refuse(_("gambar tidak sesuai formatnya."))
                # Our own cap, from the header, before any pixel is decoded.
                if image.width * image.height > max_pixels:
                    raise refuse(
                        _("gambar %(w)d×%(h)d piksel terlalu besar (batas %(mp)d megapiksel).")
                        % {"w": image.width, "h": image.height, "mp": max_pixels // 1_000_000}
                    )
                image.load()  # decodes every pixel: a truncated file fails here
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refuse(_("gambar terlalu besar untuk dibuka.")) from None
    except (OSError, ValueError, SyntaxError):
        raise refuse(_("gambar rusak atau terpotong. Ambil ulang foto SK.")) from None
    finally:
        upload.seek(0)


def _sha256(upload):
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_upload_quota(*, user, sizes, kim=None):
    """Refuse files that would take the account past its hourly upload limits, or the KIM past its storage cap.

    Call inside the upload's transaction, before any file is written: it locks the account's row,
    so parallel uploads of one account are counted one after the other. What is counted comes from
    every model that keeps uploads (those naming UPLOADED_BY / UPLOAD_KIM, see kimtrack/stored_files.py).
    """
    if not sizes:
        return
    get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
    new_bytes, new_files = sum(sizes), len(sizes)
    files, stored = _uploaded_since(user, timezone.now() - datetime.timedelta(hours=1))
    max_files, max_bytes = settings.KIMTRACK_UPLOAD_MAX_FILES_PER_HOUR, settings.KIMTRACK_UPLOAD_MAX_BYTES_PER_HOUR
    if files + new_files > max_files:
        raise ValidationError(
            _(
                "Batas unggahan akun tercapai: %(files)d berkas dalam satu jam terakhir, paling banyak %(limit)d "
                "per jam. Tidak ada yang disimpan; coba lagi sekitar satu jam lagi atau hubungi Diskominfo."
            )
            % {"files": files, "limit": max_files}
        )
    if stored + new_bytes > max_bytes:
        raise ValidationError(
            _(
                "Batas unggahan akun tercapai: %(stored)s dalam satu jam terakhir, ditambah berkas ini (%(new)s) "
                "melewati batas %(limit)s per jam. Tidak ada yang disimpan; coba lagi nanti atau perkecil berkasnya."
            )
            % {"stored": filesizeformat(stored), "new": filesizeformat(new_bytes), "limit": filesizeformat(max_bytes)}
        )
    cap = settings.KIMTRACK_KIM_STORAGE_MAX_BYTES
    held = _held_for(kim) if kim is not None else 0
    if kim is not None and held + new_bytes > cap:
        raise ValidationError(
            _(
                "Ruang simpan KIM “%(kim)s” penuh: berkas SK dan drafnya sudah %(held)s, ditambah berkas ini "
                "(%(new)s) melewati batas %(limit)s per KIM. Tidak ada yang disimpan; buang draf yang tidak "
                "dipakai atau hubungi Diskominfo."
            )
            % {
                "kim": kim.name,
                "held": filesizeformat(held),
                "new": filesizeformat(new_bytes),
                "limit": filesizeformat(cap),
            }
        )


def _upload_models(attribute):
    return [(m, getattr(m, attribute)) for m in apps.get_models() if getattr(m, attribute, None)]


def _uploaded_since(user, since):
    """(files, bytes) the account stored since `since`, over every kind of upload."""
    files = stored = 0
    for model, lookup in _upload_models("UPLOADED_BY"):
        rows = model._default_manager.filter(**{lookup: user, "created_at__gte": since})
        if any(field.name == "size" for field in model._meta.concrete_fields):
            found = rows.aggregate(n=Count("pk"), size=Sum("size"))
            files, stored = files + found["n"], stored + (found["size"] or 0)
            continue
        for row in rows.only("file"):  # no size recorded (import files): the storage knows
            files += 1
            with suppress(FileNotFoundError):
                stored += row.file.size
    return files, stored


def _held_for(kim):
    """Bytes of the files stored for one KIM now (its SKs' scans and its drafts')."""
    return sum(
        model._default_manager.filter(**{lookup: kim}).aggregate(size=Sum("size"))["size"] or 0
        for model, lookup in _upload_models("UPLOAD_KIM")
    )
