"""One-click officer import: the officers read from an SK join the KIM's list only when a person confirms."""

import pytest
from django.urls import reverse

from districts.models import Officer, OfficerRole, RegencyRules
from reading.models import Draft, Reading

READ = [
    {"name": "Ahmad Fauzi", "role": "Ketua", "confidence": 0.93},
    {"name": "Siti Rahmawati", "role": "Sekretaris", "confidence": 0.9},
    {"name": "Eko Prasetyo", "role": "Pelindung", "confidence": 0.88},  # a role Tuban's list does not have
    {"name": "Budi Santoso", "role": "Anggota", "confidence": 0.8},  # Tuban calls it "Anggota pengurus"
]


@pytest.fixture
def reading(beji_kim, jenu_admin):
    RegencyRules.for_regency(beji_kim.district.regency)
    draft = Draft.objects.create(kim=beji_kim, uploaded_by=jenu_admin)
    return Reading.objects.create(draft=draft, status=Reading.Status.DONE, suggestions={"officers": READ})


def import_url(reading):
    return reverse("reading:officer_import", args=[reading.pk])


def listed(kim):
    return sorted((o.name, o.role.name) for o in kim.officers.select_related("role"))


def test_the_draft_page_offers_the_read_officers_as_ticked_boxes_and_adds_nothing(client_for, jenu_admin, reading):
    page = client_for(jenu_admin).get(reading.draft.get_absolute_url()).content.decode()

    assert f'action="{import_url(reading)}"' in page
    assert page.count('type="checkbox" name="officers"') == 3  # Pelindung is shown, not offered
    assert "jabatan “Pelindung” belum ada di daftar jabatan kabupaten" in page
    assert "Anggota pengurus" in page
    assert not Officer.objects.exists()  # reading and showing never add an officer


def test_confirming_adds_the_ticked_officers_with_the_regency_roles_and_audits_them(client_for, jenu_admin, reading):
    kim = reading.draft.kim
    response = client_for(jenu_admin).post(import_url(reading), {"officers": ["0", "3"]}, follow=True)

    assert response.redirect_chain[-1][0] == reading.draft.get_absolute_url()
    assert listed(kim) == [("Ahmad Fauzi", "Ketua"), ("Budi Santoso", "Anggota pengurus")]
    assert "2 pengurus ditambahkan" in response.content.decode()
    history = Officer.history.filter(kim=kim)
    assert {(h.name, h.history_type, h.history_user) for h in history} == {
        ("Ahmad Fauzi", "+", jenu_admin),
        ("Budi Santoso", "+", jenu_admin),
    }


def test_officers_already_listed_are_not_offered_and_never_duplicated(client_for, jenu_admin, reading):
    kim = reading.draft.kim
    ketua = OfficerRole.objects.get(regency_id=kim.regency_id, name="Ketua")
    Officer.objects.create(kim=kim, role=ketua, name="AHMAD FAUZI")
    client = client_for(jenu_admin)

    page = client.get(reading.draft.get_absolute_url()).content.decode()
    assert page.count('type="checkbox" name="officers"') == 2 and "sudah terdaftar" in page
    client.post(import_url(reading), {"officers": ["1"]})
    client.post(import_url(reading), {"officers": ["1"]})  # pressed twice
    client.post(import_url(reading), {"officers": ["0"]})  # a tampered form asking for the listed one

    assert listed(kim) == [("AHMAD FAUZI", "Ketua"), ("Siti Rahmawati", "Sekretaris")]


@pytest.mark.parametrize("ticked", [[], ["2"], ["9"], ["x"]])
def test_nothing_ticked_or_an_officer_not_offered_adds_nothing_and_says_why(client_for, jenu_admin, reading, ticked):
    response = client_for(jenu_admin).post(import_url(reading), {"officers": ticked}, follow=True)

    assert not Officer.objects.exists()
    assert response.redirect_chain[-1][0] == reading.draft.get_absolute_url()
    page = response.content.decode()
    assert "alert-danger" in page and ("Centang minimal satu pengurus" in page or ticked)


def test_anonymous_is_sent_to_login(client, reading):
    response = client.post(import_url(reading), {"officers": ["0"]})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not Officer.objects.exists()


def test_admin_of_another_kecamatan_gets_404(client_for, palang_admin, reading):
    assert client_for(palang_admin).post(import_url(reading), {"officers": ["0"]}).status_code == 404
    assert not Officer.objects.exists()


def test_staff_of_another_regency_gets_404(client_for, lamongan_staff, reading):
    assert client_for(lamongan_staff).post(import_url(reading), {"officers": ["0"]}).status_code == 404


def test_province_viewer_gets_403_and_sees_no_import_button(client_for, province_viewer, reading):
    assert client_for(province_viewer).post(import_url(reading), {"officers": ["0"]}).status_code == 403
    assert not Officer.objects.exists()


def test_regency_staff_may_import(client_for, tuban_staff, reading):
    assert client_for(tuban_staff).post(import_url(reading), {"officers": ["1"]}).status_code == 302
    assert listed(reading.draft.kim) == [("Siti Rahmawati", "Sekretaris")]


def test_get_is_refused_with_405(client_for, jenu_admin, reading):
    assert client_for(jenu_admin).get(import_url(reading)).status_code == 405


def test_a_reading_still_running_offers_no_import(client_for, jenu_admin, reading):
    Reading.objects.filter(pk=reading.pk).update(status=Reading.Status.RUNNING)
    assert client_for(jenu_admin).post(import_url(reading), {"officers": ["0"]}).status_code == 404


def test_an_officer_listed_with_titles_is_the_same_person_read_without_them(client_for, jenu_admin, reading):
    kim = reading.draft.kim
    ketua = OfficerRole.objects.get(regency_id=kim.regency_id, name="Ketua")
    Officer.objects.create(kim=kim, role=ketua, name="Drs. AHMAD FAUZI, S.Pd.")

    page = client_for(jenu_admin).get(reading.draft.get_absolute_url()).content.decode()
    assert page.count('type="checkbox" name="officers"') == 2 and "sudah terdaftar" in page
    client_for(jenu_admin).post(import_url(reading), {"officers": ["0"]})  # asked for all the same
    assert listed(kim) == [("Drs. AHMAD FAUZI, S.Pd.", "Ketua")]
