"""National registration on KIM.id: number and site on the KIM, validated, listed, counted and published."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decrees.models import Decree
from districts.models import KimGroup, Village
from tests.factories import DecreeFactory, KimFactory

TERM = {
    "status": Decree.Status.VERIFIED,
    "signed_on": datetime.date(2024, 1, 1),
    "term_start": datetime.date(2024, 1, 1),
    "term_end": datetime.date(2099, 1, 1),
}


@pytest.mark.parametrize("site", ["https://kim.id", "https://beji.kim.id", "https://Beji.KIM.id/profil?x=1"])
def test_a_site_on_kim_id_is_accepted(beji, site):
    KimFactory(village=beji, kimid_site=site, kimid_number="3523-0001").full_clean()


@pytest.mark.parametrize(
    "site",
    [
        "http://beji.kim.id",  # not https
        "https://kim.id.example.com",
        "https://beji-kim.id",
        "https://notkim.id",
        "https://kim.id@evil.example.com",
        "https://user@beji.kim.id",
        "https://beji.kim.id:8443/",
        "https://beji.desa.id",
    ],
)
def test_a_site_elsewhere_is_refused_by_the_model(beji, site):
    kim = KimFactory(village=beji, kimid_site=site)
    with pytest.raises(ValidationError) as caught:
        kim.full_clean()
    assert "kimid_site" in caught.value.message_dict
    assert "https://namakim.kim.id" in caught.value.message_dict["kimid_site"][0]


def _edit_data(kim, **fields):
    base = {"name": kim.name, "level": "desa", "village": kim.village_id, "activity": "aktif", "member_count": 10}
    return base | fields


def test_admin_records_kimid_on_the_kim_form_and_page_shows_it(client_for, jenu_admin, beji_kim):
    client = client_for(jenu_admin)
    url = reverse("districts:kim_edit", args=[beji_kim.pk])
    loaded = client.get(url).context["form"].initial["loaded_version"]
    response = client.post(
        url, _edit_data(beji_kim, kimid_number="KIM-3523-0042", kimid_site="beji.kim.id", loaded_version=loaded)
    )
    assert response.status_code == 302
    beji_kim.refresh_from_db()
    assert beji_kim.kimid_site == "https://beji.kim.id" and beji_kim.kimid_number == "KIM-3523-0042"
    page = client.get(beji_kim.get_absolute_url()).content.decode()
    assert "KIM-3523-0042" in page and 'href="https://beji.kim.id"' in page


def test_a_site_not_on_kim_id_is_refused_on_the_form_and_the_typed_value_kept(client_for, jenu_admin, beji_kim):
    client = client_for(jenu_admin)
    url = reverse("districts:kim_edit", args=[beji_kim.pk])
    loaded = client.get(url).context["form"].initial["loaded_version"]
    response = client.post(url, _edit_data(beji_kim, kimid_site="https://beji.desa.id", loaded_version=loaded))
    assert response.status_code == 200
    assert "Situs KIM.id harus berupa alamat https di kim.id" in response.context["form"].errors["kimid_site"][0]
    assert 'value="https://beji.desa.id"' in response.content.decode()
    beji_kim.refresh_from_db()
    assert beji_kim.kimid_site == ""


@pytest.fixture
def two_formed(beji, tuban):
    registered = KimFactory(
        village=beji, name="KIM Beji Bersinar", kimid_number="KIM-0042", kimid_site="https://beji.kim.id"
    )
    other = KimFactory(village=Village.objects.get(code="35.23.12.2001"), name="KIM Belum Daftar")
    KimFactory(village=Village.objects.get(code="35.23.12.2002"), name="KIM Tanpa SK", kimid_number="KIM-0099")
    for kim in (registered, other):
        DecreeFactory(kim=kim, **TERM)
    return registered, other


def test_kim_list_filters_kims_not_yet_on_kimid(client_for, tuban_staff, two_formed):
    client = client_for(tuban_staff)

    def names(**params):
        return sorted(k.name for k in client.get(reverse("districts:kim_list"), params).context["page"].object_list)

    assert names(kimid="belum") == ["KIM Belum Daftar"]
    assert names(kimid="terdaftar") == ["KIM Beji Bersinar", "KIM Tanpa SK"]


def test_dashboard_counts_formed_kims_registered_on_kimid(client_for, tuban_staff, two_formed):
    response = client_for(tuban_staff).get(reverse("home"))
    counts = response.context["after_formation"]
    assert (counts.formed, counts.on_kimid) == (2, 1)  # the one without an SK does not count
    assert "1 dari 2 KIM terbentuk terdaftar di KIM.id" in response.content.decode()


def test_public_page_and_open_data_show_kimid_at_the_end_of_the_columns(anon_client, two_formed):
    from reports.rows import PUBLIC_COLUMNS

    assert PUBLIC_COLUMNS[13:16] == ["website", "nomor_kimid", "situs_kimid"]  # after the existing columns
    page = anon_client.get(reverse("public_page")).content.decode()
    assert 'href="https://beji.kim.id"' in page and "KIM-0042" in page
    response = anon_client.get(reverse("reports:open_data_json"))
    rows = json.loads(b"".join(response.streaming_content))
    beji = next(r for r in rows if r["nama_kim"] == "KIM Beji Bersinar")
    assert beji["nomor_kimid"] == "KIM-0042" and beji["situs_kimid"] == "https://beji.kim.id"
    assert KimGroup.objects.not_on_kimid().filter(name="KIM Belum Daftar").exists()
