import pytest

from districts import codes


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("35", codes.PROVINCE),
        ("35.23", codes.REGENCY),
        ("35.23.12", codes.DISTRICT),
        ("35.23.12.2001", codes.VILLAGE),
        ("35.23.16.1003", codes.VILLAGE),
        ("91.03.01.3007", codes.VILLAGE),
    ],
)
def test_well_formed_codes_have_their_level(code, level):
    assert codes.level_of(code) == level


@pytest.mark.parametrize(
    "code", ["", "3", "35.2", "35.23.1", "35.23.12.4001", "35.23.12.200", "35-23", "35.23.12.2001.1"]
)
def test_malformed_codes_have_no_level(code):
    assert codes.level_of(code) is None


def test_parent_code_drops_the_last_segment():
    assert codes.parent_code("35.23.12.2001") == "35.23.12"
    assert codes.parent_code("35.23") == "35"


@pytest.mark.parametrize(
    ("official", "shown"),
    [
        ("KABUPATEN TUBAN", "Kabupaten Tuban"),
        ("JAWA TIMUR", "Jawa Timur"),
        ("DKI JAKARTA", "DKI Jakarta"),
        ("Jenu", "Jenu"),
        ('Soka"an', 'Soka"an'),
    ],
)
def test_upper_case_names_are_shown_in_title_case_and_others_as_written(official, shown):
    assert codes.display_name(official) == shown
