"""Searching the text of SKs: only SKs in the user's own area are ever found."""

import pytest
from django.urls import reverse

from reading.models import Draft, Reading
from tests.factories import DecreeFactory, KimFactory

TEXT = "KEPUTUSAN CAMAT {place}\nNOMOR : 188.45/9/2022\nSUSUNAN PENGURUS\n1. Wahyu Kusuma Ketua\nSumber Rejeki\n"


def read_sk(kim, text, status=Reading.Status.DONE):
    return Reading.objects.create(decree=DecreeFactory(kim=kim), status=status, text=text)


@pytest.fixture
def texts(beji, jenu, palang, lamongan_district, jenu_admin):
    beji_kim = KimFactory(name="KIM Beji Bersinar", village=beji)
    palang_kim = KimFactory(name="KIM Palang Maju", district=palang, level="kecamatan")
    lamongan_kim = KimFactory(name="KIM Sukorame", district=lamongan_district, level="kecamatan")
    return {
        "jenu": read_sk(beji_kim, TEXT.format(place="JENU")),
        "palang": read_sk(palang_kim, TEXT.format(place="PALANG")),
        "lamongan": read_sk(lamongan_kim, TEXT.format(place="LAMONGAN")),
        # Not finished, and not an SK yet: never in results.
        "queued": read_sk(beji_kim, "Wahyu Kusuma antre", status=Reading.Status.QUEUED),
        "draft": Reading.objects.create(
            draft=Draft.objects.create(kim=beji_kim, uploaded_by=jenu_admin),
            status=Reading.Status.DONE,
            text="Wahyu Kusuma draf",
        ),
    }


def found(client, query):
    response = client.get(reverse("decrees:search"), {"q": query})
    assert response.status_code == 200
    page = response.context["page"]
    return {decree.kim.name for decree in page} if page is not None else None


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("jenu_admin", {"KIM Beji Bersinar"}),
        ("palang_admin", {"KIM Palang Maju"}),
        ("tuban_staff", {"KIM Beji Bersinar", "KIM Palang Maju"}),
        ("lamongan_staff", {"KIM Sukorame"}),
        ("province_viewer", {"KIM Beji Bersinar", "KIM Palang Maju", "KIM Sukorame"}),
    ],
)
def test_search_finds_only_sks_in_the_users_area(request, client_for, texts, user, expected):
    assert found(client_for(request.getfixturevalue(user)), "Wahyu Kusuma") == expected


def test_another_kecamatans_sk_text_is_never_found(client_for, jenu_admin, texts):
    page = client_for(jenu_admin).get(reverse("decrees:search"), {"q": "CAMAT PALANG"})
    assert page.context["page"].paginator.count == 0
    assert b'data-testid="no-results"' in page.content and b'data-testid="results"' not in page.content


def test_every_word_must_occur_and_the_match_is_highlighted(client_for, tuban_staff, texts):
    client = client_for(tuban_staff)
    assert found(client, "Sumber Rejeki JENU") == {"KIM Beji Bersinar"}
    assert found(client, "Sumber Kering") == set()
    page = client.get(reverse("decrees:search"), {"q": "Rejeki"})
    assert b"<mark>Rejeki</mark>" in page.content


def test_text_read_from_a_scan_is_escaped_in_results(client_for, tuban_staff, beji):
    read_sk(KimFactory(village=beji), "Sumber <script>alert(1)</script> Rejeki")
    page = client_for(tuban_staff).get(reverse("decrees:search"), {"q": "Sumber"})
    assert page.context["page"].paginator.count == 1
    # SQLite shows it escaped; PostgreSQL's headline drops tag-like text. Never raw.
    assert b"<script>alert" not in page.content


def test_too_short_a_query_is_explained_and_searches_nothing(client_for, tuban_staff, texts):
    page = client_for(tuban_staff).get(reverse("decrees:search"), {"q": "ab"})
    assert page.context["page"] is None and page.context["form"].errors["q"]


def test_the_empty_search_page_shows_only_the_form(client_for, jenu_admin):
    page = client_for(jenu_admin).get(reverse("decrees:search"))
    assert page.context["page"] is None and not page.context["form"].errors


def test_typed_data_and_read_text_are_searched_together(client_for, jenu_admin, beji, texts):
    typed_only = DecreeFactory(kim=KimFactory(name="KIM Wahyu Kusuma", village=beji))  # no reading at all
    page = client_for(jenu_admin).get(reverse("decrees:search"), {"q": "Wahyu Kusuma"})
    pks = [decree.pk for decree in page.context["page"]]
    assert set(pks) == {typed_only.pk, texts["jenu"].decree_id}
    # The read text's passage is shown for the SK found by it; the other has none.
    assert page.content.decode().count("<mark>") >= 1


def test_without_tesseract_the_page_says_only_typed_data_and_earlier_text_is_searched(
    client_for, jenu_admin, no_tesseract, texts
):
    page = client_for(jenu_admin).get(reverse("decrees:search"), {"q": "Wahyu Kusuma"})
    html = page.content.decode()
    assert 'data-testid="ocr-off"' in html and "teks yang sudah terbaca sebelumnya" in html
    assert page.context["page"].paginator.count == 1  # text read before is still found


def test_with_tesseract_there_is_no_ocr_off_notice(client_for, jenu_admin, texts):
    from reading import ocr

    if not ocr.available():
        pytest.skip("Tesseract is not installed here")
    page = client_for(jenu_admin).get(reverse("decrees:search"))
    assert b'data-testid="ocr-off"' not in page.content
