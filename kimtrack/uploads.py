"""Untrusted uploaded files (SK scans, drafts, outreach attachments, activity photos): the one place
that decides whether a file is accepted, with the limits and the help text that states them.

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
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from PIL import Image
from pypdf import PdfReader


def _limits_text(extra=""):
    """What a file field accepts, from the configured limits (never a number written by hand)."""
    text = _("PDF, JPEG atau PNG; 1–%(files)d berkas, masing-masing paling besar %(mb)d MB.") % {
        "files": settings.KIMTRACK_SCAN_MAX_FILES,
        "mb": settings.KIMTRACK_SCAN_MAX_BYTES // (1024 * 1024),
    }
    return f"{text} {extra}".strip()


# Lazy: help texts are class attributes, translated and read from the settings when shown.
limits_text = lazy(_limits_text, str)

ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
# The type a file name promises; a file whose content says otherwise is refused.
NAME_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


# Photos larger than this on the long side are reduced in the browser before sending (static/js/upload.js):
# 2000 px keeps a printed A4 page readable for verification and OCR (about 170 dpi) at a fraction of the bytes.
BROWSER_REDUCE_LONG_SIDE = 2000
BROWSER_REDUCE_QUALITY = 0.85


def browser_checks(accept="", max_files=None):
    """Data attributes that let upload.js refuse a file before it crosses the line, from the same limits.

    `accept` is the input's accept attribute: the allowed types are those of ALLOWED_TYPES it names
    (or names by wildcard, image/*). The server still checks every file (check_scan): this only saves
    an admin on a slow connection from sending a file that would be refused.
    """
    accepted = {part.strip() for part in accept.split(",")} if accept else {"*/*"}
    types = [
        kind for kind in ALLOWED_TYPES if kind in accepted or f"{kind.split('/')[0]}/*" in accepted or "*/*" in accepted
    ]
    names = [ALLOWED_TYPES[kind] for kind in types]
    listed = (
        names[0]
        if len(names) == 1
        else _("%(first)s atau %(last)s")
        % {
            "first": ", ".join(names[:-1]),
            "last": names[-1],
        }
    )
    limit = max_files or settings.KIMTRACK_SCAN_MAX_FILES
    return {
        "data-max-bytes": settings.KIMTRACK_SCAN_MAX_BYTES,
        "data-max-files": limit,
        "data-types": ",".join(types),
        "data-reduce-px": BROWSER_REDUCE_LONG_SIDE,
        "data-reduce-quality": BROWSER_REDUCE_QUALITY,
        # The words the script shows; %(name)s placeholders are filled in by the script.
        "data-msg-file": _("Berkas “%(name)s”: %(reason)s"),
        "data-msg-too-large": _("ukurannya %(size)s, melebihi batas %(limit)s. Berkas belum dikirim.")
        % {"size": "%(size)s", "limit": filesizeformat(settings.KIMTRACK_SCAN_MAX_BYTES)},
        "data-msg-type": _("jenisnya tidak diterima. Pilih berkas %(types)s.") % {"types": listed},
        "data-msg-too-many": _("Terlalu banyak berkas: %(count)s dipilih, paling banyak %(limit)s.")
        % {"count": "%(count)s", "limit": limit},
        "data-msg-reduced": _("Foto diperkecil: %(before)s → %(after)s"),
        "data-msg-busy": _("Foto sedang diperkecil…"),
    }


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
        raise ValidationError(_("Pilih minimal satu berkas (PDF, JPEG atau PNG)."))
    if len(uploads) > limit:
        raise ValidationError(
            _("Terlalu banyak berkas: %(count)d dipilih, paling banyak %(limit)d sekali unggah.")
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
        raise refuse(_("isinya bukan PDF, JPEG atau PNG. Unggah hasil pindaian atau foto dokumennya."))
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
        pages = len(reader.pages)
        if pages == 0:
            raise refuse(_("PDF tidak berisi halaman."))
        max_pages = settings.KIMTRACK_SCAN_MAX_PDF_PAGES
        if pages > max_pages:
            raise refuse(
                _("PDF berisi %(count)d halaman, paling banyak %(limit)d. Unggah halaman yang diperlukan saja.")
                % {"count": pages, "limit": max_pages}
            )
        _check_page_sizes(reader, refuse)
        active = _active_content(reader)
        if active is OVER_BUDGET:
            raise refuse(
                _(
                    "struktur PDF terlalu besar atau terlalu dalam untuk diperiksa. "
                    "Cetak ulang ke PDF atau pindai dokumennya."
                )
            )
        if active:
            raise refuse(
                _("PDF berisi konten aktif (%(what)s) yang tidak diizinkan. Cetak ulang ke PDF atau pindai dokumennya.")
                % {"what": active}
            )
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a hostile file; each one means "unreadable"
        raise refuse(_("PDF rusak atau tidak bisa dibaca.")) from None
    finally:
        upload.seek(0)


# The largest paper an SK is printed or scanned on is A0 (841 x 1189 mm); a little more allows for
# rounding in scanners' page boxes. Anything bigger would be rendered into a bitmap of many GB.
A0_MM = (841, 1189)
PAGE_SIZE_TOLERANCE = 1.02
MM_PER_POINT = 25.4 / 72


def _check_page_sizes(reader, refuse):
    """Refuse a page whose media or crop box, times /UserUnit, is larger than A0 or empty."""
    for number, page in enumerate(reader.pages, start=1):
        unit = float(_resolved(page.get("/UserUnit", 1)))
        sizes = [(abs(float(box.width)), abs(float(box.height))) for box in (page.mediabox, page.cropbox)]
        for width, height in sizes:
            short, long = sorted((width * unit * MM_PER_POINT, height * unit * MM_PER_POINT))
            if unit <= 0 or short < 1:
                raise refuse(_("halaman %(page)d tidak memiliki ukuran yang sah.") % {"page": number})
            if short > A0_MM[0] * PAGE_SIZE_TOLERANCE or long > A0_MM[1] * PAGE_SIZE_TOLERANCE:
                raise refuse(
                    _(
                        "halaman %(page)d berukuran %(w)s × %(h)s mm, lebih besar dari A0 (841 × 1189 mm). "
                        "Pindai atau cetak ulang dokumennya pada ukuran kertas biasa."
                    )
                    % {"page": number, "w": f"{short:,.0f}".replace(",", "."), "h": f"{long:,.0f}".replace(",", ".")}
                )


ACTIVE_JS, ACTIVE_LAUNCH, ACTIVE_FILE = _lazy("JavaScript"), _lazy("perintah peluncuran"), _lazy("berkas tersemat")
ACTIVE_MEDIA, ACTIVE_REMOTE = _lazy("media tersemat"), _lazy("tautan ke berkas lain")
ACTIVE_FORM = _lazy("pengiriman atau impor data formulir")
# Keys whose mere presence makes a PDF do something when opened, rather than just show pages.
ACTIVE_KEYS = {
    "/JavaScript": ACTIVE_JS,
    "/JS": ACTIVE_JS,
    "/Launch": ACTIVE_LAUNCH,
    "/EmbeddedFiles": ACTIVE_FILE,
    "/EmbeddedFile": ACTIVE_FILE,
    "/EF": ACTIVE_FILE,
    "/RichMedia": ACTIVE_MEDIA,
    "/RichMediaContent": ACTIVE_MEDIA,
    "/XFA": _lazy("formulir XFA"),
}
# Values of an action's /S, an annotation's /Subtype or an object's /Type that do the same.
VALUE_KEYS = {"/S", "/Subtype", "/Type"}
ACTIVE_VALUES = {
    "/JavaScript": ACTIVE_JS,
    "/Launch": ACTIVE_LAUNCH,
    "/GoToR": ACTIVE_REMOTE,
    "/GoToE": ACTIVE_REMOTE,
    "/SubmitForm": ACTIVE_FORM,
    "/ImportData": ACTIVE_FORM,
    "/FileAttachment": ACTIVE_FILE,
    "/EmbeddedFile": ACTIVE_FILE,
    "/RichMedia": ACTIVE_MEDIA,
    "/RichMediaExecute": ACTIVE_MEDIA,
    "/Rendition": ACTIVE_MEDIA,
    "/Screen": ACTIVE_MEDIA,
    "/Movie": ACTIVE_MEDIA,
    "/Sound": ACTIVE_MEDIA,
}
# Bounds on the walk, so a crafted PDF cannot keep us busy: objects visited, and how deep arrays and
# dictionaries nest inside one object (chains of references are bounded by the object count).
MAX_PDF_OBJECTS = 20_000  # a scanned SK has tens per page; a 50-page Word export a few thousand
MAX_PDF_NESTING = 64
OVER_BUDGET = object()  # what the walk answers when it gives up


def _resolved(value, hops=8):
    """Follow indirect references to the object they name."""
    from pypdf.generic import IndirectObject

    while isinstance(value, IndirectObject) and hops:
        value, hops = value.get_object(), hops - 1
    return value


def _active_content(reader):
    """Walk every object reachable from the trailer; return what active content was found, None, or OVER_BUDGET."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen, stack, visited = set(), [(reader.trailer, 0)], 0
    while stack:
        node, depth = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node, depth = node.get_object(), 0
        visited += 1
        if visited > MAX_PDF_OBJECTS or depth > MAX_PDF_NESTING:
            return OVER_BUDGET
        if isinstance(node, DictionaryObject):  # stream dictionaries included
            for name, value in node.items():
                if name in ACTIVE_KEYS:
                    return str(ACTIVE_KEYS[name])
                if name in VALUE_KEYS:
                    resolved = _resolved(value)
                    if isinstance(resolved, NameObject) and resolved in ACTIVE_VALUES:
                        return str(ACTIVE_VALUES[resolved])
                stack.append((value, depth + 1))
        elif isinstance(node, ArrayObject):
            stack.extend((item, depth + 1) for item in node)
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
        raise refuse(_("gambar rusak atau terpotong. Ambil ulang fotonya.")) from None
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
