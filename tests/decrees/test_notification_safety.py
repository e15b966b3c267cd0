"""Text that reaches an e-mail header is single-line by validation; a failed notification is visible to staff."""

import smtplib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from districts.models import KimGroup
from tests.decrees.conftest import SK_FIELDS
from tests.files import sk_photo


@pytest.mark.parametrize(
    "name", ["KIM Beji\nBcc: semua@example.org", "KIM\rBeji", "KIM\u2028Beji", "KIM\x00Beji", "KIM\u202eBeji"]
)
def test_a_kim_name_with_a_line_break_or_control_character_is_refused(beji, name):
    kim = KimGroup(name=name, level=KimGroup.Level.VILLAGE, village=beji, district=beji.district, member_count=5)
    with pytest.raises(ValidationError) as refused:
        kim.full_clean()
    assert "name" in refused.value.error_dict


def test_the_kim_form_refuses_a_multiline_name_and_keeps_the_typed_value(client_for, jenu_admin, beji):
    response = client_for(jenu_admin).post(
        reverse("districts:kim_create", args=[beji.district.code]),
        {"name": "KIM Beji\r\nBcc: x@example.org", "level": "desa", "village": beji.code, "member_count": 5},
    )
    assert response.status_code == 200
    assert "satu baris" in response.content.decode()
    assert not KimGroup.objects.exists()


def test_a_notification_that_fails_to_send_is_shown_to_staff_on_the_sk_page(
    client_for, jenu_admin, tuban_staff, beji_kim, settings, monkeypatch, django_capture_on_commit_callbacks
):
    tuban_staff.email = "verifikator@tubankab.go.id"
    tuban_staff.save()

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("server pergi")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(jenu_admin).post(
            reverse("decrees:upload", args=[beji_kim.pk]), {**SK_FIELDS, "files": [sk_photo()]}
        )
    assert response.status_code == 302  # the upload itself stands
    event = AuditEvent.objects.get(action=AuditEvent.Action.NOTIFICATION_FAILED)
    decree = beji_kim.decrees.get()
    assert event.object_id == str(decree.pk) and event.area_code == beji_kim.village_id
    page = client_for(tuban_staff).get(decree.get_absolute_url()).content.decode()
    assert 'data-testid="notification-failures"' in page and "SMTPServerDisconnected" in page
    uploader_page = client_for(jenu_admin).get(decree.get_absolute_url()).content.decode()
    assert 'data-testid="notification-failures"' not in uploader_page
