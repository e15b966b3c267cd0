"""The whole KIM and SK flow, as each role lives it."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from decrees.models import Decree
from districts.models import KimGroup
from tests.decrees.conftest import SK_FIELDS
from tests.files import sk_pdf, sk_photo

FROZEN = datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(FROZEN, tick=False):
        yield


@pytest.fixture
def staff_with_email(tuban_staff):
    tuban_staff.email = "verifikator@tubankab.go.id"
    tuban_staff.save()
    return tuban_staff


def upload_sk(client, kim, files=None, **fields):
    return client.post(
        reverse("decrees:upload", args=[kim.pk]),
        {**SK_FIELDS, **fields, "files": files or [sk_photo("hal-1.jpg"), sk_photo("hal-2.jpg")]},
    )


def kim_status_text(client, kim):
    page = client.get(kim.get_absolute_url()).content.decode()
    start = page.index('data-testid="formation-status"')
    return page[start : start + 200]


def test_kecamatan_admin_registers_a_village_kim_with_the_promised_labels(client_for, jenu_admin, jenu):
    client = client_for(jenu_admin)
    district_page = client.get(jenu.get_absolute_url()).content.decode()
    assert reverse("districts:kim_create", args=[jenu.code]) in district_page and "Tambah KIM" in district_page
    form_page = client.get(reverse("districts:kim_create", args=[jenu.code]))
    html = form_page.content.decode()
    for label in ["Nama KIM", "Tingkat", "Desa/Kelurahan"]:
        assert label in html
    level_labels = re.findall(r'<label for="id_level_\d" class="form-check-label">\s*([^<]+?)\s*</label>', html)
    assert level_labels == ["Kecamatan", "Desa/Kelurahan"]
    village_choices = [str(v) for v in form_page.context["form"].fields["village"].queryset]
    assert "Beji" in village_choices and "Payuran" not in village_choices and len(village_choices) == 17
    response = client.post(
        reverse("districts:kim_create", args=[jenu.code]),
        {
            "name": "KIM Beji Bersinar",
            "level": "desa",
            "village": "35.23.12.2009",
            "activity": "aktif",
            "member_count": 12,
            "website": "beji.desa.id",
        },
    )
    kim = KimGroup.objects.get()
    assert response["Location"] == kim.get_absolute_url()
    assert (kim.district_id, kim.village_id, kim.created_by) == ("35.23.12", "35.23.12.2009", jenu_admin)
    assert kim.website == "https://beji.desa.id"
    page = client.get(kim.get_absolute_url()).content.decode()
    assert "Unggah SK" in page and "belum ada SK" in page


def test_kim_form_rejects_bad_level_village_combinations_and_too_few_members(client_for, jenu_admin, jenu):
    client = client_for(jenu_admin)
    url = reverse("districts:kim_create", args=[jenu.code])
    response = client.post(url, {"name": "KIM X", "level": "desa", "activity": "aktif", "member_count": 2})
    errors = response.context["form"].errors
    assert "Pilih desa/kelurahan" in errors["village"][0]
    assert "Jumlah anggota minimal 3 orang" in errors["member_count"][0]
    response = client.post(
        url, {"name": "KIM X", "level": "kecamatan", "village": "35.23.12.2009", "activity": "aktif"}
    )
    assert "tidak memiliki desa/kelurahan" in response.context["form"].errors["village"][0]
    response = client.post(url, {"name": "KIM X", "level": "desa", "village": "35.23.18.1001", "activity": "aktif"})
    assert "village" in response.context["form"].errors  # Payuran is in Palang, not offered
    assert KimGroup.objects.count() == 0


def test_upload_verify_flow_notifies_staff_then_uploader(
    client_for, jenu_admin, staff_with_email, beji_kim, django_capture_on_commit_callbacks
):
    jenu_admin.email = "admin.jenu@example.org"
    jenu_admin.save()
    admin = client_for(jenu_admin)
    upload_page = admin.get(reverse("decrees:upload", args=[beji_kim.pk])).content.decode()
    for label in ["Nomor SK", "Tanggal SK", "Penandatangan", "Masa bakti mulai", "Masa bakti selesai", "Berkas SK"]:
        assert label in upload_page
    assert 'accept="image/*,application/pdf"' in upload_page and "multiple" in upload_page

    with django_capture_on_commit_callbacks(execute=True):
        response = upload_sk(admin, beji_kim)
    decree = Decree.objects.get()
    assert response["Location"] == decree.get_absolute_url()
    assert "menunggu verifikasi" in kim_status_text(admin, beji_kim)
    assert [m.to for m in mail.outbox] == [["verifikator@tubankab.go.id"]]
    assert "188.45/123/KPTS/414.403/2021" in mail.outbox[0].body

    staff = client_for(staff_with_email)
    queue = staff.get(reverse("decrees:queue"))
    assert [d.pk for d in queue.context["page"].object_list] == [decree.pk]
    detail = staff.get(decree.get_absolute_url()).content.decode()
    assert ">Verifikasi<" in detail and ">Tolak<" in detail and "Alasan penolakan" in detail
    assert detail.count('<img src="/sk/berkas/') == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("decrees:verify", args=[decree.pk]), {"confirm": "1"}, follow=True)
    assert "SK terverifikasi" in response.content.decode()
    decree.refresh_from_db()
    assert (decree.status, decree.decided_by) == (Decree.Status.VERIFIED, staff_with_email)
    assert "terbentuk" in kim_status_text(admin, beji_kim)
    assert mail.outbox[-1].to == ["admin.jenu@example.org"] and "diverifikasi" in mail.outbox[-1].body
    assert list(staff.get(reverse("decrees:queue")).context["page"].object_list) == []


def test_rejection_needs_a_reason_and_the_admin_reuploads_a_corrected_sk(client_for, jenu_admin, tuban_staff, beji_kim):
    admin, staff = client_for(jenu_admin), client_for(tuban_staff)
    upload_sk(admin, beji_kim)
    first = Decree.objects.get()

    response = staff.post(reverse("decrees:reject", args=[first.pk]), {"reason": ""})
    assert response.status_code == 400 and "Alasan wajib diisi." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Decree.Status.PENDING

    staff.post(reverse("decrees:reject", args=[first.pk]), {"reason": "Stempel dan tanda tangan tidak terlihat"})
    first.refresh_from_db()
    assert first.status == Decree.Status.REJECTED
    kim_page = admin.get(beji_kim.get_absolute_url()).content.decode()
    assert "SK ditolak" in kim_page and "Stempel dan tanda tangan tidak terlihat" in kim_page
    assert "Unggah SK yang sudah diperbaiki" in kim_page

    upload_sk(admin, beji_kim, files=[sk_pdf()], number="188.45/124/KPTS/414.403/2021")
    second = Decree.objects.exclude(pk=first.pk).get()
    assert "menunggu verifikasi" in kim_status_text(admin, beji_kim)
    staff.post(reverse("decrees:verify", args=[second.pk]), {"confirm": "1"})
    assert "terbentuk" in kim_status_text(admin, beji_kim)
    first.refresh_from_db()
    assert first.status == Decree.Status.REJECTED  # stays on file


def test_a_newer_verified_sk_supersedes_the_older_which_stays_visible(client_for, jenu_admin, tuban_staff, beji_kim):
    admin, staff = client_for(jenu_admin), client_for(tuban_staff)
    upload_sk(admin, beji_kim, signed_on="2021-12-10", term_start="2021-12-10", term_end="2024-12-09")
    old = Decree.objects.get()
    staff.post(reverse("decrees:verify", args=[old.pk]), {"confirm": "1"})
    assert "SK kedaluwarsa" in kim_status_text(admin, beji_kim)  # frozen in 2025: its term has ended
    upload_sk(
        admin, beji_kim, number="188.45/9/2024", signed_on="2024-12-10", term_start="2024-12-10", term_end="2027-12-09"
    )
    new = Decree.objects.exclude(pk=old.pk).get()
    staff.post(reverse("decrees:verify", args=[new.pk]), {"confirm": "1"})
    old.refresh_from_db()
    assert old.status == Decree.Status.SUPERSEDED
    page = admin.get(beji_kim.get_absolute_url()).content.decode()
    assert "digantikan SK lebih baru" in page and "terbentuk" in kim_status_text(admin, beji_kim)


def test_expiry_follows_the_calendar(client_for, jenu_admin, tuban_staff, beji_kim):
    admin, staff = client_for(jenu_admin), client_for(tuban_staff)
    upload_sk(admin, beji_kim, term_end="2025-06-30")
    staff.post(reverse("decrees:verify", args=[Decree.objects.get().pk]), {"confirm": "1"})
    assert "terbentuk" in kim_status_text(admin, beji_kim)
    with time_machine.travel(datetime.datetime(2025, 7, 1, 9, tzinfo=datetime.UTC), tick=False):
        # a month later the old session has expired: log in again
        assert "SK kedaluwarsa" in kim_status_text(client_for(jenu_admin), beji_kim)


def test_withdrawal_keeps_the_sk_in_history(client_for, jenu_admin, beji_kim):
    admin = client_for(jenu_admin)
    upload_sk(admin, beji_kim)
    decree = Decree.objects.get()
    confirm = admin.get(reverse("decrees:withdraw", args=[decree.pk]))
    assert "Tarik SK" in confirm.content.decode()
    response = admin.post(reverse("decrees:withdraw", args=[decree.pk]), {"reason": ""})
    assert response.status_code == 200 and Decree.objects.get().status == Decree.Status.PENDING
    admin.post(reverse("decrees:withdraw", args=[decree.pk]), {"reason": "Salah pilih KIM"})
    decree.refresh_from_db()
    assert (decree.status, decree.withdrawal_reason, decree.withdrawn_by) == (
        Decree.Status.WITHDRAWN,
        "Salah pilih KIM",
        jenu_admin,
    )
    page = admin.get(beji_kim.get_absolute_url()).content.decode()
    assert "ditarik" in page and decree.number in page
    assert "belum ada SK" in kim_status_text(admin, beji_kim)


def test_kecamatan_admin_cannot_withdraw_a_verified_sk_but_staff_can(client_for, jenu_admin, tuban_staff, beji_kim):
    admin, staff = client_for(jenu_admin), client_for(tuban_staff)
    upload_sk(admin, beji_kim)
    decree = Decree.objects.get()
    staff.post(reverse("decrees:verify", args=[decree.pk]), {"confirm": "1"})
    response = admin.post(reverse("decrees:withdraw", args=[decree.pk]), {"reason": "Coba tarik"}, follow=True)
    assert "tidak bisa ditarik" in response.content.decode()
    assert Decree.objects.get().status == Decree.Status.VERIFIED
    staff.post(reverse("decrees:withdraw", args=[decree.pk]), {"reason": "SK ganda, salah input"})
    assert Decree.objects.get().status == Decree.Status.WITHDRAWN


def test_second_decision_on_the_same_sk_is_refused_with_a_message(client_for, jenu_admin, tuban_staff, beji_kim):
    upload_sk(client_for(jenu_admin), beji_kim)
    decree = Decree.objects.get()
    staff = client_for(tuban_staff)
    staff.post(reverse("decrees:verify", args=[decree.pk]), {"confirm": "1"})
    response = staff.post(reverse("decrees:reject", args=[decree.pk]), {"reason": "Terlambat ditolak"}, follow=True)
    assert "sudah diputus atau ditarik oleh orang lain" in response.content.decode()
    assert Decree.objects.get().status == Decree.Status.VERIFIED


def test_queue_lists_pending_oldest_first_across_the_regency(
    client_for, jenu_admin, palang_admin, tuban_staff, beji_kim, palang
):
    from tests.factories import KimFactory

    palang_kim = KimFactory(level="kecamatan", district=palang, name="KIM Palang")
    with time_machine.travel(datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC), tick=False):
        upload_sk(client_for(palang_admin), palang_kim)
    upload_sk(client_for(jenu_admin), beji_kim)
    listed = client_for(tuban_staff).get(reverse("decrees:queue")).context["page"].object_list
    assert [d.kim.name for d in listed] == ["KIM Palang", "KIM Beji Bersinar"]


def test_scans_are_served_inline_or_as_download_with_safe_headers(client_for, jenu_admin, beji_kim):
    admin = client_for(jenu_admin)
    upload_sk(admin, beji_kim, files=[sk_pdf("SK Beji.pdf")])
    scan = Decree.objects.get().scans.get()
    inline = admin.get(scan.get_absolute_url())
    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"].startswith("inline")
    assert inline["X-Content-Type-Options"] == "nosniff"
    assert b"".join(inline.streaming_content).startswith(b"%PDF")
    download = admin.get(scan.get_absolute_url() + "?unduh=1")
    assert download["Content-Disposition"].startswith("attachment") and "SK Beji.pdf" in download["Content-Disposition"]


def test_officers_and_profile_changes_appear_in_the_timeline_with_who(client_for, jenu_admin, beji_kim):
    from districts.models import OfficerRole, RegencyRules

    RegencyRules.for_regency(beji_kim.district.regency)
    ketua = OfficerRole.objects.get(regency_id="35.23", name="Ketua")
    admin = client_for(jenu_admin)
    data = {
        "officers-TOTAL_FORMS": 2,
        "officers-INITIAL_FORMS": 0,
        "officers-0-role": ketua.pk,
        "officers-0-name": "Sutrisno",
        "officers-0-phone": "081234567890",
    }
    response = admin.post(reverse("districts:kim_officers", args=[beji_kim.pk]), data)
    assert response.status_code == 302
    edit_url = reverse("districts:kim_edit", args=[beji_kim.pk])
    version = admin.get(edit_url).context["form"].initial["loaded_version"]
    admin.post(
        edit_url,
        {
            "name": "KIM Beji Maju",
            "level": "desa",
            "village": "35.23.12.2009",
            "activity": "aktif",
            "member_count": 15,
            "loaded_version": version,
        },
    )
    page = admin.get(beji_kim.get_absolute_url()).content.decode()
    assert "Ketua:</strong> Sutrisno" in page
    timeline = page[page.index('data-testid="timeline"') :]
    assert "Pengurus: Sutrisno" in timeline and str(jenu_admin) in timeline
    assert "Nama KIM: <del>KIM Beji Bersinar</del> → KIM Beji Maju" in timeline
    assert "Jumlah anggota: <del>10</del> → 15" in timeline


def test_kim_list_filters_by_status_level_kecamatan_and_name(client_for, tuban_staff, jenu_admin, beji_kim, palang):
    from tests.factories import DecreeFactory, KimFactory

    KimFactory(level="kecamatan", district=palang, name="KIM Palang Raya")
    DecreeFactory(kim=beji_kim, status=Decree.Status.VERIFIED, term_end=datetime.date(2027, 1, 1))
    client = client_for(tuban_staff)

    def names(**params):
        return [k.name for k in client.get(reverse("districts:kim_list"), params).context["page"].object_list]

    assert sorted(names()) == ["KIM Beji Bersinar", "KIM Palang Raya"]
    assert names(status="terbentuk") == ["KIM Beji Bersinar"]
    assert names(status="belum_ada_sk") == ["KIM Palang Raya"]
    assert names(level="kecamatan") == ["KIM Palang Raya"]
    assert names(district="35.23.12") == ["KIM Beji Bersinar"]
    assert names(q="raya") == ["KIM Palang Raya"]
    assert "Tidak ada KIM yang cocok" in client.get(reverse("districts:kim_list"), {"q": "zzz"}).content.decode()
    assert [k.name for k in client_for(jenu_admin).get(reverse("districts:kim_list")).context["page"].object_list] == [
        "KIM Beji Bersinar"
    ]


def test_staff_edit_regency_rules_and_the_kim_form_follows_them(client_for, tuban_staff, jenu_admin, jenu):
    from districts.models import RegencyRules

    staff = client_for(tuban_staff)
    page = staff.get(reverse("districts:regency_rules", args=["35.23"]))
    assert page.status_code == 200
    from tests.pages import rules_post

    data = rules_post(page, min_members=7, max_term_years=4, term_years=4, follow_up_days=45)
    data["klasifikasi-2-name"] = "Utama (Mandiri)"
    response = staff.post(reverse("districts:regency_rules", args=["35.23"]), data)
    assert response.status_code == 302
    rules = RegencyRules.objects.get(regency_id="35.23")
    assert (rules.min_members, rules.max_term_years, rules.term_years, rules.follow_up_days) == (7, 4, 4, 45)
    form = (
        client_for(jenu_admin)
        .post(
            reverse("districts:kim_create", args=[jenu.code]),
            {"name": "KIM Kecil", "level": "kecamatan", "activity": "aktif", "member_count": 5},
        )
        .context["form"]
    )
    assert "Jumlah anggota minimal 7 orang" in form.errors["member_count"][0]
    assert "Utama (Mandiri)" in [c.name for c in form.fields["classification"].queryset]


def test_an_edit_from_a_stale_page_does_not_overwrite_a_newer_change(client_for, jenu_admin, tuban_staff, beji_kim):
    admin, staff = client_for(jenu_admin), client_for(tuban_staff)
    url = reverse("districts:kim_edit", args=[beji_kim.pk])
    stale = admin.get(url).context["form"].initial["loaded_version"]
    staff_version = staff.get(url).context["form"].initial["loaded_version"]
    base = {"level": "desa", "village": "35.23.12.2009", "activity": "aktif", "member_count": 12}
    with time_machine.travel(FROZEN + datetime.timedelta(minutes=5), tick=False):
        assert (
            staff.post(url, {**base, "name": "KIM Beji (oleh staf)", "loaded_version": staff_version}).status_code
            == 302
        )
    with time_machine.travel(FROZEN + datetime.timedelta(minutes=6), tick=False):
        response = admin.post(url, {**base, "name": "KIM Beji (oleh admin)", "loaded_version": stale})
    page = response.content.decode()
    assert response.status_code == 200 and "sudah diubah orang lain" in page
    assert 'value="KIM Beji (oleh admin)"' in page  # what the admin typed is kept
    beji_kim.refresh_from_db()
    assert beji_kim.name == "KIM Beji (oleh staf)"
    # Saving again from the refreshed form is allowed: the user has now been told.
    fresh = response.context["form"].data["loaded_version"]
    with time_machine.travel(FROZEN + datetime.timedelta(minutes=7), tick=False):
        assert admin.post(url, {**base, "name": "KIM Beji (oleh admin)", "loaded_version": fresh}).status_code == 302
