"""Django admin keeps the SK rules: decisions go only through the services, which audit."""

import datetime

import pytest
from django.urls import reverse

from decrees.models import Decree
from decrees.services import decree_submit
from reading.models import Draft, Reading
from reading.services import adopt_draft, create_draft
from tests.files import sk_photo


def _submit(kim, user):
    return decree_submit(
        kim=kim,
        number="188.45/1/2021",
        signed_on=datetime.date(2021, 12, 2),
        signatory="Kades",
        term_start=datetime.date(2021, 12, 2),
        term_end=datetime.date(2026, 12, 1),
        files=[sk_photo()],
        uploaded_by=user,
    )


def _change_data(decree, **extra):
    count = decree.scans.count()
    data = {
        "number": decree.number,
        "signed_on": decree.signed_on.isoformat(),
        "signatory": decree.signatory,
        "term_start": decree.term_start.isoformat(),
        "term_end": decree.term_end.isoformat(),
        "scans-TOTAL_FORMS": count,
        "scans-INITIAL_FORMS": count,
        "scans-MIN_NUM_FORMS": 0,
        "scans-MAX_NUM_FORMS": 1000,
    }
    for i, scan in enumerate(decree.scans.order_by("position")):
        data[f"scans-{i}-id"] = scan.pk
        data[f"scans-{i}-decree"] = decree.pk
    data.update(extra)
    return data


@pytest.fixture
def decree(beji_kim, jenu_admin):
    return _submit(beji_kim, jenu_admin)


def test_status_of_a_pending_sk_cannot_be_set_in_admin(client_for, superuser, decree):
    url = reverse("admin:decrees_decree_change", args=[decree.pk])
    response = client_for(superuser).post(url, _change_data(decree, status="terverifikasi", signatory="Kades Beji"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    decree.refresh_from_db()
    assert decree.signatory == "Kades Beji"  # typed data may be corrected while pending
    assert decree.status == Decree.Status.PENDING and decree.decided_by is None


def test_history_revert_of_a_verified_sk_is_refused(client_for, superuser, tuban_staff, decree):
    first_version = decree.history.earliest()
    decree.verify(by=tuban_staff)
    client = client_for(superuser)
    url = reverse("admin:decrees_decree_simple_history", args=[decree.pk, first_version.history_id])
    page = client.get(url)
    assert page.status_code == 200 and "Revert" not in page.content.decode()
    assert client.post(url, _change_data(decree)).status_code == 403
    decree.refresh_from_db()
    assert decree.status == Decree.Status.VERIFIED and decree.decided_by == tuban_staff


def test_deleting_a_submitted_draft_keeps_the_sk_reading(client_for, superuser, beji_kim, jenu_admin):
    draft = create_draft(kim=beji_kim, files=[sk_photo()], uploaded_by=jenu_admin)
    decree = _submit(beji_kim, jenu_admin)
    adopt_draft(draft, decree)
    client = client_for(superuser)
    assert client.post(reverse("admin:reading_draft_delete", args=[draft.pk]), {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:reading_draft_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"},
    )
    assert Draft.objects.filter(pk=draft.pk).exists()
    # Any other path (a shell) that deletes the draft still leaves the SK's reading.
    draft.delete()
    assert Reading.objects.filter(decree=decree).exists()


def test_deleting_an_unsubmitted_draft_takes_its_reading(beji_kim, jenu_admin):
    draft = create_draft(kim=beji_kim, files=[sk_photo()], uploaded_by=jenu_admin)
    draft.delete()
    assert not Reading.objects.exists()
