"""Operations: error pages, health checks and request-level guards a server depends on."""

from django.test import Client
from django.urls import reverse


def test_a_csrf_failure_shows_the_sites_own_indonesian_page(jenu_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(jenu_admin)
    response = client.post(reverse("password_change"), {"old_password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formulir tidak bisa dikirim" in page and "muat ulang" in page
    assert "CSRF verification failed" not in page
