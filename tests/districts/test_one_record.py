"""One KIM, one record: a name once per area, merging a KIM registered twice, marking one entered by mistake."""

import datetime
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from activities.models import Activity
from assessments.models import Assessment
from audit.models import AuditEvent
from decrees.models import Decree
from districts.models import KimGroup, Officer, OfficerRole, RegencyRules, Village
from districts.names import kim_name_key
from districts.services import kim_mark_mistaken, kim_merge
from tests.factories import DecreeFactory, KimFactory

MERGE, MISTAKEN = "districts:kim_merge", "districts:kim_mistaken"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("KIM Ronggolawe", "ronggolawe"),
        ("  kim   RONGGO-lawe. ", "ronggolawe"),
        ("K.I.M. Ronggo Lawe", "ronggolawe"),
        ("Kelompok Informasi Masyarakat Ronggolawe", "ronggolawe"),
        ("Ronggolawe", "ronggolawe"),
        ("ＫＩＭ Ｒｏｎｇｇｏｌａｗｅ", "ronggolawe"),  # full-width letters typed on some phones
        ("KIM", "kim"),  # the prefix alone is the name
        ("Kimia Bersatu", "kimiabersatu"),  # "kim" only as a word of its own
        ("KIM Beji 2", "beji2"),
    ],
)
def test_the_name_key_ignores_case_spacing_punctuation_and_a_leading_kim(name, key):
    assert kim_name_key(name) == key


def test_different_names_keep_different_keys():
    assert kim_name_key("KIM Beji Bersinar") != kim_name_key("KIM Beji Bersatu")
    assert kim_name_key("KIM Beji 1") != kim_name_key("KIM Beji 2")


def test_saving_keeps_the_normalised_name_in_sync(beji):
    kim = KimFactory(village=beji, name="KIM Beji Bersinar")
    assert kim.normalized_name == "bejibersinar"
    kim.name = "KIM Beji Berdaya"
    kim.save(update_fields=["name"])
    assert KimGroup.objects.get(pk=kim.pk).normalized_name == "bejiberdaya"


def test_the_same_name_in_the_same_village_is_refused_by_clean_with_the_existing_kim(beji_kim):
    twin = KimGroup(name="kim  beji-bersinar", level="desa", district=beji_kim.district, village=beji_kim.village)
    with pytest.raises(Exception) as refused:
        twin.full_clean()
    assert "Sudah ada KIM bernama “KIM Beji Bersinar”" in str(refused.value)
    assert twin.duplicate_of == beji_kim


def test_the_same_name_elsewhere_or_at_the_other_level_is_a_different_kim(beji_kim, jenu):
    other_village = Village.objects.filter(district=jenu).exclude(pk=beji_kim.village_id).first()
    KimGroup(name="KIM Beji Bersinar", level="desa", district=jenu, village=other_village).full_clean()
    KimGroup(name="KIM Beji Bersinar", level="kecamatan", district=jenu).full_clean()


def test_the_database_refuses_a_second_kim_of_the_same_name_in_the_area(beji_kim, jenu):
    """What a double click racing in two requests meets when both passed clean()."""
    with pytest.raises(IntegrityError), transaction.atomic():
        KimFactory(village=beji_kim.village, name="KIM BEJI BERSINAR")
    KimFactory(level="kecamatan", district=jenu, name="KIM Jenu")
    with pytest.raises(IntegrityError), transaction.atomic():
        KimFactory(level="kecamatan", district=jenu, name="Jenu")  # NULL villages do not escape the rule
    assert KimGroup.objects.count() == 2


def test_a_merged_or_mistaken_name_may_be_registered_again(beji_kim, tuban_staff):
    kim_mark_mistaken(kim=beji_kim, by=tuban_staff, reason="Uji coba")
    again = KimFactory(village=beji_kim.village, name="KIM Beji Bersinar")
    assert again.is_counted and KimGroup.objects.filter(name="KIM Beji Bersinar").count() == 2


def _create(client, district, name, **extra):
    data = {"name": name, "level": "desa", "village": "35.23.12.2009", "activity": "aktif", "member_count": 10}
    return client.post(reverse("districts:kim_create", args=[district.code]), data | extra)


def test_saving_the_form_again_refuses_and_links_the_existing_kim(client_for, jenu_admin, jenu):
    client = client_for(jenu_admin)
    first = _create(client, jenu, "KIM Beji Bersinar", address="Balai Desa Beji")
    kim = KimGroup.objects.get()
    assert first["Location"] == kim.get_absolute_url()
    again = _create(client, jenu, "kim beji bersinar", address="Jl. Raya Beji 1")  # Back, then Simpan again
    assert again.status_code == 200 and KimGroup.objects.count() == 1
    page = again.content.decode()
    assert f'href="{kim.get_absolute_url()}"' in page and "Sudah ada KIM bernama" in page
    assert "Jl. Raya Beji 1" in page  # nothing typed is lost


def test_the_link_to_the_existing_kim_escapes_its_name(client_for, jenu_admin, jenu, beji):
    KimFactory(village=beji, name="KIM <Beji>")
    page = _create(client_for(jenu_admin), jenu, "KIM Beji").content.decode()
    assert "<Beji>" not in page and "KIM &lt;Beji&gt;" in page


def test_a_save_that_loses_the_race_shows_the_kim_saved_meanwhile(client_for, jenu_admin, jenu, beji):
    """Both requests passed validation; the database refuses the second and the page names the first."""
    client = client_for(jenu_admin)
    winner = KimFactory(village=beji, name="KIM Beji Bersinar")
    real = KimGroup.same_name_in_area
    calls = []

    def blind_once(self):
        calls.append(1)
        return None if len(calls) == 1 else real(self)

    with mock.patch.object(KimGroup, "same_name_in_area", blind_once):
        response = _create(client, jenu, "KIM Beji Bersinar")
    assert response.status_code == 200 and len(calls) == 2
    assert f'href="{winner.get_absolute_url()}"' in response.content.decode()
    assert KimGroup.objects.count() == 1


def test_renaming_onto_another_kim_is_refused(client_for, jenu_admin, beji_kim):
    other = KimFactory(village=beji_kim.village, name="KIM Beji Kedua")
    client = client_for(jenu_admin)
    form = client.get(reverse("districts:kim_edit", args=[other.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None} | {"name": "KIM Beji Bersinar"}
    data |= {"level": "desa", "village": beji_kim.village_id, "activity": "aktif", "member_count": 10}
    response = client.post(reverse("districts:kim_edit", args=[other.pk]), data)
    assert response.status_code == 200 and f'href="{beji_kim.get_absolute_url()}"' in response.content.decode()
    other.refresh_from_db()
    assert other.name == "KIM Beji Kedua"


def test_django_admin_refuses_a_duplicate_kim(client_for, superuser, beji_kim):
    response = client_for(superuser).post(
        reverse("admin:districts_kimgroup_add"),
        {
            "name": "KIM beji bersinar",
            "level": "desa",
            "district": beji_kim.district_id,
            "village": beji_kim.village_id,
            "activity": "aktif",
            "officers-TOTAL_FORMS": "0",
            "officers-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "Sudah ada KIM bernama" in response.content.decode()
    assert KimGroup.objects.count() == 1


# Merge


def _officer(kim, name):
    RegencyRules.for_regency(kim.district.regency)
    role = OfficerRole.objects.get(regency=kim.district.regency, name="Ketua")
    return Officer.objects.create(kim=kim, role=role, name=name)


@pytest.fixture
def twin(beji):
    return KimFactory(village=beji, name="KIM Beji Bersinar Jaya")


def test_merge_moves_everything_and_keeps_the_old_record_marked(beji_kim, twin, tuban_staff, jenu_admin):
    decree = DecreeFactory(kim=twin, status=Decree.Status.VERIFIED, term_end=datetime.date.today().replace(year=2099))
    officer = _officer(twin, "Sutrisno")
    activity = Activity.objects.create(
        kim=twin,
        date=datetime.date(2025, 1, 5),
        type=beji_kim.district.regency.kim_activity_types.first(),
        title="Diseminasi hoaks",
        recorded_by=jenu_admin,
    )
    assessment = Assessment.objects.create(kim=twin, year=2024, assessed_by=tuban_staff)
    kim_merge(kim=twin, into=beji_kim, by=tuban_staff, reason="Terdaftar dua kali")

    twin.refresh_from_db()
    assert (twin.record, twin.merged_into, twin.record_reason) == ("digabung", beji_kim, "Terdaftar dua kali")
    assert twin.record_changed_by == tuban_staff and twin.record_changed_at
    for row in (decree, officer, activity, assessment):
        row.refresh_from_db()
        assert row.kim_id == beji_kim.pk
    assert KimGroup.objects.formed().filter(pk=beji_kim.pk).exists()
    assert not KimGroup.objects.counted().filter(pk=twin.pk).exists()
    # The move is in the history (per row) and in the audit trail; nothing is deleted.
    assert decree.history.first().kim_id == beji_kim.pk and decree.history.last().kim_id == twin.pk
    assert twin.history.first().record == "digabung"
    event = AuditEvent.objects.get(action=AuditEvent.Action.KIM_MERGED)
    assert event.object_id == str(twin.pk) and event.actor == tuban_staff and "Terdaftar dua kali" in event.summary
    assert KimGroup.objects.count() == 2


def test_merge_keeps_one_verified_sk_and_supersedes_the_older(beji_kim, twin, tuban_staff):
    end = datetime.date.today().replace(year=2099)
    older = DecreeFactory(kim=beji_kim, status="terverifikasi", signed_on=datetime.date(2021, 1, 1), term_end=end)
    newer = DecreeFactory(kim=twin, status="terverifikasi", signed_on=datetime.date(2023, 1, 1), term_end=end)
    kim_merge(kim=twin, into=beji_kim, by=tuban_staff, reason="Dobel")
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.status, newer.status) == ("digantikan", "terverifikasi")


def test_merge_is_refused_while_both_have_a_pending_sk(beji_kim, twin, tuban_staff):
    DecreeFactory(kim=beji_kim, status="menunggu")
    DecreeFactory(kim=twin, status="menunggu")
    with pytest.raises(Exception, match="Kedua KIM memiliki SK yang menunggu verifikasi"):
        kim_merge(kim=twin, into=beji_kim, by=tuban_staff, reason="Dobel")
    twin.refresh_from_db()
    assert twin.is_counted and twin.decrees.count() == 1
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.KIM_MERGED).exists()


def test_merge_with_one_pending_sk_moves_it(beji_kim, twin, tuban_staff):
    pending = DecreeFactory(kim=twin, status="menunggu")
    kim_merge(kim=twin, into=beji_kim, by=tuban_staff, reason="Dobel")
    assert list(beji_kim.decrees.pending()) == [pending]


def test_merge_needs_a_reason_and_the_same_area(beji_kim, twin, tuban_staff, jenu):
    with pytest.raises(Exception, match="alasan"):
        kim_merge(kim=twin, into=beji_kim, by=tuban_staff, reason="   ")
    elsewhere = KimFactory(level="kecamatan", district=jenu, name="KIM Jenu")
    with pytest.raises(Exception, match="wilayah yang sama"):
        kim_merge(kim=twin, into=elsewhere, by=tuban_staff, reason="Dobel")
    assert KimGroup.objects.counted().count() == 3


def test_merge_is_refused_when_both_were_assessed_the_same_year(beji_kim, twin, tuban_staff):
    Assessment.objects.create(kim=twin, year=2024, assessed_by=tuban_staff)
    Assessment.objects.create(kim=beji_kim, year=2024, assessed_by=tuban_staff)
    with pytest.raises(Exception, match="2024"):
        kim_merge(kim=twin, into=beji_kim, by=tuban_staff, reason="Dobel")


def test_the_kept_kims_timeline_shows_the_history_of_what_moved(client_for, beji_kim, twin, tuban_staff):
    DecreeFactory(kim=twin, number="188.45/77/2024")
    kim_merge(kim=twin, into=beji_kim, by=tuban_staff, reason="Dobel")
    page = client_for(tuban_staff).get(beji_kim.get_absolute_url()).content.decode()
    assert "SK 188.45/77/2024" in page and "KIM Beji Bersinar Jaya" in page


# Mark as entered by mistake


def test_marking_a_mistake_needs_a_reason_and_keeps_the_record(beji_kim, tuban_staff):
    with pytest.raises(Exception, match="alasan"):
        kim_mark_mistaken(kim=beji_kim, by=tuban_staff, reason="")
    kim_mark_mistaken(kim=beji_kim, by=tuban_staff, reason="KIM uji coba")
    beji_kim.refresh_from_db()
    assert (beji_kim.record, beji_kim.record_reason, beji_kim.merged_into) == ("salah_input", "KIM uji coba", None)
    assert AuditEvent.objects.get(action=AuditEvent.Action.KIM_MISTAKEN).object_id == str(beji_kim.pk)


@pytest.mark.parametrize("status", ["menunggu", "terverifikasi"])
def test_a_kim_with_a_pending_or_standing_sk_cannot_be_marked_a_mistake(beji_kim, tuban_staff, status):
    DecreeFactory(kim=beji_kim, status=status, term_end=datetime.date.today().replace(year=2099))
    with pytest.raises(Exception, match="Tarik SK itu dulu"):
        kim_mark_mistaken(kim=beji_kim, by=tuban_staff, reason="Uji coba")
    beji_kim.refresh_from_db()
    assert beji_kim.is_counted


def test_no_sk_can_be_added_to_a_record_that_no_longer_counts(beji_kim, tuban_staff):
    kim_mark_mistaken(kim=beji_kim, by=tuban_staff, reason="Uji coba")
    beji_kim.refresh_from_db()
    with pytest.raises(Exception, match="ditandai salah input"):
        DecreeFactory.build(kim=beji_kim, uploaded_by=tuban_staff).full_clean()


# Pages and access


def test_staff_merge_through_the_confirmation_page(client_for, tuban_staff, beji_kim, twin):
    client = client_for(tuban_staff)
    page = client.get(twin.get_absolute_url()).content.decode()
    assert reverse(MERGE, args=[twin.pk]) in page and reverse(MISTAKEN, args=[twin.pk]) in page
    form = client.get(reverse(MERGE, args=[twin.pk]))
    assert list(form.context["form"].fields["into"].queryset) == [beji_kim]
    refused = client.post(reverse(MERGE, args=[twin.pk]), {"into": beji_kim.pk, "reason": ""})
    assert refused.status_code == 200 and KimGroup.objects.get(pk=twin.pk).is_counted
    done = client.post(
        reverse(MERGE, args=[twin.pk]), {"into": beji_kim.pk, "reason": "Terdaftar dua kali"}, follow=True
    )
    assert done.redirect_chain[-1][0] == beji_kim.get_absolute_url()
    assert "digabung ke" in done.content.decode()
    old_page = client.get(twin.get_absolute_url()).content.decode()
    assert "Digabung ke" in old_page and f'href="{beji_kim.get_absolute_url()}"' in old_page
    assert reverse(MERGE, args=[twin.pk]) not in old_page  # a merged record is read-only


def test_merge_page_shows_why_a_merge_is_refused(client_for, tuban_staff, beji_kim, twin):
    DecreeFactory(kim=beji_kim, status="menunggu")
    DecreeFactory(kim=twin, status="menunggu")
    response = client_for(tuban_staff).post(reverse(MERGE, args=[twin.pk]), {"into": beji_kim.pk, "reason": "Dobel"})
    assert response.status_code == 200 and "Kedua KIM memiliki SK yang menunggu verifikasi" in response.content.decode()


def test_merge_cannot_target_a_kim_of_another_area(client_for, tuban_staff, twin, palang):
    elsewhere = KimFactory(level="kecamatan", district=palang, name="KIM Palang")
    response = client_for(tuban_staff).post(reverse(MERGE, args=[twin.pk]), {"into": elsewhere.pk, "reason": "x"})
    assert response.status_code == 200 and KimGroup.objects.counted().count() == 2


def test_staff_mark_a_mistake_through_the_confirmation_page(client_for, tuban_staff, beji_kim):
    client = client_for(tuban_staff)
    response = client.post(reverse(MISTAKEN, args=[beji_kim.pk]), {"reason": "KIM uji coba"}, follow=True)
    assert response.redirect_chain[-1][0] == beji_kim.get_absolute_url()
    page = response.content.decode()
    assert "salah input" in page and "KIM uji coba" in page


@pytest.mark.parametrize("name", [MERGE, MISTAKEN])
@pytest.mark.parametrize(
    ("who", "status"),
    [("jenu_admin", 403), ("palang_admin", 404), ("lamongan_staff", 404), ("province_viewer", 403)],
)
def test_only_the_regency_staff_merge_or_mark(request, client_for, beji_kim, twin, name, who, status):
    client = client_for(request.getfixturevalue(who))
    url = reverse(name, args=[twin.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"into": beji_kim.pk, "reason": "Dobel"}).status_code == status
    twin.refresh_from_db()
    assert twin.is_counted


@pytest.mark.parametrize("name", [MERGE, MISTAKEN])
def test_merge_and_mark_pages_need_a_login_and_answer_405_to_other_methods(
    anon_client, client_for, tuban_staff, twin, name
):
    url = reverse(name, args=[twin.pk])
    assert anon_client.get(url)["Location"].startswith(reverse("login"))
    assert client_for(tuban_staff).put(url).status_code == 405


def test_a_guessed_id_answers_404(client_for, tuban_staff):
    import uuid

    assert client_for(tuban_staff).get(reverse(MERGE, args=[uuid.uuid4()])).status_code == 404


def test_admins_do_not_see_merged_or_mistaken_records_staff_find_them_with_a_badge(
    client_for, jenu_admin, tuban_staff, beji_kim, twin, beji
):
    mistaken = KimFactory(village=beji, name="KIM Coba-coba")
    kim_merge(kim=twin, into=beji_kim, by=tuban_staff, reason="Dobel")
    kim_mark_mistaken(kim=mistaken, by=tuban_staff, reason="Uji coba")
    admin = client_for(jenu_admin)
    listed = [k.pk for k in admin.get(reverse("districts:kim_list")).context["page"].object_list]
    assert listed == [beji_kim.pk]
    assert admin.get(reverse("districts:kim_list"), {"record": "semua"}).context["page"].paginator.count == 1
    assert [k.pk for k in admin.get(beji.get_absolute_url()).context["kims"]] == [beji_kim.pk]
    assert admin.get(mistaken.get_absolute_url()).status_code == 404
    assert admin.get(twin.get_absolute_url())["Location"] == beji_kim.get_absolute_url()
    staff = client_for(tuban_staff)
    assert staff.get(reverse("districts:kim_list")).context["page"].paginator.count == 1
    everything = staff.get(reverse("districts:kim_list"), {"record": "semua"})
    assert everything.context["page"].paginator.count == 3
    assert everything.content.decode().count('data-testid="record-badge"') == 2
    only_mistakes = staff.get(reverse("districts:kim_list"), {"record": "salah_input"}).context["page"].object_list
    assert [k.pk for k in only_mistakes] == [mistaken.pk]
    assert staff.get(mistaken.get_absolute_url()).status_code == 200


def test_a_merged_or_mistaken_record_cannot_be_edited(client_for, jenu_admin, tuban_staff, beji_kim):
    kim_mark_mistaken(kim=beji_kim, by=tuban_staff, reason="Uji coba")
    for name in (
        "districts:kim_edit",
        "districts:kim_officers",
        "decrees:upload",
        "assessments:create",
        "activities:create",
    ):
        assert client_for(tuban_staff).get(reverse(name, args=[beji_kim.pk])).status_code == 403


def test_district_admin_home_counts_only_counted_kims(client_for, jenu_admin, tuban_staff, beji_kim, beji):
    mistaken = KimFactory(village=beji, name="KIM Coba-coba")
    kim_mark_mistaken(kim=mistaken, by=tuban_staff, reason="Uji coba")
    response = client_for(jenu_admin).get(reverse("home"))
    assert response.context["kim_counts"] == {"total": 1, "village": 1}


def test_a_village_whose_only_kim_was_a_mistake_is_without_kim(tuban_staff, beji):
    from dashboard.panels import villages_without_kim

    kim = KimFactory(village=beji, name="KIM Coba")
    assert not villages_without_kim(Village.objects.filter(pk=beji.pk)).exists()
    kim_mark_mistaken(kim=kim, by=tuban_staff, reason="Uji coba")
    assert villages_without_kim(Village.objects.filter(pk=beji.pk)).exists()
