"""A KIM's officers on one page: many rows, one-person roles at most once, phones and names by the shared rules."""

import importlib
import uuid

import pytest
from django.apps import apps
from django.urls import reverse

from districts.forms import OFFICER_ROWS_ADDED, OfficerFormSet
from districts.models import Officer, OfficerRole, RegencyRules
from districts.services import officers_save
from tests.pages import rules_post

PREFIX = "officers"


@pytest.fixture
def roles(tuban):
    RegencyRules.for_regency(tuban)
    return {role.name: role for role in OfficerRole.objects.filter(regency=tuban)}


def url(kim):
    return reverse("districts:kim_officers", args=[kim.pk])


def officer_post(rows, existing=(), **extra):
    """The officer page's POST: `existing` officers first (as loaded), then new `rows` of (role, name, phone)."""
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(existing) + len(rows)),
        f"{PREFIX}-INITIAL_FORMS": str(len(existing)),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate([*existing, *rows]):
        if isinstance(row, Officer):
            officer, row = row, (row.role, row.name, row.phone)
            data[f"{PREFIX}-{i}-id"] = str(officer.pk)
        role, name, phone = row
        data[f"{PREFIX}-{i}-role"] = str(role.pk) if role else ""
        data[f"{PREFIX}-{i}-name"] = name
        data[f"{PREFIX}-{i}-phone"] = phone
    data.update(extra)
    return data


def officers_of(kim):
    return sorted(kim.officers.values_list("role__name", "name", "phone"))


# Access


def test_anonymous_is_sent_to_login(anon_client, beji_kim):
    response = anon_client.get(url(beji_kim))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_admin_of_other_kecamatan_and_guessed_id_get_404(client_for, palang_admin, jenu_admin, beji_kim, roles):
    assert client_for(palang_admin).get(url(beji_kim)).status_code == 404
    post = client_for(palang_admin).post(url(beji_kim), officer_post([(roles["Ketua"], "Siti", "")]))
    assert post.status_code == 404 and not Officer.objects.exists()
    guessed = reverse("districts:kim_officers", args=[uuid.uuid4()])
    assert client_for(jenu_admin).get(guessed).status_code == 404


def test_province_viewer_gets_403_and_sees_no_edit_link(client_for, province_viewer, beji_kim, roles):
    client = client_for(province_viewer)
    assert client.post(url(beji_kim), officer_post([(roles["Ketua"], "Siti", "")])).status_code == 403
    assert not Officer.objects.exists()
    assert url(beji_kim) not in client.get(beji_kim.get_absolute_url()).content.decode()


def test_wrong_method_is_405(client_for, jenu_admin, beji_kim):
    assert client_for(jenu_admin).put(url(beji_kim)).status_code == 405


# Many rows


def test_six_officers_are_saved_in_one_go_with_phones_in_one_form(client_for, jenu_admin, beji_kim, roles):
    rows = [
        (roles["Ketua"], "Siti Aminah", "0812-3456-7890"),
        (roles["Sekretaris"], "Budi Santoso", "+62 813 1111 2222"),
        (roles["Bendahara"], "Sri Wahyuni", "(0356) 321 456"),
        (roles["Anggota pengurus"], "Ahmad Fauzi", ""),
        (roles["Anggota pengurus"], "Dewi Lestari", "62857 3012 4455"),
        (roles["Anggota pengurus"], "  Joko Susilo  ", "0896 1234 567"),
    ]
    response = client_for(jenu_admin).post(url(beji_kim), officer_post(rows))
    assert response.status_code == 302, response.context["formset"].errors
    assert officers_of(beji_kim) == [
        ("Anggota pengurus", "Ahmad Fauzi", ""),
        ("Anggota pengurus", "Dewi Lestari", "+6285730124455"),
        ("Anggota pengurus", "Joko Susilo", "+628961234567"),
        ("Bendahara", "Sri Wahyuni", "+62356321456"),
        ("Ketua", "Siti Aminah", "+6281234567890"),
        ("Sekretaris", "Budi Santoso", "+6281311112222"),
    ]
    page = client_for(jenu_admin).get(beji_kim.get_absolute_url()).content.decode()
    assert "0812-3456-7890" in page and "(0356) 321456" in page  # shown as dialled


def test_without_javascript_tambah_baris_adds_empty_rows_and_keeps_everything_typed(
    client_for, jenu_admin, beji_kim, roles
):
    kept = Officer.objects.create(kim=beji_kim, role=roles["Ketua"], name="Siti Aminah")
    data = officer_post(
        [(roles["Sekretaris"], "Budi Santoso", "0813 1111 2222"), (None, "Sri Wahyuni", "bukan nomor")],
        existing=[kept],
        add_rows="1",
    )
    data[f"{PREFIX}-0-name"] = "Siti Aminah Rahayu"  # an edit of the stored officer, not yet saved
    response = client_for(jenu_admin).post(url(beji_kim), data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 3 + OFFICER_ROWS_ADDED
    page = response.content.decode()
    for typed in ("Siti Aminah Rahayu", "Budi Santoso", "0813 1111 2222", "Sri Wahyuni", "bukan nomor"):
        assert typed in page
    assert f'name="{PREFIX}-TOTAL_FORMS" value="{3 + OFFICER_ROWS_ADDED}"' in page
    assert f'name="{PREFIX}-{2 + OFFICER_ROWS_ADDED}-name"' in page  # the last new row is empty and named in order
    # Asking for rows saves nothing.
    assert officers_of(beji_kim) == [("Ketua", "Siti Aminah", "")]
    # The rows come back as they were posted, so the user fills the new ones and saves everything.
    data = {k: v for k, v in data.items() if k != "add_rows"}
    data[f"{PREFIX}-2-role"], data[f"{PREFIX}-2-phone"] = str(roles["Bendahara"].pk), ""
    data[f"{PREFIX}-TOTAL_FORMS"] = str(3 + OFFICER_ROWS_ADDED)
    data.update(
        {f"{PREFIX}-3-role": str(roles["Anggota pengurus"].pk), f"{PREFIX}-3-name": "Ahmad", f"{PREFIX}-3-phone": ""}
    )
    assert client_for(jenu_admin).post(url(beji_kim), data).status_code == 302
    assert officers_of(beji_kim) == [
        ("Anggota pengurus", "Ahmad", ""),
        ("Bendahara", "Sri Wahyuni", ""),
        ("Ketua", "Siti Aminah Rahayu", ""),
        ("Sekretaris", "Budi Santoso", "+6281311112222"),
    ]


def test_page_offers_the_add_row_button_and_a_template_row_for_the_script(client_for, jenu_admin, beji_kim, roles):
    page = client_for(jenu_admin).get(url(beji_kim)).content.decode()
    assert 'name="add_rows"' in page and "data-add-row" in page
    assert '<template id="officer-empty-row">' in page and f"{PREFIX}-__prefix__-name" in page
    assert "js/formset.js" in page and "onclick" not in page  # CSP: no inline handlers


def test_a_forged_row_count_is_bounded(client_for, jenu_admin, beji_kim, roles):
    data = officer_post([(roles["Ketua"], "Siti", "")])
    data[f"{PREFIX}-TOTAL_FORMS"] = "100000"
    response = client_for(jenu_admin).post(url(beji_kim), data)
    assert response.status_code == 200 and not Officer.objects.exists()
    assert len(response.context["formset"].forms) <= 60


# One-person roles


def test_two_ketua_in_one_save_are_refused_and_everything_typed_is_kept(client_for, jenu_admin, beji_kim, roles):
    rows = [(roles["Ketua"], "Siti Aminah", "0812-3456-7890"), (roles["Ketua"], "Budi Santoso", "")]
    response = client_for(jenu_admin).post(url(beji_kim), officer_post(rows))
    assert response.status_code == 200 and not Officer.objects.exists()
    page = response.content.decode()
    assert "hanya boleh dipegang satu orang" in page and "Siti Aminah, Budi Santoso" in page
    assert "Siti Aminah" in page and "0812-3456-7890" in page and "Budi Santoso" in page
    assert all(form.has_error("role") for form in response.context["formset"].forms[:2])


def test_anggota_pengurus_may_be_held_by_many(client_for, jenu_admin, beji_kim, roles):
    rows = [(roles["Anggota pengurus"], name, "") for name in ("A", "B", "C")]
    assert client_for(jenu_admin).post(url(beji_kim), officer_post(rows)).status_code == 302
    assert beji_kim.officers.count() == 3


def test_two_officers_swap_roles_in_one_save(client_for, jenu_admin, beji_kim, roles):
    siti = Officer.objects.create(kim=beji_kim, role=roles["Ketua"], name="Siti")
    budi = Officer.objects.create(kim=beji_kim, role=roles["Sekretaris"], name="Budi")
    data = officer_post([], existing=[siti, budi])
    data[f"{PREFIX}-0-role"], data[f"{PREFIX}-1-role"] = str(roles["Sekretaris"].pk), str(roles["Ketua"].pk)
    assert client_for(jenu_admin).post(url(beji_kim), data).status_code == 302
    assert officers_of(beji_kim) == [("Ketua", "Budi", ""), ("Sekretaris", "Siti", "")]


def test_removing_the_old_ketua_and_adding_a_new_one_in_one_save(client_for, jenu_admin, beji_kim, roles):
    old = Officer.objects.create(kim=beji_kim, role=roles["Ketua"], name="Lama")
    data = officer_post([(roles["Ketua"], "Baru", "")], existing=[old], **{f"{PREFIX}-0-DELETE": "on"})
    assert client_for(jenu_admin).post(url(beji_kim), data).status_code == 302
    assert officers_of(beji_kim) == [("Ketua", "Baru", "")]
    assert Officer.history.filter(id=old.pk, history_type="-").exists()  # removed, still in the history


def test_a_ketua_saved_in_another_tab_meanwhile_is_not_doubled(client_for, jenu_admin, beji_kim, roles):
    """Both tabs opened the empty list; the first saved a Ketua; the second's Ketua is refused, its rows kept."""
    client = client_for(jenu_admin)
    assert client.post(url(beji_kim), officer_post([(roles["Ketua"], "Siti", "")])).status_code == 302
    response = client.post(url(beji_kim), officer_post([(roles["Ketua"], "Budi", "0813 1111 2222")]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Siti, Budi" in page and "0813 1111 2222" in page
    assert officers_of(beji_kim) == [("Ketua", "Siti", "")]


def test_the_service_checks_again_what_was_validated_before_another_save(jenu_admin, beji_kim, roles):
    """Two formsets validated against the same empty list: the locked re-check refuses the later save."""
    from django.core.exceptions import ValidationError

    regency = beji_kim.district.regency
    first = OfficerFormSet(officer_post([(roles["Ketua"], "Siti", "")]), instance=beji_kim, regency=regency)
    second = OfficerFormSet(officer_post([(roles["Ketua"], "Budi", "")]), instance=beji_kim, regency=regency)
    assert first.is_valid() and second.is_valid()
    officers_save(formset=first)
    with pytest.raises(ValidationError, match="hanya boleh dipegang satu orang"):
        officers_save(formset=second)
    assert officers_of(beji_kim) == [("Ketua", "Siti", "")]


def test_a_role_of_another_regency_is_refused(client_for, jenu_admin, beji_kim, roles, lamongan):
    RegencyRules.for_regency(lamongan)
    foreign = OfficerRole.objects.get(regency=lamongan, name="Ketua")
    response = client_for(jenu_admin).post(url(beji_kim), officer_post([(foreign, "Siti", "")]))
    assert response.status_code == 200 and not Officer.objects.exists()


# Phones and names on the page


def test_a_bad_phone_and_a_two_line_name_are_refused_with_the_rows_kept(client_for, jenu_admin, beji_kim, roles):
    rows = [(roles["Ketua"], "Siti Aminah", "tanya pak RT"), (roles["Sekretaris"], "Budi\nSantoso", "0813 1111 2222")]
    response = client_for(jenu_admin).post(url(beji_kim), officer_post(rows))
    assert response.status_code == 200 and not Officer.objects.exists()
    forms = response.context["formset"].forms
    assert "Nomor telepon tidak dikenali" in " ".join(forms[0].errors["phone"])
    assert "satu baris" in " ".join(forms[1].errors["name"])
    page = response.content.decode()
    assert "tanya pak RT" in page and "0813 1111 2222" in page


def test_a_stored_phone_is_shown_readably_in_the_form_and_an_untouched_row_is_not_rewritten(
    client_for, jenu_admin, beji_kim, roles
):
    siti = Officer.objects.create(kim=beji_kim, role=roles["Ketua"], name="Siti", phone="+6281234567890")
    page = client_for(jenu_admin).get(url(beji_kim)).content.decode()
    assert 'value="0812-3456-7890"' in page
    data = officer_post([], existing=[siti])
    data[f"{PREFIX}-0-phone"] = "0812-3456-7890"  # as the page showed it
    assert client_for(jenu_admin).post(url(beji_kim), data).status_code == 302
    assert Officer.history.filter(id=siti.pk).count() == 1  # nothing changed, no new history entry


# The regency rule


def test_new_regencies_start_with_ketua_sekretaris_bendahara_held_by_one_person(lamongan):
    RegencyRules.for_regency(lamongan)
    single = dict(OfficerRole.objects.filter(regency=lamongan).values_list("name", "single_holder"))
    assert single == {"Ketua": True, "Sekretaris": True, "Bendahara": True, "Anggota pengurus": False}


def test_staff_change_the_rule_on_the_rules_page_and_the_officer_page_follows(
    client_for, tuban_staff, jenu_admin, beji_kim, roles
):
    staff = client_for(tuban_staff)
    rules_url = reverse("districts:regency_rules", args=["35.23"])
    page = staff.get(rules_url)
    assert "Dipegang satu orang" in page.content.decode() or "dipegang satu orang" in page.content.decode()
    formset = next(f for f in page.context["formsets"] if f.prefix == "jabatan")
    index = next(i for i, form in enumerate(formset.forms) if form.instance.name == "Ketua")
    data = rules_post(page)
    data.pop(f"jabatan-{index}-single_holder")  # an unticked box is not posted
    assert staff.post(rules_url, data).status_code == 302
    assert not OfficerRole.objects.get(pk=roles["Ketua"].pk).single_holder
    rows = [(roles["Ketua"], "Siti", ""), (roles["Ketua"], "Budi", "")]  # e.g. a regency with two co-chairs
    assert client_for(jenu_admin).post(url(beji_kim), officer_post(rows)).status_code == 302


# Data migration of existing rows


def test_the_migration_normalises_readable_phones_and_leaves_the_rest_untouched(beji_kim, roles, jenu_admin):
    migration = importlib.import_module("districts.migrations.0016_seed_single_holder_roles_normalise_phones")
    Officer.objects.bulk_create(
        [
            Officer(kim=beji_kim, role=roles["Ketua"], name="A", phone="0812 3456 7890"),
            Officer(kim=beji_kim, role=roles["Sekretaris"], name="B", phone="HP: 0812 / WA 0813"),
            Officer(kim=beji_kim, role=roles["Bendahara"], name="C", phone=""),
        ]
    )
    type(beji_kim).objects.filter(pk=beji_kim.pk).update(phone="(0356) 321 456")
    OfficerRole.objects.filter(regency_id="35.23").update(single_holder=False)
    migration.forwards(apps, None)
    assert dict(beji_kim.officers.values_list("name", "phone")) == {
        "A": "+6281234567890",
        "B": "HP: 0812 / WA 0813",
        "C": "",
    }
    beji_kim.refresh_from_db()
    assert beji_kim.phone == "+62356321456"
    single = dict(OfficerRole.objects.filter(regency_id="35.23").values_list("name", "single_holder"))
    assert single == {"Ketua": True, "Sekretaris": True, "Bendahara": True, "Anggota pengurus": False}


# Django admin


def admin_kim_post(kim, rows):
    data = {
        "name": kim.name,
        "level": kim.level,
        "district": kim.district_id,
        "village": kim.village_id or "",
        "activity": kim.activity,
        "member_count": kim.member_count,
        f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{PREFIX}-INITIAL_FORMS": "0",
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for i, (role, name, phone) in enumerate(rows):
        data.update({f"{PREFIX}-{i}-role": role.pk, f"{PREFIX}-{i}-name": name, f"{PREFIX}-{i}-phone": phone})
    return data


def test_django_admin_kim_inline_refuses_a_second_ketua(client_for, superuser, beji_kim, roles):
    change = reverse("admin:districts_kimgroup_change", args=[beji_kim.pk])
    rows = [(roles["Ketua"], "Siti", "0812 3456 7890"), (roles["Ketua"], "Budi", "")]
    response = client_for(superuser).post(change, admin_kim_post(beji_kim, rows))
    assert response.status_code == 200 and "hanya boleh dipegang satu orang" in response.content.decode()
    assert not Officer.objects.exists()
    rows[1] = (roles["Sekretaris"], "  Budi  ", "(0356) 321 456")
    assert client_for(superuser).post(change, admin_kim_post(beji_kim, rows)).status_code == 302
    assert officers_of(beji_kim) == [("Ketua", "Siti", "+6281234567890"), ("Sekretaris", "Budi", "+62356321456")]


def test_django_admin_officer_page_refuses_a_second_ketua_and_bad_phone(client_for, superuser, beji_kim, roles):
    Officer.objects.create(kim=beji_kim, role=roles["Ketua"], name="Siti")
    client = client_for(superuser)
    add = reverse("admin:districts_officer_add")
    data = {"kim": beji_kim.pk, "role": roles["Ketua"].pk, "name": "Budi", "phone": ""}
    response = client.post(add, data)
    assert response.status_code == 200 and "hanya boleh dipegang satu orang" in response.content.decode()
    response = client.post(add, {**data, "role": roles["Sekretaris"].pk, "phone": "nomor rahasia"})
    assert response.status_code == 200 and "Nomor telepon tidak dikenali" in response.content.decode()
    assert client.post(add, {**data, "role": roles["Sekretaris"].pk, "phone": "+62 813-1111-2222"}).status_code == 302
    siti = Officer.objects.get(name="Siti")
    # Editing the Ketua herself is not a clash with herself.
    edit = reverse("admin:districts_officer_change", args=[siti.pk])
    data = {"kim": beji_kim.pk, "role": roles["Ketua"].pk, "name": "Siti Aminah", "phone": ""}
    assert client.post(edit, data).status_code == 302
    assert officers_of(beji_kim) == [("Ketua", "Siti Aminah", ""), ("Sekretaris", "Budi", "+6281311112222")]


def test_a_double_ketua_from_before_the_rule_is_shown_and_does_not_block_adding_others(
    client_for, jenu_admin, beji_kim, roles
):
    from districts.services import officer_add

    Officer.objects.bulk_create(
        [Officer(kim=beji_kim, role=roles["Ketua"], name=name) for name in ("Siti", "Budi")]  # stored before the rule
    )
    officer_add(kim=beji_kim, role=roles["Sekretaris"], name="Sri")  # e.g. the import or the SK reading
    first, second, sri = beji_kim.officers.order_by("pk")
    page = client_for(jenu_admin).post(url(beji_kim), officer_post([], existing=[first, second, sri]))
    assert page.status_code == 200 and "Siti, Budi" in page.content.decode()  # the page names the old clash
    data = officer_post([], existing=[first, second, sri])
    data[f"{PREFIX}-1-role"] = str(roles["Bendahara"].pk)
    assert client_for(jenu_admin).post(url(beji_kim), data).status_code == 302
    assert officers_of(beji_kim) == [("Bendahara", "Budi", ""), ("Ketua", "Siti", ""), ("Sekretaris", "Sri", "")]
