"""Weekly digests by email: what they say, once a week, nothing when there is nothing, opt-out, language."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from decrees.models import Decree
from districts.models import Village
from outreach.models import OutreachEvent
from reading.models import Draft
from reminders.models import SentDigest
from tests.factories import DecreeFactory, KimFactory, UserFactory

S = Decree.Status
NOW = datetime.datetime(2025, 6, 1, 1, tzinfo=datetime.UTC)  # 08:00 in Tuban


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def jenu_story(clock, beji_kim, jenu_admin, tuban_staff):
    """Things the Jenu admin and Tuban's staff must act on."""
    DecreeFactory(
        kim=beji_kim,
        status=S.REJECTED,
        rejection_reason="Nomor SK tidak terbaca",
        uploaded_by=jenu_admin,
        created_at=NOW - datetime.timedelta(days=3),
    )
    remen = KimFactory(name="KIM Remen Jaya", village=Village.objects.get(code="35.23.12.2008"))
    DecreeFactory(
        kim=remen,
        status=S.VERIFIED,
        term_start=datetime.date(2022, 7, 1),
        term_end=datetime.date(2025, 7, 15),
        uploaded_by=jenu_admin,
        created_at=NOW - datetime.timedelta(days=400),
    )
    sugih = KimFactory(name="KIM Sugihwaras Maju", village=Village.objects.get(code="35.23.12.2017"))
    DecreeFactory(kim=sugih, uploaded_by=jenu_admin, created_at=NOW - datetime.timedelta(days=10))  # waits 10 days
    karang = KimFactory(name="KIM Karangasem Muda", village=Village.objects.get(code="35.23.12.2001"))
    DecreeFactory(kim=karang, uploaded_by=jenu_admin, created_at=NOW - datetime.timedelta(days=2))  # 2 days: fine
    Draft.objects.create(kim=karang, uploaded_by=jenu_admin, created_at=NOW - datetime.timedelta(days=9))
    OutreachEvent.objects.create(
        held_on=datetime.date(2025, 2, 1), district_id="35.23.18", venue="Balai", participant_count=20
    )  # Palang: outreach 120 days ago, no SK since


def digest_for(address):
    messages = [m for m in mail.outbox if m.to == [address]]
    assert len(messages) == 1, [m.to for m in mail.outbox]
    return messages[0]


def test_kecamatan_admin_digest_lists_what_they_must_do(jenu_story, jenu_admin):
    call_command("send_reminders")
    message = digest_for(jenu_admin.email)
    body = message.body
    assert "Desa/kelurahan yang belum punya KIM (13)" in body and "Desa Jenggolo" in body
    assert "(10 dari 13 ditampilkan)" in body
    assert "Desa Beji" not in body.split("SK ditolak")[0]  # Beji has a KIM
    assert "KIM Beji Bersinar: Nomor SK tidak terbaca" in body
    assert "KIM Remen Jaya, berakhir 15 Juli 2025" in body
    assert "Draf SK yang belum diselesaikan" in body and "KIM Karangasem Muda, diunggah 23 Mei 2025" in body
    assert "http://127.0.0.1:8000/akun/saya/" in body
    assert "&amp;" not in body and "&#x27;" not in body
    assert SentDigest.objects.get(user=jenu_admin).item_count > 3


def test_staff_digest_lists_sks_waiting_over_a_week_and_the_follow_up(jenu_story, tuban_staff):
    call_command("send_reminders")
    body = digest_for(tuban_staff.email).body
    waiting = body.split("SK menunggu verifikasi lebih dari 7 hari")[1].split("Kecamatan perlu tindak lanjut")[0]
    assert "KIM Sugihwaras Maju" in waiting and "KIM Karangasem Muda" not in waiting
    assert "Kecamatan Palang, disosialisasi 120 hari lalu" in body


def test_at_most_one_digest_a_week(jenu_story, jenu_admin, clock):
    call_command("send_reminders")
    first = len(mail.outbox)
    assert first == 2
    call_command("send_reminders")  # the same day
    clock.shift(datetime.timedelta(days=6))
    call_command("send_reminders")
    assert len(mail.outbox) == first and SentDigest.objects.count() == 2
    clock.shift(datetime.timedelta(days=1, hours=1))
    call_command("send_reminders")
    assert len(mail.outbox) == first + 2


def test_nothing_to_say_sends_nothing(clock, lamongan_staff, palang_admin, province_viewer):
    # Palang: every village without a KIM would be something to say; give each one.
    for village in Village.objects.filter(district_id="35.23.18"):
        KimFactory(village=village)
    call_command("send_reminders")
    assert mail.outbox == [] and not SentDigest.objects.exists()


def test_opted_out_users_get_nothing(jenu_story, jenu_admin, tuban_staff, client_for):
    response = client_for(jenu_admin).post(
        reverse("accounts:own"), {"first_name": "Admin Jenu", "email": jenu_admin.email, "digest_opt_out": "on"}
    )
    assert response.status_code == 302
    jenu_admin.refresh_from_db()
    assert jenu_admin.digest_opt_out
    call_command("send_reminders")
    assert [m.to for m in mail.outbox] == [[tuban_staff.email]]


def test_digest_in_the_users_language(jenu_story, jenu_admin):
    jenu_admin.language = "en"
    jenu_admin.save()
    call_command("send_reminders")
    message = digest_for(jenu_admin.email)
    assert message.extra_headers["Content-Language"] == "en"
    assert SentDigest.objects.get(user=jenu_admin).language == "en"


def test_dry_run_sends_and_records_nothing(jenu_story, capsys):
    call_command("send_reminders", "--dry-run")
    assert mail.outbox == [] and not SentDigest.objects.exists()
    assert "akan dikirim: 2" in capsys.readouterr().out


def test_dashboard_and_digest_count_the_same_things(jenu_story, client_for, tuban_staff, jenu_admin):
    attention = client_for(tuban_staff).get(reverse("home")).context["attention"]
    assert attention["overdue_count"] == 1  # the same query as the staff digest's first section
    without_kim = client_for(jenu_admin).get(reverse("home")).context["without_kim"]
    call_command("send_reminders")
    body = digest_for(jenu_admin.email).body
    assert f"Desa/kelurahan yang belum punya KIM ({len(without_kim)})" in body


def test_account_page_for_every_user(client_for, province_viewer, anon_client):
    page = client_for(province_viewer).get(reverse("accounts:own"))
    assert page.status_code == 200 and "ringkasan mingguan" in page.content.decode()
    assert anon_client.get(reverse("accounts:own")).status_code == 302


def test_an_inactive_user_gets_nothing(jenu_story, jenu_admin, tuban_staff):
    UserFactory(username="lama", admin_of=jenu_admin.district, is_active=False)
    call_command("send_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([jenu_admin.email, tuban_staff.email])


def test_account_page_refuses_other_methods(client_for, jenu_admin):
    assert client_for(jenu_admin).put(reverse("accounts:own")).status_code == 405


def test_a_daily_run_a_little_later_still_sends_on_the_seventh_day(jenu_story, clock):
    call_command("send_reminders")
    first = len(mail.outbox)
    clock.shift(datetime.timedelta(days=7, minutes=-5))  # the timer's random delay came earlier this time
    call_command("send_reminders")
    assert len(mail.outbox) == first * 2
