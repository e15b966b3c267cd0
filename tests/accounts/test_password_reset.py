"""Self-service password reset by e-mail: same answer for every address, limited, single-use, ends sessions."""

import re
import time

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent

RESET = reverse("password_reset")
NEW = {"new_password1": "kata-sandi-baru-2026", "new_password2": "kata-sandi-baru-2026"}


def request_reset(client, email, ip="10.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip, follow=True)


def reset_link(message):
    return re.search(r"https?://\S+?(/sandi/pulihkan/\S+/\S+/)", message.body).group(1)


def test_same_answer_whether_or_not_the_address_exists(anon_client, jenu_admin):
    known = request_reset(anon_client, jenu_admin.email)
    unknown = request_reset(anon_client, "tidak-ada@example.org")
    assert known.redirect_chain == unknown.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert known.content == unknown.content
    assert "Periksa email Anda" in known.content.decode()
    assert [m.to for m in mail.outbox] == [[jenu_admin.email]]


def test_the_email_is_indonesian_with_a_single_line_subject(anon_client, jenu_admin):
    request_reset(anon_client, jenu_admin.email)
    (message,) = mail.outbox
    assert message.subject == "Pemulihan kata sandi KIMTrack"
    assert "kata sandi baru" in message.body and reset_link(message)


def test_requests_are_limited_per_address(anon_client, jenu_admin, settings):
    for n in range(settings.PASSWORD_RESET_MAX_PER_ADDRESS + 2):
        response = request_reset(anon_client, jenu_admin.email, ip=f"10.0.0.{n + 1}")
        assert response.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert len(mail.outbox) == settings.PASSWORD_RESET_MAX_PER_ADDRESS


def test_requests_are_limited_per_client(anon_client, jenu_admin, settings):
    for n in range(settings.PASSWORD_RESET_MAX_PER_CLIENT):
        request_reset(anon_client, f"orang{n}@example.org", ip="10.9.9.9")
    request_reset(anon_client, jenu_admin.email, ip="10.9.9.9")
    assert mail.outbox == []
    request_reset(anon_client, jenu_admin.email, ip="10.1.1.1")  # another client still gets its link
    assert len(mail.outbox) == 1


def test_the_link_works_once_and_ends_every_session(anon_client, client_for, jenu_admin):
    elsewhere = client_for(jenu_admin)  # signed in on another device
    assert elsewhere.get(reverse("home")).status_code == 200
    request_reset(anon_client, jenu_admin.email)
    link = reset_link(mail.outbox[0])
    form = anon_client.get(link, follow=True)
    assert form.context["validlink"]
    done = anon_client.post(form.redirect_chain[-1][0], NEW, follow=True)
    assert done.redirect_chain[-1][0] == reverse("password_reset_complete")
    jenu_admin.refresh_from_db()
    assert jenu_admin.check_password(NEW["new_password1"])
    # The other device's session is over.
    response = elsewhere.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    # The same link again: refused.
    again = anon_client.get(link, follow=True)
    assert not again.context["validlink"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PASSWORD_RESET_DONE, actor=jenu_admin).exists()


def test_the_link_expires(anon_client, jenu_admin, settings):
    request_reset(anon_client, jenu_admin.email)
    link = reset_link(mail.outbox[0])
    # A timestamp, not an aware datetime: the token generator reads naive local time.
    with time_machine.travel(time.time() + settings.PASSWORD_RESET_TIMEOUT + 60):
        response = anon_client.get(link, follow=True)
    assert not response.context["validlink"]
    assert "Tautan tidak berlaku" in response.content.decode()


@pytest.mark.parametrize("active", [False])
def test_inactive_accounts_get_no_link(anon_client, jenu_admin, active):
    jenu_admin.is_active = active
    jenu_admin.save()
    request_reset(anon_client, jenu_admin.email)
    assert mail.outbox == []
