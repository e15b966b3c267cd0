"""The list of assessments as XLSX, through kimtrack.xlsx: user text as text cells, dates as dates."""

from django.utils.translation import gettext as _

from kimtrack.xlsx import Sheet

COLUMNS = [
    ("No.", 5), ("Tahun", 8), ("Kode kecamatan", 12), ("Kecamatan", 16), ("Kode desa", 15),
    ("Desa/kelurahan", 18), ("Nama KIM", 28), ("Tanggal penilaian", 18), ("Nilai akhir", 10),
    ("Klasifikasi disarankan", 16), ("Klasifikasi ditetapkan", 16), ("Rincian nilai", 50), ("Catatan", 40),
]  # fmt: skip


def write_xlsx(assessments, *, year=None):
    sheet = Sheet("Penilaian KIM")
    sheet.line(_("Penilaian tahunan KIM"), bold=True, size=14)
    sheet.line(_("Tahun penilaian: %(year)s") % {"year": year or _("semua")})
    sheet.blank()
    sheet.header([heading for heading, _width in COLUMNS], [width for _heading, width in COLUMNS])
    for number, assessment in enumerate(assessments, start=1):
        kim = assessment.kim
        sheet.table_row(
            [
                number,
                assessment.year,
                kim.district_id,
                kim.district.display_name,
                kim.village_id or "",
                kim.village.display_name if kim.village else "",
                kim.name,
                assessment.assessed_on,
                float(assessment.score) if assessment.score is not None else None,
                assessment.suggested.name if assessment.suggested else "",
                assessment.confirmed.name if assessment.confirmed else "",
                "; ".join(f"{s.criterion_name} {s.score} (bobot {s.weight})" for s in assessment.scores.all()),
                " ".join(assessment.notes.split()),
            ]
        )
    sheet.end_table()
    return sheet.to_bytes()
