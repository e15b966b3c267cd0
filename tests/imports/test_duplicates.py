"""An import never makes a second record of a KIM: it matches names as the one-name-per-area rule does."""

from django.urls import reverse

from districts.models import KimGroup
from districts.services import kim_mark_mistaken
from tests.factories import KimFactory
from tests.imports.test_import import csv_upload, start

HEADER = "kode_kecamatan,kecamatan,kode_desa,desa_kelurahan,tingkat,nama_kim,jumlah_anggota"


def rows(*lines):
    return "\n".join([HEADER, *lines]) + "\n"


def test_a_differently_spelt_row_updates_the_kim_on_file(client_for, tuban_staff, beji_kim):
    client = client_for(tuban_staff)
    batch, preview = start(client, csv_upload(rows(",,35.23.12.2009,,desa,k.i.m. beji-bersinar,12")))
    (row,) = preview.context["planned"]
    assert row.errors == [] and row.kim == beji_kim and row.action == "diperbarui"
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert KimGroup.objects.count() == 1
    beji_kim.refresh_from_db()
    assert beji_kim.member_count == 12


def test_two_rows_of_one_kim_are_refused_in_the_preview_and_nothing_is_written(client_for, tuban_staff, beji):
    client = client_for(tuban_staff)
    text = rows(",,35.23.12.2009,,desa,KIM Beji Bersinar,12", ",,35.23.12.2009,,desa,Beji  Bersinar.,12")
    batch, preview = start(client, csv_upload(text))
    errors = [row.errors for row in preview.context["planned"]]
    assert errors[0] == [] and errors[1] == ["KIM yang sama sudah ada di baris 2"]
    assert preview.context["can_apply"] is False
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert not KimGroup.objects.exists()


def test_a_kim_saved_between_preview_and_apply_is_matched_not_doubled(client_for, tuban_staff, jenu_admin, beji):
    client = client_for(tuban_staff)
    batch, preview = start(client, csv_upload(rows(",,35.23.12.2009,,desa,KIM Beji Bersinar,12")))
    assert preview.context["planned"][0].action == "baru"
    KimFactory(village=beji, name="KIM Beji Bersinar", created_by=jenu_admin)  # registered on the site meanwhile
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert KimGroup.objects.count() == 1 and KimGroup.objects.get().member_count == 12


def test_a_row_named_like_a_mistaken_record_makes_a_new_kim(client_for, tuban_staff, beji_kim):
    kim_mark_mistaken(kim=beji_kim, by=tuban_staff, reason="Salah desa")
    client = client_for(tuban_staff)
    batch, preview = start(client, csv_upload(rows(",,35.23.12.2009,,desa,KIM Beji Bersinar,12")))
    assert preview.context["planned"][0].action == "baru"
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert KimGroup.objects.counted().get().pk != beji_kim.pk and KimGroup.objects.count() == 2


def test_the_preview_gives_the_models_duplicate_message_as_saving_would(beji_kim, tuban_staff, tuban):
    """The preview judges each row with KimGroup.full_clean(): a clash the lookups miss is still refused."""
    from imports.services import Lookups, _plan_row

    look = Lookups(tuban)
    look.kims = {}  # as if the KIM were saved after the lookups were read
    row = _plan_row(2, {"kode_desa": "35.23.12.2009", "tingkat": "desa", "nama_kim": "KIM Beji Bersinar"}, look, {})
    assert row.errors == [
        "nama_kim: Sudah ada KIM bernama “KIM Beji Bersinar” di Beji. Satu KIM dicatat sekali saja: buka KIM itu "
        "dan lengkapi datanya di sana."
    ]
