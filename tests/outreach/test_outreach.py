"""Staff record outreach events; each shows its order within the year."""

import datetime

from django.urls import reverse

from outreach.models import OutreachAttachment, OutreachEvent
from tests.files import sk_photo, upload


def form_data(**overrides):
    return {
        "held_on": "2021-12-02",
        "district": "35.23.12",
        "village": "35.23.12.2009",
        "venue": "Balai Desa Beji",
        "participant_count": 30,
        "participant_groups": ["pkk", "karang_taruna"],
        "speakers": "Kabid IKP",
        **overrides,
    }


def test_staff_record_an_event_with_a_photo(client_for, tuban_staff, settings):
    response = client_for(tuban_staff).post(
        reverse("outreach:create"), {**form_data(), "files": [sk_photo("foto.jpg")]}
    )
    event = OutreachEvent.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert (event.participant_groups, event.created_by) == (["pkk", "karang_taruna"], tuban_staff)
    attachment = OutreachAttachment.objects.get()
    assert attachment.original_name == "foto.jpg" and (settings.MEDIA_ROOT / attachment.file.name).exists()


def test_bad_attachment_saves_nothing_and_keeps_the_form(client_for, tuban_staff, settings):
    response = client_for(tuban_staff).post(
        reverse("outreach:create"), {**form_data(), "files": [upload("daftar.pdf", b"bukan pdf", "application/pdf")]}
    )
    assert response.status_code == 200 and "isinya bukan PDF" in response.content.decode()
    assert 'value="Balai Desa Beji"' in response.content.decode()
    assert OutreachEvent.objects.count() == 0
    assert not list(settings.MEDIA_ROOT.rglob("*.*")) if settings.MEDIA_ROOT.exists() else True


def test_village_must_lie_in_the_chosen_kecamatan(client_for, tuban_staff):
    response = client_for(tuban_staff).post(reverse("outreach:create"), form_data(district="35.23.18"))
    assert "tidak berada di kecamatan yang dipilih" in response.context["form"].errors["village"][0]


def test_staff_cannot_record_outside_their_regency(client_for, tuban_staff, lamongan):
    response = client_for(tuban_staff).post(reverse("outreach:create"), form_data(district="35.24.01", village=""))
    assert "district" in response.context["form"].errors


def test_order_in_year_counts_the_whole_regency_even_when_the_list_is_narrowed(client_for, jenu_admin, tuban):
    for day, code in [
        ("2021-03-18", "35.23.01"),
        ("2021-04-08", "35.23.05"),
        ("2021-12-02", "35.23.12"),
        ("2020-11-05", "35.23.10"),
    ]:
        OutreachEvent.objects.create(
            held_on=datetime.date.fromisoformat(day), district_id=code, venue="Balai", participant_count=20
        )
    response = client_for(jenu_admin).get(reverse("outreach:list"))
    (event,) = response.context["page"].object_list  # a kecamatan admin sees only Jenu's event ...
    assert (event.order_in_year, event.year) == (3, 2021)  # ... still the 3rd of 2021 in Tuban
    page = client_for(jenu_admin).get(reverse("districts:district_detail", args=["35.23.12"])).content.decode()
    assert "kegiatan ke-3 tahun 2021" in page


def test_empty_list_invites_staff_to_record(client_for, tuban_staff):
    assert "Belum ada sosialisasi tercatat" in client_for(tuban_staff).get(reverse("outreach:list")).content.decode()


def test_staff_edit_targets_and_history_is_kept(client_for, tuban_staff, tuban):
    from districts.models import FormationTarget

    client = client_for(tuban_staff)
    formset = client.get(reverse("districts:targets", args=["35.23"])).context["formset"]
    data = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2}
    for i, form in enumerate(formset.forms):
        data.update(
            {
                f"form-{i}-id": form.instance.pk,
                f"form-{i}-legal_basis": form.instance.legal_basis,
                f"form-{i}-deadline": form.instance.deadline or "",
            }
        )
    village_index = next(i for i, f in enumerate(formset.forms) if f.instance.level == "desa")
    data[f"form-{village_index}-deadline"] = "2027-12-31"
    assert client.post(reverse("districts:targets", args=["35.23"]), data).status_code == 302
    target = FormationTarget.objects.get(regency=tuban, level="desa")
    assert target.deadline == datetime.date(2027, 12, 31)
    assert target.history.count() == 2
    assert client.get(reverse("home")).context["village_progress"].target.deadline == datetime.date(2027, 12, 31)
