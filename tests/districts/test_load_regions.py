"""load_regions: the bundled Tuban subset, the national list, idempotency and bad input."""

import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from districts.models import District, Province, Regency, Village
from districts.regions_import import BUNDLED_SOURCE

SHARED = settings.KIMTRACK_SHARED_DIR / "data" / "wilayah"


def region_counts():
    return (
        Province.objects.count(),
        Regency.objects.count(),
        District.objects.count(),
        Village.objects.filter(kind=Village.Kind.DESA).count(),
        Village.objects.filter(kind=Village.Kind.KELURAHAN).count(),
    )


def run(*args):
    out = StringIO()
    call_command("load_regions", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def source(tmp_path):
    """A writable copy of the bundled Tuban files, to corrupt in each test."""
    target = tmp_path / "wilayah"
    shutil.copytree(BUNDLED_SOURCE, target)
    return target


@pytest.mark.django_db
def test_bundled_load_gives_tubans_20_kecamatan_311_desa_17_kelurahan():
    output = run()
    assert region_counts() == (1, 1, 20, 311, 17)
    assert Regency.objects.get(code="35.23").display_name == "Kabupaten Tuban"
    assert District.objects.get(code="35.23.12").name == "Jenu"
    assert Village.objects.get(code="35.23.12.2009").name == "Beji"
    assert Village.objects.get(code="35.23.16.1003").kind == Village.Kind.KELURAHAN
    assert set(District.objects.values_list("regency_id", flat=True)) == {"35.23"}
    assert "village: 328 baru" in output


@pytest.mark.django_db
def test_second_load_changes_nothing_and_says_so():
    run()
    output = run()
    assert region_counts() == (1, 1, 20, 311, 17)
    assert "village: 0 baru, 0 diperbarui, 328 tetap" in output


@pytest.mark.django_db
def test_rename_in_source_is_applied_without_duplicating(source):
    run("--source", str(source))
    text = (source / "districts.csv").read_text(encoding="utf-8")
    (source / "districts.csv").write_text(
        text.replace("35.23.12,35.23,Jenu", "35.23.12,35.23,Jenu Baru"), encoding="utf-8"
    )
    output = run("--source", str(source))
    assert District.objects.get(code="35.23.12").name == "Jenu Baru"
    assert District.objects.count() == 20
    assert "district: 0 baru, 1 diperbarui, 19 tetap" in output


@pytest.mark.django_db
def test_region_gone_from_source_is_reported_not_deleted(source):
    run("--source", str(source))
    lines = (source / "villages.csv").read_text(encoding="utf-8").splitlines()
    (source / "villages.csv").write_text(
        "\n".join(line for line in lines if not line.startswith("35.23.12.2009")) + "\n"
    )
    output = run("--source", str(source))
    assert Village.objects.filter(code="35.23.12.2009").exists()
    assert "tidak ada di sumber (tidak dihapus): 35.23.12.2009" in output


@pytest.mark.django_db
def test_area_35_from_the_national_list_gives_all_of_east_java():
    run("--source", str(SHARED), "--area", "35")
    assert Regency.objects.count() == 38
    assert District.objects.count() == 666
    assert Village.objects.count() == 8494
    assert Province.objects.count() == 1
    assert not Village.objects.exclude(code__startswith="35.").exists()


@pytest.mark.django_db
def test_area_of_one_kecamatan_loads_its_ancestors_too():
    run("--source", str(SHARED), "--area", "35.23.12")
    assert list(Province.objects.values_list("code", flat=True)) == ["35"]
    assert list(Regency.objects.values_list("code", flat=True)) == ["35.23"]
    assert list(District.objects.values_list("code", flat=True)) == ["35.23.12"]
    assert Village.objects.count() == 17


def _append(path, line):
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


BAD_INPUTS = {
    "malformed code": (
        lambda s: _append(s / "villages.csv", "35.23.12.20X1,35.23.12,Salah"),
        "villages.csv, baris 330: kode '35.23.12.20X1' tidak sah",
    ),
    "missing parent": (
        lambda s: _append(s / "villages.csv", "35.23.99.2001,35.23.99,Yatim"),
        "villages.csv, baris 330: induk 35.23.99 untuk kode 35.23.99.2001 tidak ditemukan",
    ),
    "child under the wrong parent": (
        lambda s: _append(s / "villages.csv", "35.23.12.2099,35.23.11,Salah Induk"),
        "villages.csv, baris 330: kode 35.23.12.2099 tidak berada di bawah induk '35.23.11'",
    ),
    "duplicated code": (
        lambda s: _append(s / "districts.csv", "35.23.12,35.23,Jenu Lagi"),
        "districts.csv, baris 22: kode 35.23.12 muncul lebih dari sekali",
    ),
    "missing column": (
        lambda s: (s / "regencies.csv").write_text("code,name\n35.23,KABUPATEN TUBAN\n", encoding="utf-8"),
        "regencies.csv, baris 1: kolom tidak ada: province_code",
    ),
    "not UTF-8": (
        lambda s: (s / "villages.csv").write_bytes(
            (s / "villages.csv").read_bytes() + "35.23.12.2099,35.23.12,Caf\u00e9\n".encode("latin-1")
        ),
        "villages.csv, baris 330: bukan teks UTF-8",
    ),
    "not a CSV at all": (
        lambda s: (s / "provinces.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "provinces.csv",
    ),
    "missing file": (
        lambda s: (s / "districts.csv").unlink(),
        "districts.csv: berkas tidak ditemukan",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_names_file_and_line_and_changes_nothing(source, case):
    run()  # a database that already holds Tuban
    District.objects.filter(code="35.23.12").update(name="Jenu (lokal)")
    before = region_counts(), list(District.objects.values_list("code", "name"))
    corrupt, message = BAD_INPUTS[case]
    corrupt(source)
    # A rename in the same source must not be applied either: all or nothing.
    with pytest.raises(CommandError) as excinfo:
        run("--source", str(source))
    assert message in str(excinfo.value)
    assert "Tidak ada yang diubah" in str(excinfo.value)
    assert (region_counts(), list(District.objects.values_list("code", "name"))) == before


@pytest.mark.django_db
def test_unknown_area_is_refused():
    with pytest.raises(CommandError, match="wilayah 35.99 tidak ada di sumber"):
        run("--area", "35.99")
    with pytest.raises(CommandError, match="tidak sah"):
        run("--area", "35.2")
    assert region_counts() == (0, 0, 0, 0, 0)
