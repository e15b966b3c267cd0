"""Draft SK (Word) forming a KIM, prefilled from the registry: the one place that writes and checks them.

The built-in template is made here with python-docx; a regency may replace it by
its own DOCX. Both are rendered by docxtpl with the same placeholders, in a
sandboxed Jinja environment that XML-escapes every value: registry text (KIM and
officer names) is data, and a staff template can reach nothing but the context.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from districts.models import FormationTarget, KimGroup, RegencyRules, Village
from kimtrack.uploads import clean_filename

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_MAIN_PART_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Bounds for an uploaded template, whatever its zip directory declares.
MAX_ENTRIES = 300
MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024

_NUMBER_WORDS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh")

# Placeholder -> what it holds; listed on the regency rules page for staff writing their own template.
PLACEHOLDERS = (
    ("pemerintah", gettext_lazy("Baris kop pertama, mis. PEMERINTAH KABUPATEN …")),
    ("kecamatan", gettext_lazy("Baris kop kecamatan, mis. KECAMATAN JENU")),
    ("desa", gettext_lazy("Baris kop desa/kelurahan, mis. DESA BEJI (kosong untuk KIM tingkat kecamatan)")),
    ("pejabat", gettext_lazy("Jabatan penanda tangan, mis. CAMAT JENU, KEPALA DESA BEJI, LURAH KARANG")),
    ("pejabat_judul", gettext_lazy("Jabatan penanda tangan dalam huruf biasa, mis. Kepala Desa Beji")),
    ("nama_kim", gettext_lazy("Nama KIM seperti di registri")),
    ("nama_kim_kapital", gettext_lazy("Nama KIM dalam huruf kapital (untuk judul)")),
    (
        "nama_kim_inti",
        gettext_lazy("Nama KIM tanpa kata KIM di depannya, mis. Beji Bersinar (ditulis dalam tanda petik)"),
    ),
    ("wilayah", gettext_lazy("Wilayah KIM, mis. Desa … Kecamatan … Kabupaten …")),
    ("tempat", gettext_lazy("Tempat penetapan, mis. Beji")),
    ("masa_bakti", gettext_lazy("Masa bakti dari aturan kabupaten, mis. 5 (lima)")),
    ("dasar_hukum", gettext_lazy("Daftar dasar hukum; ulangi dengan {%p for d in dasar_hukum %} … {%p endfor %}")),
    ("pengurus", gettext_lazy("Daftar pengurus, tiap baris p.jabatan dan p.nama; {%tr for p in pengurus %} di tabel")),
    ("ada_nip", gettext_lazy("Benar bila penanda tangan berNIP (camat, lurah); {%p if ada_nip %} … {%p endif %}")),
)


@dataclass(frozen=True)
class CheckedTemplate:
    upload: object
    original_name: str
    size: int


def _number_text(n):
    return f"{n} ({_NUMBER_WORDS[n]})" if 0 < n < len(_NUMBER_WORDS) else str(n)


def _core_name(name):
    """The KIM's own name without the leading word KIM: what SKs print in quotes after "(KIM)"."""
    return re.sub(r"^\s*KIM\b\s*", "", name, flags=re.IGNORECASE) or name


def draft_context(kim):
    """Every placeholder's value for `kim` (with district, regency and village loaded)."""
    district, village, regency = kim.district, kim.village, kim.district.regency
    rules = RegencyRules.for_regency(regency)
    with translation.override("id"):
        official = str(kim.issuing_office)
        kind = village.get_kind_display() if village else ""
    area_parts = [f"Kecamatan {district.display_name}", regency.display_name]
    if village:
        area_parts.insert(0, f"{kind} {village.display_name}")
    is_village_head = kim.level == KimGroup.Level.VILLAGE and village.kind != Village.Kind.KELURAHAN
    return {
        "pemerintah": f"PEMERINTAH {regency.name.upper()}",
        "kecamatan": f"KECAMATAN {district.name.upper()}",
        "desa": f"{kind.upper()} {village.name.upper()}" if village else "",
        "pejabat": official.upper(),
        "pejabat_judul": official,
        "nama_kim": kim.name,
        "nama_kim_kapital": kim.name.upper(),
        "nama_kim_inti": _core_name(kim.name),
        "wilayah": " ".join(area_parts),
        "tempat": kim.area.display_name,
        "masa_bakti": _number_text(rules.term_years),
        "dasar_hukum": FormationTarget.legal_bases_for(kim),
        "pengurus": [
            {"jabatan": officer.role.name, "nama": officer.name}
            for officer in kim.officers.select_related("role").order_by("role__rank", "name")
        ],
        # A Kepala Desa is not a civil servant: no NIP under the signature.
        "ada_nip": not is_village_head,
    }


def sample_context():
    """Values to try a staff template with before it is accepted."""
    return {
        "pemerintah": "PEMERINTAH KABUPATEN CONTOH",
        "kecamatan": "KECAMATAN CONTOH",
        "desa": "DESA CONTOH",
        "pejabat": "KEPALA DESA CONTOH",
        "pejabat_judul": "Kepala Desa Contoh",
        "nama_kim": "KIM Contoh",
        "nama_kim_kapital": "KIM CONTOH",
        "nama_kim_inti": "Contoh",
        "wilayah": "Desa Contoh Kecamatan Contoh Kabupaten Contoh",
        "tempat": "Contoh",
        "masa_bakti": "5 (lima)",
        "dasar_hukum": [FormationTarget.TUBAN_LEGAL_BASIS, *FormationTarget.NATIONAL_LEGAL_BASES],
        "pengurus": [{"jabatan": "Ketua", "nama": "Contoh"}],
        "ada_nip": False,
    }


def _paragraph(container, text="", *, bold=False, align=None, size=None, space_after=0):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def _bottom_border(paragraph):
    """The rule under a letterhead (python-docx has no API for paragraph borders)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "thick", "w:sz": "18", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _clause_table(document, rows):
    """Label : text rows (Menimbang, Mengingat, KESATU, ...) laid out as a borderless table."""
    table = document.add_table(rows=0, cols=3)
    table.autofit = False
    widths = (Cm(3.2), Cm(0.5), Cm(12.3))
    for label, paragraphs in rows:
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        cells[0].paragraphs[0].add_run(label)
        cells[1].paragraphs[0].add_run(":" if label else "")
        first = cells[2].paragraphs[0]
        for index, text in enumerate(paragraphs):
            paragraph = first if index == 0 else cells[2].add_paragraph()
            paragraph.add_run(text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return table


def default_template():
    """The built-in draft SK as a docxtpl template (bytes of a DOCX)."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(33), Cm(21.5)  # F4, the paper regional offices use
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(11)
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT

    _paragraph(document, "{{ pemerintah }}", bold=True, align=center, size=14)
    # The rule goes under the last letterhead line: the desa/kelurahan when there is one.
    _paragraph(document, "{%p if desa %}")
    _paragraph(document, "{{ kecamatan }}", bold=True, align=center, size=14)
    _bottom_border(_paragraph(document, "{{ desa }}", bold=True, align=center, size=14))
    _paragraph(document, "{%p else %}")
    _bottom_border(_paragraph(document, "{{ kecamatan }}", bold=True, align=center, size=14))
    _paragraph(document, "{%p endif %}")
    _paragraph(document, space_after=6)

    _paragraph(document, "KEPUTUSAN {{ pejabat }}", bold=True, align=center)
    _paragraph(document, "NOMOR :                                   ", bold=True, align=center, space_after=6)
    _paragraph(document, "TENTANG", bold=True, align=center)
    # As SKs in East Java print it, and as the reading assistant reads it back: the name in quotes after "(KIM)".
    _paragraph(
        document, "PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM) “{{ nama_kim_inti|upper }}”", bold=True, align=center
    )
    _paragraph(document, "{{ wilayah|upper }}", bold=True, align=center, space_after=12)
    _paragraph(document, "{{ pejabat }},", bold=True, align=center, space_after=12)

    menimbang = [
        "a. bahwa untuk mewujudkan masyarakat yang informatif serta mendorong penyebaran informasi dan "
        "pemberdayaan masyarakat di {{ wilayah }}, perlu dibentuk Kelompok Informasi Masyarakat;",
        "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan "
        "{{ pejabat_judul }} tentang Pembentukan {{ nama_kim }};",
    ]
    mengingat = [
        "{%p for d in dasar_hukum %}",
        "{{ loop.index }}. {{ d }}{{ '.' if loop.last else ';' }}",
        "{%p endfor %}",
    ]
    _clause_table(document, [("Menimbang", menimbang), ("Mengingat", mengingat)])
    _paragraph(document)
    _paragraph(document, "MEMUTUSKAN:", bold=True, align=center, space_after=6)
    _clause_table(
        document,
        [
            ("Menetapkan", ["KEPUTUSAN {{ pejabat }} TENTANG PEMBENTUKAN {{ nama_kim_kapital }}."]),
            (
                "KESATU",
                [
                    "Membentuk Kelompok Informasi Masyarakat (KIM) “{{ nama_kim_inti }}” {{ wilayah }} dengan susunan "
                    "pengurus sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari "
                    "Keputusan ini."
                ],
            ),
            (
                "KEDUA",
                [
                    "{{ nama_kim }} bertugas menyerap, mengolah dan menyebarluaskan informasi kepada masyarakat, "
                    "menjadi mitra pemerintah dalam penyebaran informasi publik, serta meningkatkan literasi "
                    "informasi masyarakat."
                ],
            ),
            (
                "KETIGA",
                [
                    "Masa bakti pengurus {{ nama_kim }} adalah {{ masa_bakti }} tahun terhitung sejak tanggal "
                    "Keputusan ini ditetapkan."
                ],
            ),
            (
                "KEEMPAT",
                [
                    "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada anggaran yang sah "
                    "dan tidak mengikat."
                ],
            ),
            (
                "KELIMA",
                [
                    "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari "
                    "terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya."
                ],
            ),
        ],
    )
    _paragraph(document, space_after=6)
    _paragraph(document, "Ditetapkan di  : {{ tempat }}", align=right)
    _paragraph(document, "pada tanggal   : ............................", align=right, space_after=12)
    _paragraph(document, "{{ pejabat }},", bold=True, align=right, space_after=48)
    _paragraph(document, "( ........................................ )", bold=True, align=right)
    _paragraph(document, "{%p if ada_nip %}")
    _paragraph(document, "NIP. ........................................", align=right)
    _paragraph(document, "{%p endif %}")

    _paragraph(document).add_run().add_break(WD_BREAK.PAGE)
    _clause_table(
        document,
        [
            ("LAMPIRAN", ["KEPUTUSAN {{ pejabat }}"]),
            ("NOMOR", [""]),
            ("TANGGAL", [""]),
            ("TENTANG", ["PEMBENTUKAN {{ nama_kim_kapital }}"]),
        ],
    )
    _paragraph(document, space_after=6)
    _paragraph(document, "SUSUNAN PENGURUS {{ nama_kim_kapital }}", bold=True, align=center)
    _paragraph(document, "{{ wilayah|upper }}", bold=True, align=center, space_after=6)
    officers = document.add_table(rows=4, cols=3)
    officers.style = "Table Grid"
    officers.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(officers.rows[0].cells, ("No.", "Jabatan", "Nama"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    # docxtpl repeats the row between the {%tr %} rows once per officer.
    officers.rows[1].cells[0].paragraphs[0].add_run("{%tr for p in pengurus %}")
    for cell, text in zip(officers.rows[2].cells, ("{{ loop.index }}", "{{ p.jabatan }}", "{{ p.nama }}"), strict=True):
        cell.paragraphs[0].add_run(text)
    officers.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    _paragraph(document, space_after=12)
    _paragraph(document, "{{ pejabat }},", bold=True, align=right, space_after=48)
    _paragraph(document, "( ........................................ )", bold=True, align=right)
    _paragraph(document, "{%p if ada_nip %}")
    _paragraph(document, "NIP. ........................................", align=right)
    _paragraph(document, "{%p endif %}")

    document.core_properties.title = "Draf SK pembentukan KIM"
    document.core_properties.author = "KIMTrack"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _render(template_bytes, context):
    template = DocxTemplate(io.BytesIO(template_bytes))
    template.render(context, jinja_env=SandboxedEnvironment(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def template_bytes_for(regency):
    """The regency's own template if it has one, else the built-in one."""
    from decrees.models import DecreeTemplate

    own = DecreeTemplate.objects.filter(regency=regency).first()
    if own is None:
        return default_template()
    with own.file.open("rb") as handle:
        return handle.read(settings.KIMTRACK_SK_TEMPLATE_MAX_BYTES + 1)


def render_draft(kim):
    """The draft SK of `kim` as DOCX bytes."""
    return _render(template_bytes_for(kim.district.regency), draft_context(kim))


def check_template(upload):
    """Accept a staff DOCX template only if it is a bounded, macro-free Word file that renders."""
    limit = settings.KIMTRACK_SK_TEMPLATE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Templat terlalu besar (%(size)s); paling besar %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    not_docx = _("Berkas ini bukan dokumen Word (.docx). Simpan templat dari Word sebagai “Dokumen Word (.docx)”.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(not_docx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES:
                raise ValidationError(_("Isi templat terlalu besar atau terlalu banyak bagian."))
            names = {e.filename for e in entries}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise ValidationError(not_docx)
            content_types = archive.read("[Content_Types].xml")
    except zipfile.BadZipFile as exc:
        raise ValidationError(not_docx) from exc
    if b"macroEnabled" in content_types or any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(_("Templat berisi makro (.docm); simpan ulang sebagai .docx tanpa makro."))
    if _MAIN_PART_TYPE not in content_types:
        raise ValidationError(not_docx)
    try:
        _render(data, sample_context())
    except TemplateError as exc:
        raise ValidationError(
            _("Penanda di templat tidak bisa dibaca: %(error)s. Periksa ejaan {{ … }} dan {%% … %%}.")
            % {"error": exc.message or exc.__class__.__name__}
        ) from exc
    except Exception as exc:  # python-docx/lxml refuse a malformed part in many ways
        raise ValidationError(not_docx) from exc
    upload.seek(0)
    return CheckedTemplate(upload=upload, original_name=clean_filename(upload.name), size=len(data))
