"""Recording what a KIM does: the form, the photos' safety, cancelling, and who may do what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from activities.models import Activity, ActivityPhoto
from activities.services import activity_record
from decrees.previews import preview_name
from tests.activities.conftest import TODAY, activity_type, gps_photo
from tests.files import sk_pdf


def _post(client, kim, **fields):
    data = {
        "date": "2025-05-20",
        "type": activity_type(kim.district.regency).pk,
        "title": "Sosialisasi cek fakta",
        "description": "Bersama karang taruna",
        "link": "beji.kim.id/berita/cek-fakta",
    }
    return client.post(reverse("activities:create", args=[kim.pk]), data | fields)


def test_admin_records_an_activity_with_a_photo_stored_without_exif_and_a_preview(
    client_for, jenu_admin, beji_kim, media_files
):
    client = client_for(jenu_admin)
    response = _post(client, beji_kim, photos=[gps_photo()])
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.title == "Sosialisasi cek fakta" and activity.link == "https://beji.kim.id/berita/cek-fakta"
    assert activity.recorded_by == jenu_admin and activity.type.name == "Diseminasi"
    photo = activity.photos.get()
    assert photo.original_name == "kegiatan.jpg" and photo.content_type == "image/jpeg"
    with photo.file.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif() and stored.size == (1600, 1200)
    assert default_storage.exists(preview_name(photo))
    assert len(media_files()) == 2  # the stripped photo and its preview, nothing else
    served = client.get(reverse("activities:photo", args=[photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"Ponsel Uji" not in b"".join(served.streaming_content)
    download = client.get(reverse("activities:photo", args=[photo.pk]), {"unduh": "1"})
    assert b"Ponsel Uji" not in b"".join(download.streaming_content)


def test_a_future_date_is_refused_by_the_model_and_the_form_keeps_what_was_typed(
    client_for, jenu_admin, beji_kim, media_files
):
    with pytest.raises(ValidationError) as caught:
        activity_record(
            kim=beji_kim,
            date=TODAY + datetime.timedelta(days=1),
            type=activity_type(beji_kim.district.regency),
            title="Besok",
            recorded_by=jenu_admin,
        )
    assert "date" in caught.value.message_dict
    response = _post(client_for(jenu_admin), beji_kim, date="2025-06-03", title="Rapat pleno", photos=[gps_photo()])
    assert response.status_code == 200
    assert "masa depan" in response.context["form"].errors["date"][0]
    assert 'value="Rapat pleno"' in response.content.decode()
    assert Activity.objects.count() == 0 and media_files() == []


def test_four_photos_or_a_pdf_are_refused_and_nothing_is_written(client_for, jenu_admin, beji_kim, media_files):
    client = client_for(jenu_admin)
    response = _post(client, beji_kim, photos=[gps_photo(f"f{i}.jpg") for i in range(4)])
    assert "paling banyak 3" in str(response.context["form"].errors["photos"])
    response = _post(client, beji_kim, photos=[sk_pdf("notulen.pdf")])
    assert "bukan foto" in str(response.context["form"].errors["photos"])
    assert Activity.objects.count() == 0 and ActivityPhoto.objects.count() == 0 and media_files() == []


def test_an_activity_type_of_another_regency_is_refused(jenu_admin, beji_kim, lamongan):
    with pytest.raises(ValidationError) as caught:
        activity_record(kim=beji_kim, date=TODAY, type=activity_type(lamongan), title="Rapat", recorded_by=jenu_admin)
    assert "type" in caught.value.message_dict


def test_the_form_offers_only_the_kims_regency_types(client_for, jenu_admin, beji_kim, lamongan):
    activity_type(lamongan)
    form = client_for(jenu_admin).get(reverse("activities:create", args=[beji_kim.pk])).context["form"]
    assert [t.name for t in form.fields["type"].queryset] == [
        "Akses informasi",
        "Diskusi",
        "Implementasi",
        "Networking",
        "Diseminasi",
        "Aspirasi",
    ]
    assert {t.regency_id for t in form.fields["type"].queryset} == {"35.23"}


def test_cancel_needs_a_reason_keeps_the_record_and_its_history(client_for, jenu_admin, tuban_staff, beji_kim):
    activity = activity_record(
        kim=beji_kim, date=TODAY, type=activity_type(beji_kim.district.regency), title="Rapat", recorded_by=jenu_admin
    )
    client = client_for(tuban_staff)
    url = reverse("activities:cancel", args=[activity.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Tercatat dua kali"}).status_code == 302
    activity.refresh_from_db()
    assert activity.is_cancelled and activity.cancel_reason == "Tercatat dua kali"
    assert activity.cancelled_by == tuban_staff
    assert activity.history.count() == 2
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Tercatat dua kali" in page and "Batalkan kegiatan" not in page
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_only_those_who_may_change_the_kim_see_tambah_kegiatan(
    client_for, jenu_admin, tuban_staff, province_viewer, beji_kim
):
    url = beji_kim.get_absolute_url()
    for user in (jenu_admin, tuban_staff):
        assert "Tambah kegiatan" in client_for(user).get(url).content.decode()
    assert "Tambah kegiatan" not in client_for(province_viewer).get(url).content.decode()
    assert client_for(province_viewer).post(reverse("activities:create", args=[beji_kim.pk])).status_code == 403


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("post", "activities:detail"),
        ("post", "activities:photo"),
        ("put", "activities:create"),
        ("put", "activities:cancel"),
    ],
)
def test_wrong_method_is_405(client_for, jenu_admin, beji_kim, method, name):
    activity = activity_record(
        kim=beji_kim,
        date=TODAY,
        type=activity_type(beji_kim.district.regency),
        title="Rapat",
        photos=[gps_photo()],
        recorded_by=jenu_admin,
    )
    arg = {
        "activities:detail": activity.pk,
        "activities:cancel": activity.pk,
        "activities:photo": activity.photos.get().pk,
        "activities:create": beji_kim.pk,
    }[name]
    assert getattr(client_for(jenu_admin), method)(reverse(name, args=[arg])).status_code == 405
