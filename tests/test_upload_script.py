"""What the upload views answer static/js/upload.js, and the limits they hand it.

The script posts the form itself; a save answers {"redirect": url} (the success message still waiting
for that page), a refusal the form again with everything typed; the file inputs carry the server's
own limits, so the browser refuses exactly what the server would.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.urls import reverse

from activities.models import Activity
from decrees.models import Decree
from outreach.models import OutreachEvent
from tests.activities.conftest import activity_type
from tests.decrees.conftest import SK_FIELDS
from tests.factories import DecreeFactory
from tests.files import sk_pdf, sk_photo
from tests.outreach.test_outreach import form_data

SCRIPT = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def answered_with_redirect(response, url):
    """The script's answer: where to go, as JSON, and not a redirect it would follow itself."""
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json() == {"redirect": url}


def message_shown_on(client, url, text):
    page = client.get(url)
    assert page.status_code == 200
    assert text in [str(m) for m in page.context["messages"]]


def test_sk_upload_answers_where_to_go_and_keeps_the_message_for_that_page(client_for, jenu_admin, beji_kim):
    client = client_for(jenu_admin)
    response = client.post(
        reverse("decrees:upload", args=[beji_kim.pk]), {**SK_FIELDS, "files": [sk_photo()]}, **SCRIPT
    )
    decree = Decree.objects.get()
    answered_with_redirect(response, decree.get_absolute_url())
    message_shown_on(client, decree.get_absolute_url(), "SK diunggah dan menunggu verifikasi Diskominfo.")


def test_sk_upload_without_the_script_still_redirects(client_for, jenu_admin, beji_kim):
    client = client_for(jenu_admin)
    response = client.post(reverse("decrees:upload", args=[beji_kim.pk]), {**SK_FIELDS, "files": [sk_photo()]})
    assert response.status_code == 302 and response["Location"] == Decree.objects.get().get_absolute_url()


def test_refused_sk_upload_answers_the_form_with_what_was_typed(client_for, jenu_admin, beji_kim):
    fields = {**SK_FIELDS, "term_end": "2020-01-01", "files": [sk_photo()]}
    response = client_for(jenu_admin).post(reverse("decrees:upload", args=[beji_kim.pk]), fields, **SCRIPT)
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert f'value="{SK_FIELDS["number"]}"' in page and 'value="2020-01-01"' in page
    assert not Decree.objects.exists()
    assert list(get_messages(response.wsgi_request)) == []


def test_attaching_scans_answers_where_to_go(client_for, jenu_admin, beji_kim):
    decree = DecreeFactory(kim=beji_kim, imported=True, status=Decree.Status.PENDING)
    client = client_for(jenu_admin)
    response = client.post(reverse("decrees:attach", args=[decree.pk]), {"files": [sk_pdf()]}, **SCRIPT)
    answered_with_redirect(response, decree.get_absolute_url())
    message_shown_on(client, decree.get_absolute_url(), "Berkas SK ditambahkan; SK menunggu verifikasi.")


def test_outreach_with_attachment_answers_where_to_go(client_for, tuban_staff):
    client = client_for(tuban_staff)
    response = client.post(reverse("outreach:create"), {**form_data(), "files": [sk_photo("foto.jpg")]}, **SCRIPT)
    event = OutreachEvent.objects.get()
    answered_with_redirect(response, event.get_absolute_url())
    message_shown_on(client, event.get_absolute_url(), "Sosialisasi disimpan.")


def test_recording_a_planned_outreach_answers_where_to_go(client_for, tuban_staff):
    event = OutreachEvent.objects.create(
        status=OutreachEvent.Status.PLANNED, held_on=datetime.date(2021, 12, 2), district_id="35.23.12", venue="Balai"
    )
    client = client_for(tuban_staff)
    data = {**form_data(), "files": [sk_photo("foto.jpg")]}
    response = client.post(reverse("outreach:record", args=[event.pk]), data, **SCRIPT)
    answered_with_redirect(response, event.get_absolute_url())
    message_shown_on(client, event.get_absolute_url(), "Sosialisasi dicatat terlaksana.")


@pytest.mark.skipif(not apps.is_installed("reading"), reason="the reading app is a plug-in")
def test_uploading_the_scan_first_answers_where_to_go(client_for, jenu_admin, beji_kim):
    from reading.models import Draft

    response = client_for(jenu_admin).post(
        reverse("reading:draft_create", args=[beji_kim.pk]), {"files": [sk_pdf()]}, **SCRIPT
    )
    answered_with_redirect(response, Draft.objects.get().get_absolute_url())


def test_activity_with_photo_answers_where_to_go(client_for, jenu_admin, beji_kim):
    client = client_for(jenu_admin)
    data = {
        "date": "2025-05-20",
        "type": activity_type(beji_kim.district.regency).pk,
        "title": "Sosialisasi cek fakta",
        "photos": [sk_photo("kegiatan.jpg")],
    }
    response = client.post(reverse("activities:create", args=[beji_kim.pk]), data, **SCRIPT)
    assert Activity.objects.get().photos.count() == 1
    answered_with_redirect(response, beji_kim.get_absolute_url() + "#kegiatan")
    message_shown_on(client, beji_kim.get_absolute_url(), "Kegiatan “Sosialisasi cek fakta” dicatat.")


def file_input(page, name):
    start = page.index(f'name="{name}"')
    return page[page.rindex("<input", 0, start) : page.index(">", start)]


def test_file_inputs_carry_the_servers_limits(client_for, jenu_admin, beji_kim, settings):
    settings.KIMTRACK_SCAN_MAX_BYTES = 4 * 1024 * 1024
    settings.KIMTRACK_SCAN_MAX_FILES = 4
    page = client_for(jenu_admin).get(reverse("decrees:upload", args=[beji_kim.pk])).content.decode()
    sk_input = file_input(page, "files")
    assert f'data-max-bytes="{4 * 1024 * 1024}"' in sk_input and 'data-max-files="4"' in sk_input
    assert 'data-types="application/pdf,image/jpeg,image/png"' in sk_input
    assert 'data-reduce-px="2000"' in sk_input
    assert "melebihi batas 4,0\xa0MB" in sk_input and "paling banyak 4." in sk_input
    # The photos of an activity: no PDF, and the activity's own count.
    page = client_for(jenu_admin).get(reverse("activities:create", args=[beji_kim.pk])).content.decode()
    photos = file_input(page, "photos")
    assert 'data-types="image/jpeg,image/png"' in photos and 'data-max-files="3"' in photos
    assert "Pilih berkas JPEG atau PNG." in photos
