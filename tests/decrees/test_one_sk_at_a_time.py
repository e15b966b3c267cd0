"""One SK at a time per KIM, never the same number twice, and verification with the evidence in view."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decrees.models import Decree
from decrees.services import decree_reject, decree_submit
from tests.factories import KimFactory
from tests.files import sk_photo

FIELDS = {
    "signed_on": datetime.date(2025, 3, 3),
    "signatory": "Kepala Desa Beji",
    "term_start": datetime.date(2025, 3, 3),
    "term_end": datetime.date(2028, 3, 2),
}


def submit(kim, user, number="140/12/414.403.05/2025", **changes):
    return decree_submit(kim=kim, number=number, uploaded_by=user, files=[sk_photo()], **(FIELDS | changes))


@pytest.fixture
def kim(beji):
    return KimFactory(name="KIM Beji Bersinar", village=beji)


def test_a_second_sk_cannot_be_submitted_while_one_is_pending(kim, jenu_admin):
    first = submit(kim, jenu_admin)
    with pytest.raises(ValidationError) as caught:
        submit(kim, jenu_admin, number="140/13/414.403.05/2025")
    assert first.number in " ".join(caught.value.messages)
    assert Decree.objects.count() == 1


def test_the_upload_page_points_to_the_pending_sk_instead_of_a_form(client_for, kim, jenu_admin):
    pending = submit(kim, jenu_admin)
    client = client_for(jenu_admin)
    page = client.get(reverse("decrees:upload", args=[kim.pk]))
    assert page.status_code == 200
    assert pending.get_absolute_url() in page.content.decode() and "form" not in page.context
    # A second POST (double click, Back and send again) creates nothing.
    data = {"number": "x/1", "signed_on": "2025-03-03", "signatory": "x", "term_start": "2025-03-03"}
    again = client.post(reverse("decrees:upload", args=[kim.pk]), data | {"term_end": "2028-03-02"})
    assert again.status_code == 409 and Decree.objects.count() == 1


def test_the_same_number_twice_for_one_kim_is_refused_but_a_rejected_sk_may_be_resubmitted(
    kim, jenu_admin, tuban_staff
):
    first = submit(kim, jenu_admin)
    decree_reject(decree=first, by=tuban_staff, reason="Cap tidak terbaca")
    again = submit(kim, jenu_admin, number=" 140/12/414.403.05/2025 ")  # the corrected scan of the same SK
    again.status = Decree.Status.VERIFIED
    again.save()
    with pytest.raises(ValidationError) as caught:
        submit(kim, jenu_admin, number="140/12/414.403.05/2025")
    assert caught.value.message_dict["number"] == ["Nomor SK ini sudah tercatat untuk KIM ini."]


def test_the_verifier_is_warned_of_the_same_number_on_another_kim_of_the_office(
    client_for, beji, jenu_admin, tuban_staff
):
    one, two = KimFactory(name="KIM Satu", village=beji), KimFactory(name="KIM Dua", village=beji)
    submit(one, jenu_admin, number="188/7/kpts/2025")
    second = submit(two, jenu_admin, number="188/7/ KPTS/2025")  # spacing and case make no other number
    page = client_for(tuban_staff).get(second.get_absolute_url())
    assert [d.kim.name for d in page.context["same_number"]] == ["KIM Satu"]
    assert 'data-testid="same-number"' in page.content.decode()


def test_verification_needs_the_checked_statement_and_says_until_when(client_for, kim, jenu_admin, tuban_staff):
    decree = submit(kim, jenu_admin)
    staff = client_for(tuban_staff)
    page = staff.get(decree.get_absolute_url()).content.decode()
    assert "KIM Beji Bersinar tercatat terbentuk sampai 2 Maret 2028" in page
    response = staff.post(reverse("decrees:verify", args=[decree.pk]), follow=True)
    decree.refresh_from_db()
    assert decree.status == Decree.Status.PENDING
    assert "Centang pernyataan" in response.content.decode()
    response = staff.post(reverse("decrees:verify", args=[decree.pk]), {"confirm": "1"}, follow=True)
    decree.refresh_from_db()
    assert decree.status == Decree.Status.VERIFIED
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["SK terverifikasi. KIM Beji Bersinar tercatat terbentuk sampai 2 Maret 2028."]


def test_a_reupload_after_rejection_shows_the_reason_and_starts_from_the_rejected_values(
    client_for, kim, jenu_admin, tuban_staff
):
    first = submit(kim, jenu_admin)
    decree_reject(decree=first, by=tuban_staff, reason="Tanggal SK tidak sesuai berkas")
    page = client_for(jenu_admin).get(reverse("decrees:upload", args=[kim.pk]))
    html = page.content.decode()
    assert "Tanggal SK tidak sesuai berkas" in html
    assert page.context["form"].initial["number"] == first.number
    assert f'value="{first.number}"' in html
