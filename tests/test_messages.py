"""Messages read as an Indonesian speaker writes them: no word twice in a row, with realistic names."""

import re

import pytest
from django.urls import reverse

from tests.factories import KimFactory

DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


def doubled(text):
    return [m.group(0) for m in DOUBLED.finditer(text)]


def test_failed_login_message_names_the_field_once(anon_client, jenu_admin):
    page = anon_client.post(reverse("login"), {"username": "admin_jenu", "password": "salah"})
    errors = " ".join(page.context["form"].non_field_errors())
    assert "Nama pengguna atau sandi salah" in errors and not doubled(errors)


@pytest.mark.parametrize("name", ["KIM Beji Bersinar", "Kelompok Informasi Masyarakat Jenu"])
def test_kim_saved_message_does_not_repeat_kim(client_for, jenu_admin, jenu, name):
    response = client_for(jenu_admin).post(
        reverse("districts:kim_create", args=[jenu.code]),
        {"name": name, "level": "kecamatan", "activity": "aktif", "member_count": 9},
        follow=True,
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert name in text and not doubled(text)


def test_notification_subjects_do_not_repeat_kim(
    beji, mailoutbox, jenu_admin, tuban_staff, django_capture_on_commit_callbacks
):
    import datetime

    from decrees.services import decree_reject, decree_submit
    from tests.files import sk_photo

    tuban_staff.email = "staf@example.org"
    tuban_staff.save()
    kim = KimFactory(name="KIM Beji Bersinar", village=beji)
    day = datetime.date(2025, 3, 3)
    with django_capture_on_commit_callbacks(execute=True):
        decree = decree_submit(
            kim=kim,
            number="140/1/2025",
            signed_on=day,
            signatory="Kades",
            term_start=day,
            term_end=datetime.date(2028, 3, 2),
            uploaded_by=jenu_admin,
            files=[sk_photo()],
        )
        decree_reject(decree=decree, by=tuban_staff, reason="Cap tidak terlihat")
    assert mailoutbox
    for mail in mailoutbox:
        assert not doubled(mail.subject) and not doubled(mail.body), mail.subject
