"""Which words spell out "KIM" and which rules are the legal basis: regency rules, not templates."""

import pytest
from django.urls import reverse

from districts.models import RegencyRules
from tests.pages import rules_post


def test_tuban_starts_with_kelompok_and_perbup_55_2020_and_the_2024_national_rule(tuban):
    rules = RegencyRules.for_regency(tuban)
    assert rules.kim_long_name == "Kelompok Informasi Masyarakat"
    bases = rules.legal_basis_list
    assert any("Peraturan Bupati Tuban Nomor 55 Tahun 2020" in b for b in bases)
    assert any("Nomor 4 Tahun 2024" in b for b in bases)
    assert not any("8 Tahun 2019" in b for b in bases)  # the replaced national rule


def test_other_regencies_start_neutral(lamongan):
    rules = RegencyRules.for_regency(lamongan)
    assert rules.kim_expansion == "" and rules.legal_basis_list == [] and rules.kim_long_name == "KIM"


def test_footer_names_tuban_perbup_for_tuban_and_nothing_of_tuban_for_lamongan(
    client_for, anon_client, tuban_staff, lamongan_staff
):
    RegencyRules.for_regency(tuban_staff.regency)
    public = anon_client.get(reverse("login")).content.decode()
    assert "Peraturan Bupati Tuban Nomor 55 Tahun 2020" in public.split("<footer")[1]
    assert "Pemantauan pembentukan Kelompok Informasi Masyarakat (KIM)." in public
    page = client_for(lamongan_staff).get(reverse("home")).content.decode()
    assert "Tuban" not in page.split("<footer")[1]
    assert "Peraturan Bupati Tuban" not in page


def test_staff_edit_expansion_and_legal_bases_and_pages_follow(client_for, anon_client, lamongan_staff, lamongan):
    staff = client_for(lamongan_staff)
    url = reverse("districts:regency_rules", args=[lamongan.code])
    page = staff.get(url)
    data = rules_post(
        page,
        kim_expansion="komunitas",
        legal_bases="Peraturan Bupati Lamongan Nomor 9 Tahun 2023\n\n  Permenkominfo Nomor 4 Tahun 2024  ",
    )
    response = staff.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    rules = RegencyRules.objects.get(regency=lamongan)
    assert rules.legal_basis_list == [
        "Peraturan Bupati Lamongan Nomor 9 Tahun 2023",
        "Permenkominfo Nomor 4 Tahun 2024",
    ]
    home = staff.get(reverse("home")).content.decode()
    assert "Peraturan Bupati Lamongan Nomor 9 Tahun 2023" in home.split('data-testid="legal-bases"')[1]
    public = anon_client.get(reverse("public_page"), {"kabupaten": lamongan.code}).content.decode()
    assert "Komunitas Informasi Masyarakat di Kabupaten Lamongan" in public
    assert "Peraturan Bupati Lamongan Nomor 9 Tahun 2023" in public.split("<footer")[1]
    assert "Tuban" not in public.split("<footer")[1]


@pytest.mark.parametrize("name", ["base.html", "dashboard/public.html", "registration/login.html"])
def test_no_template_names_tuban(name):
    from pathlib import Path

    from django.conf import settings

    text = (Path(settings.BASE_DIR) / "templates" / name).read_text()
    assert "Tuban" not in text and "Kelompok Informasi" not in text
