"""Indonesian phone numbers: what people type is read, stored once as +62…, shown as dialled; nonsense is refused."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from districts.models import KimGroup, Officer
from kimtrack.phone import format_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62-812-3456-7890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("62 812-3456-7890", "+6281234567890"),
        ("+62 (0)812 3456 7890", "+6281234567890"),
        ("+62 0812 3456 7890", "+6281234567890"),
        ("0062 812 3456 7890", "+6281234567890"),
        ("812 3456 7890", "+6281234567890"),  # the leading 0 forgotten
        ("  0857 3012 4455  ", "+6285730124455"),
        ("0896-1234-567", "+628961234567"),  # 11 digits (Tri)
        ("0811 234 567", "+62811234567"),  # the oldest 10-digit Telkomsel numbers
        ("0881-2345-67890", "+62881234567890"),  # 13 digits (Smartfren)
        ("(0356) 321 456", "+62356321456"),  # Tuban landline
        ("(0356) 321456", "+62356321456"),
        ("0356-321456", "+62356321456"),
        ("0356 322 111", "+62356322111"),
        ("+62 356 321456", "+62356321456"),
        ("(031) 5312 144", "+62315312144"),  # Surabaya: two-digit area code
        ("021-3456789", "+62213456789"),
        ("(0274) 512345", "+62274512345"),
    ],
)
def test_typed_forms_are_stored_in_one_canonical_form(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "bukan nomor",
        "08xx-xxxx-xxxx",
        "0812",  # too short
        "0812-3456-7890-1234",  # too long
        "+1 202 555 0100",  # not Indonesian
        "+65 6123 4567",
        "0800-1-234567",  # toll-free, not a person
        "0812 3456 7890 / 0813 1111 2222",  # two numbers
        "0812-3456-7890 ext 12",
        "0812\n3456789",  # a line break inside
        "０８１２３４５６７８９０",  # full-width digits
        "0812-3456-789O",  # letter O for zero
        "+",
        "0" * 100,  # bounded: a pasted paragraph
    ],
)
def test_nonsense_is_refused_with_an_example_of_what_works(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_phone(typed)
    message = " ".join(refused.value.messages)
    assert "0812-3456-7890" in message and "(0356) 321456" in message


def test_a_local_number_without_area_code_asks_for_it():
    with pytest.raises(ValidationError) as refused:
        normalise_phone("321 456")
    with pytest.raises(ValidationError, match="kode wilayah"):
        normalise_phone("1500-123")
    assert "kode wilayah" in " ".join(refused.value.messages)


def test_empty_stays_empty():
    assert normalise_phone("") == "" and normalise_phone("   ") == "" and normalise_phone(None) == ""


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+6281234567890", "0812-3456-7890"),
        ("+62811234567", "0811-2345-67"),
        ("+62356321456", "(0356) 321456"),
        ("+62315312144", "(031) 5312144"),
        ("", ""),
        ("nomor lama tak terbaca", "nomor lama tak terbaca"),  # a row the migration could not read, as it was
    ],
)
def test_stored_numbers_are_shown_as_people_dial_them(stored, shown):
    assert format_phone(stored) == shown


@pytest.mark.parametrize(("model", "field"), [(Officer, "phone"), (KimGroup, "phone"), (User, "phone")])
def test_every_phone_field_of_the_project_follows_the_rule(model, field):
    model_field = model._meta.get_field(field)
    assert model_field.clean("0812 3456 7890", None) == "+6281234567890"
    with pytest.raises(ValidationError):
        model_field.clean("tanya pak RT", None)
    # Loading a backup (deserialisation) must not refuse or rewrite an old unreadable row.
    assert model_field.to_python("tanya pak RT") == "tanya pak RT"


def test_officer_full_clean_stores_the_canonical_number(beji_kim):
    from districts.models import OfficerRole, RegencyRules

    RegencyRules.for_regency(beji_kim.district.regency)
    officer = Officer(
        kim=beji_kim,
        role=OfficerRole.objects.get(regency_id="35.23", name="Ketua"),
        name="Siti",
        phone="0812-3456-7890",
    )
    officer.full_clean()
    officer.save()
    officer.refresh_from_db()
    assert officer.phone == "+6281234567890"
