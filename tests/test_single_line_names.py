"""Every person, KIM and place name is one line: surrounding whitespace stripped, line breaks and controls refused.

Names end up in e-mail subjects, SK drafts, spreadsheets and one-line lists; a pasted line break
or an invisible control character would break each of them.
"""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from decrees.models import Decree
from districts.models import District, KimGroup, Officer, OfficerRole, RegencyRules, Village
from kimtrack.validators import validate_single_line
from outreach.models import OutreachEvent

NAME_FIELDS = [
    (Officer, "name"),
    (KimGroup, "name"),
    (Decree, "signatory"),
    (OutreachEvent, "venue"),
    (RegencyRules, "signer_name"),
    (RegencyRules, "signer_title"),
    (RegencyRules, "signer_place"),
    (RegencyRules, "signer_rank"),
    (OfficerRole, "name"),
    (User, "first_name"),
    (District, "name"),
    (Village, "name"),
]

REFUSED = [
    "Siti\nAminah",
    "Siti\r\nAminah",
    "Siti\rAminah",
    "Siti\tAminah",
    "Siti\u2028Aminah",  # line separator
    "Siti\u2029Aminah",  # paragraph separator
    "Siti\u0085Aminah",  # next line (NEL)
    "Siti\x00Aminah",
    "Siti\x1bAminah",
    "Siti\u200bAminah",  # zero-width space
    "Siti\u202eanimA",  # right-to-left override
]


@pytest.mark.parametrize("text", REFUSED)
def test_the_validator_refuses_line_breaks_and_control_characters(text):
    with pytest.raises(ValidationError) as refused:
        validate_single_line(text)
    assert "satu baris" in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    "text", ["Siti Aminah", "KIM Ronggolawe – Jenu", "Drs. H. Moch. Ma’ruf, M.Si.", "Balai Desa Beji (lt. 2)", "Ñoño"]
)
def test_ordinary_names_pass(text):
    validate_single_line(text)


@pytest.mark.parametrize(("model", "field"), NAME_FIELDS, ids=[f"{m.__name__}.{f}" for m, f in NAME_FIELDS])
def test_every_name_field_strips_and_refuses_line_breaks(model, field):
    model_field = model._meta.get_field(field)
    assert model_field.clean("  Siti Aminah \n", None) == "Siti Aminah"
    with pytest.raises(ValidationError):
        model_field.clean("Siti\nAminah", None)
    # A restore loads old rows as they were: only writes through full_clean() are judged.
    assert model_field.to_python(" Siti\nAminah ") == " Siti\nAminah "


def test_officer_full_clean_strips_the_name(beji_kim):
    RegencyRules.for_regency(beji_kim.district.regency)
    officer = Officer(kim=beji_kim, role=OfficerRole.objects.get(regency_id="35.23", name="Ketua"), name="  Siti  ")
    officer.full_clean()
    assert officer.name == "Siti"
    officer.name = "Siti\nAminah"
    with pytest.raises(ValidationError) as refused:
        officer.full_clean()
    assert "name" in refused.value.message_dict
