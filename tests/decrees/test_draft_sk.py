"""Draft SK (Word) prefilled from the registry, and the regency's own template."""

import datetime
import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from decrees.draft_sk import DOCX_TYPE
from decrees.models import Decree, DecreeTemplate
from districts.models import FormationTarget, KimGroup, Officer, OfficerRole, RegencyRules, Village
from tests.factories import DecreeFactory, KimFactory, attach_scan


def document_text(response):
    """Every paragraph of the DOCX, tables included, as one string per line."""
    assert response.status_code == 200, response
    assert response["Content-Type"] == DOCX_TYPE
    document = docx.Document(io.BytesIO(response.content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def officer_rows(response, header=True):
    document = docx.Document(io.BytesIO(response.content))
    table = document.tables[-1]
    return [tuple(cell.text for cell in row.cells) for row in table.rows[1 if header else 0 :]]


@pytest.fixture
def officers(beji_kim):
    roles = {r.name: r for r in OfficerRole.objects.filter(regency_id="35.23")}
    if not roles:
        RegencyRules.for_regency(beji_kim.district.regency)
        roles = {r.name: r for r in OfficerRole.objects.filter(regency_id="35.23")}
    people = [("Ketua", "Siti Aminah"), ("Sekretaris", "Budi & Putra <Jaya>"), ("Bendahara", "Dwi Lestari")]
    for role, name in people:
        Officer.objects.create(kim=beji_kim, role=roles[role], name=name)
    return people


def draft_url(kim):
    return reverse("decrees:draft_download", args=[kim.pk])


def test_village_draft_names_kim_officers_legal_basis_and_head_of_village(client_for, jenu_admin, beji_kim, officers):
    response = client_for(jenu_admin).get(draft_url(beji_kim))
    text = document_text(response)
    assert "attachment" in response["Content-Disposition"] and ".docx" in response["Content-Disposition"]
    assert "PEMERINTAH KABUPATEN TUBAN\nKECAMATAN JENU\nDESA BEJI" in text
    assert "KEPUTUSAN KEPALA DESA BEJI" in text
    # The name in quotes after "(KIM)", as SKs print it and the reading assistant reads it back.
    assert "PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM) “BEJI BERSINAR”" in text
    assert (
        "Membentuk Kelompok Informasi Masyarakat (KIM) “Beji Bersinar” Desa Beji Kecamatan Jenu Kabupaten Tuban" in text
    )
    assert FormationTarget.TUBAN_LEGAL_BASIS in text
    assert "Peraturan Menteri Komunikasi dan Informatika Nomor 4 Tahun 2024" in text
    for word in ("Menimbang", "Mengingat", "MEMUTUSKAN", "Menetapkan", "KESATU", "KEDUA", "KETIGA", "KEEMPAT"):
        assert word in text
    assert "KELIMA" in text and "LAMPIRAN" in text
    assert "Ditetapkan di  : Beji" in text
    assert "NOMOR :" in text
    # Officers in the registry's role order; user text kept as typed (escaped in the XML, not mangled).
    assert officer_rows(response) == [
        ("1", "Ketua", "Siti Aminah"),
        ("2", "Sekretaris", "Budi & Putra <Jaya>"),
        ("3", "Bendahara", "Dwi Lestari"),
    ]
    # A Kepala Desa is no civil servant: no NIP line.
    assert "NIP." not in text


def test_term_of_office_comes_from_the_regency_rule(client_for, jenu_admin, beji_kim):
    rules = RegencyRules.for_regency(beji_kim.district.regency)
    rules.term_years = 3
    rules.save()
    text = document_text(client_for(jenu_admin).get(draft_url(beji_kim)))
    assert "adalah 3 (tiga) tahun" in text


def test_district_level_draft_is_signed_by_the_camat_with_nip(client_for, tuban_staff, jenu):
    kim = KimFactory(name="KIM Jenu Mandiri", level=KimGroup.Level.DISTRICT, district=jenu)
    text = document_text(client_for(tuban_staff).get(draft_url(kim)))
    assert "PEMERINTAH KABUPATEN TUBAN\nKECAMATAN JENU\n" in text
    assert "DESA" not in text.split("KEPUTUSAN")[0]
    assert "KEPUTUSAN CAMAT JENU" in text and "CAMAT JENU," in text
    assert "NIP." in text
    assert "Ditetapkan di  : Jenu" in text


def test_kelurahan_draft_is_signed_by_the_lurah(client_for, tuban_staff):
    village = Village.objects.get(code="35.23.15.1006")  # Kelurahan Karang
    kim = KimFactory(name="KIM Karang", village=village)
    text = document_text(client_for(tuban_staff).get(draft_url(kim)))
    assert "KELURAHAN KARANG" in text and "KEPUTUSAN LURAH KARANG" in text and "NIP." in text


def test_province_viewer_may_download_a_draft(client_for, province_viewer, beji_kim):
    assert "KIM Beji Bersinar" in document_text(client_for(province_viewer).get(draft_url(beji_kim)))


def test_admin_of_other_kecamatan_gets_404(client_for, palang_admin, lamongan_staff, beji_kim):
    assert client_for(palang_admin).get(draft_url(beji_kim)).status_code == 404
    assert client_for(lamongan_staff).get(draft_url(beji_kim)).status_code == 404


def test_formed_kim_gets_no_draft_and_no_button(client_for, jenu_admin, beji_kim):
    decree = DecreeFactory(
        kim=beji_kim, term_end=datetime.date(2099, 1, 1), status=Decree.Status.VERIFIED, uploaded_by=jenu_admin
    )
    attach_scan(decree)
    client = client_for(jenu_admin)
    response = client.get(draft_url(beji_kim))
    assert response.status_code == 302 and response["Location"] == beji_kim.get_absolute_url()
    assert "Unduh draf SK" not in client.get(beji_kim.get_absolute_url()).content.decode()


def test_kim_without_verified_sk_shows_the_button(client_for, province_viewer, beji_kim):
    page = client_for(province_viewer).get(beji_kim.get_absolute_url()).content.decode()
    assert "Unduh draf SK" in page and draft_url(beji_kim) in page


# --- the regency's own template -------------------------------------------------------------


def staff_template(*lines, table=True):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=3, cols=2)
        grid.rows[0].cells[0].text = "{%tr for p in pengurus %}"
        grid.rows[1].cells[0].text = "{{ p.jabatan }}"
        grid.rows[1].cells[1].text = "{{ p.nama }}"
        grid.rows[2].cells[0].text = "{%tr endfor %}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(content, name="templat-tuban.docx"):
    return SimpleUploadedFile(name, content, content_type=DOCX_TYPE)


def post_template(client, content, name="templat-tuban.docx"):
    return client.post(reverse("decrees:template_upload", args=["35.23"]), {"file": upload(content, name)})


def test_staff_template_with_placeholders_is_used_for_drafts(
    client_for, tuban_staff, jenu_admin, beji_kim, officers, media_files, django_capture_on_commit_callbacks
):
    content = staff_template("SURAT KEPUTUSAN {{ pejabat }}", "Pembentukan {{ nama_kim }} masa bakti {{ masa_bakti }}")
    response = post_template(client_for(tuban_staff), content)
    assert response.status_code == 302
    stored = DecreeTemplate.objects.get(regency_id="35.23")
    assert stored.original_name == "templat-tuban.docx" and stored.uploaded_by == tuban_staff
    assert len(media_files()) == 1

    draft = client_for(jenu_admin).get(draft_url(beji_kim))
    text = document_text(draft)
    assert "SURAT KEPUTUSAN KEPALA DESA BEJI" in text
    assert "Pembentukan KIM Beji Bersinar masa bakti 5 (lima)" in text
    assert "MEMUTUSKAN" not in text  # the built-in text is not mixed in
    assert officer_rows(draft, header=False) == [
        ("Ketua", "Siti Aminah"),
        ("Sekretaris", "Budi & Putra <Jaya>"),
        ("Bendahara", "Dwi Lestari"),
    ]

    # Replacing keeps one file; going back to the built-in template removes it.
    with django_capture_on_commit_callbacks(execute=True):
        post_template(client_for(tuban_staff), staff_template("Kedua {{ nama_kim }}"))
    assert len(media_files()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client_for(tuban_staff).post(reverse("decrees:template_upload", args=["35.23"]), {"hapus": "1"})
    assert not DecreeTemplate.objects.exists() and media_files() == []
    assert "MEMUTUSKAN" in document_text(client_for(jenu_admin).get(draft_url(beji_kim)))


def test_rules_page_lists_placeholders_and_offers_the_template(client_for, tuban_staff):
    page = client_for(tuban_staff).get(reverse("districts:regency_rules", args=["35.23"])).content.decode()
    assert "Templat draf SK" in page and "{{ nama_kim }}" in page and "{{ pejabat }}" in page
    template = client_for(tuban_staff).get(reverse("decrees:template_download", args=["35.23"]))
    assert "{{ nama_kim_kapital }}" in document_text(template)


def _refused(client, content, name="templat.docx"):
    response = post_template(client, content, name)
    assert response.status_code == 302
    assert not DecreeTemplate.objects.exists()
    return [str(m) for m in response.wsgi_request._messages]


def _with_macros(content):
    """A .docm: the same package declared macro-enabled, with a VBA part."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            target.writestr(item, data)
        target.writestr("word/vbaProject.bin", b"\x00" * 16)
    return out.getvalue()


def test_not_a_docx_is_refused(client_for, tuban_staff, media_files):
    messages = _refused(client_for(tuban_staff), b"%PDF-1.4 not a word file")
    assert "bukan dokumen Word" in messages[0]
    assert media_files() == []


def test_macro_enabled_document_is_refused(client_for, tuban_staff, media_files):
    messages = _refused(client_for(tuban_staff), _with_macros(staff_template("{{ nama_kim }}")), "templat.docm")
    assert "makro" in messages[0]
    assert media_files() == []


def test_template_with_broken_placeholder_is_refused(client_for, tuban_staff, media_files):
    messages = _refused(client_for(tuban_staff), staff_template("{{ nama_kim ", "{% for %}"))
    assert "Penanda di templat tidak bisa dibaca" in messages[0]
    assert media_files() == []


def test_template_may_not_reach_outside_its_context(client_for, tuban_staff):
    messages = _refused(client_for(tuban_staff), staff_template("{{ nama_kim.__class__.__mro__ }}"))
    assert "Penanda di templat" in messages[0]


def test_oversized_template_is_refused(client_for, tuban_staff, settings):
    settings.KIMTRACK_SK_TEMPLATE_MAX_BYTES = 1024
    messages = _refused(client_for(tuban_staff), staff_template("{{ nama_kim }}"))
    assert "terlalu besar" in messages[0]


@pytest.mark.parametrize(("who", "status"), [("jenu_admin", 403), ("province_viewer", 403), ("lamongan_staff", 404)])
def test_only_the_regency_staff_may_replace_the_template(request, client_for, who, status):
    client = client_for(request.getfixturevalue(who))
    assert post_template(client, staff_template("{{ nama_kim }}")).status_code == status
    assert not DecreeTemplate.objects.exists()


def test_wrong_methods_get_405(client_for, tuban_staff, beji_kim):
    client = client_for(tuban_staff)
    assert client.post(draft_url(beji_kim)).status_code == 405
    assert client.post(reverse("decrees:template_download", args=["35.23"])).status_code == 405
    assert client.get(reverse("decrees:template_upload", args=["35.23"])).status_code == 405


def test_term_of_office_outside_one_to_ten_years_is_refused(tuban):
    from django.core.exceptions import ValidationError

    rules = RegencyRules.for_regency(tuban)
    rules.term_years = 0
    with pytest.raises(ValidationError) as error:
        rules.full_clean()
    assert "term_years" in error.value.message_dict


def test_staff_template_that_fails_on_real_data_gives_a_message_not_an_error(client_for, tuban_staff, beji_kim):
    # Accepted (the sample values have one officer), but this KIM has none yet.
    assert post_template(client_for(tuban_staff), staff_template("Ketua: {{ pengurus[0].nama }}")).status_code == 302
    assert DecreeTemplate.objects.exists()
    response = client_for(tuban_staff).get(draft_url(beji_kim))
    assert response.status_code == 302 and response["Location"] == beji_kim.get_absolute_url()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "tidak bisa diisi" in messages[0]
