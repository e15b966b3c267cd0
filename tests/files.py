"""Real files for upload tests, made on the fly: valid ones and hostile ones."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def pdf_bytes(pages=1, password=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt="JPEG", size=(800, 1100), color=(240, 240, 230)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def png_with_header_size(width, height):
    """A tiny PNG whose header claims width x height pixels (a decompression bomb's shape)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def sk_pdf(name="sk.pdf", pages=2):
    return upload(name, pdf_bytes(pages), "application/pdf")


def sk_photo(name="halaman-1.jpg"):
    return upload(name, image_bytes("JPEG"), "image/jpeg")


def _pdf_with_open_action(action):
    """A one-page PDF that runs `action` (a dict of PDF names to values) when opened."""
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    entry = DictionaryObject({NameObject(k): v for k, v in action.items()})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(entry)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript():
    from pypdf.generic import NameObject, TextStringObject

    return _pdf_with_open_action({"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert('hai');")})


def pdf_with_launch_action():
    from pypdf.generic import NameObject, TextStringObject

    return _pdf_with_open_action({"/S": NameObject("/Launch"), "/F": TextStringObject("calc.exe")})


def pdf_with_embedded_file():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("virus.exe", b"MZ not really")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
