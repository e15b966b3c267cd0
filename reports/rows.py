"""The rows the province receives and the public may see: formed KIMs, one row each.

A KIM is in a report of date D when an SK forms it on D (`Decree.objects.forming`,
the one rule of "formed") and it has not been dissolved. Verification supersedes older SKs, so a KIM has at most one
verified SK and the rows are simply those SKs: one query, which streams.
"""

import functools
import hashlib
import json

from django.db.models import F, Prefetch

from activities.liveliness import with_liveliness
from decrees.models import Decree
from districts.codes import display_name
from districts.models import KimGroup, Officer, Village

PROVINCE_COLUMNS = [
    "kode_kabupaten", "kabupaten", "kode_kecamatan", "kecamatan", "kode_desa", "desa_kelurahan", "tingkat",
    "nama_kim", "nomor_sk", "tanggal_sk", "penerbit_sk", "masa_bakti_mulai", "masa_bakti_selesai", "klasifikasi",
    "status_keaktifan", "ketua", "jumlah_anggota", "alamat_sekretariat", "website",
]  # fmt: skip

# Open data: public fields only. No officers, phones, emails, addresses or scans.
PUBLIC_COLUMNS = [
    "kode_provinsi", "provinsi", "kode_kabupaten", "kabupaten", "kode_kecamatan", "kecamatan", "kode_desa",
    "desa_kelurahan", "tingkat", "nama_kim", "nomor_sk", "tanggal_sk", "klasifikasi", "website",
    # Added later, at the end so existing consumers keep working.
    "nomor_kimid", "situs_kimid", "status_kegiatan", "kegiatan_terakhir",
]  # fmt: skip


def formed_decrees(on_date, area_prefix=""):
    """The verified SKs that make their KIM formed on `on_date`, inside an area code prefix."""
    return (
        Decree.objects.forming(on=on_date)
        .exclude(kim__activity=KimGroup.Activity.DISSOLVED)
        .filter(kim__district__code__startswith=area_prefix)
        .select_related("kim__district__regency__province", "kim__village", "kim__classification")
        # Per kecamatan: its kecamatan-level KIMs (no village) first, then village by village.
        .order_by("kim__district_id", F("kim__village_id").asc(nulls_first=True), "kim__name")
    )


def _level(kim):
    if kim.level == KimGroup.Level.DISTRICT:
        return "kecamatan"
    return "kelurahan" if kim.village.kind == kim.village.Kind.KELURAHAN else "desa"


def _common(decree):
    kim = decree.kim
    regency = kim.district.regency
    return {
        "kode_provinsi": regency.province.code,
        "provinsi": regency.province.display_name,
        "kode_kabupaten": regency.code,
        "kabupaten": regency.display_name,
        "kode_kecamatan": kim.district.code,
        "kecamatan": kim.district.display_name,
        "kode_desa": kim.village.code if kim.village else "",
        "desa_kelurahan": kim.village.display_name if kim.village else "",
        "tingkat": _level(kim),
        "nama_kim": kim.name,
        "nomor_sk": decree.number,
        "tanggal_sk": decree.signed_on.isoformat(),
        "klasifikasi": kim.classification.name if kim.classification else "",
        "website": kim.website,
    }


def province_rows(on_date, regency_code):
    """(decree, row dict in PROVINCE_COLUMNS order) for the province report."""
    chairs = Prefetch(
        "kim__officers",
        queryset=Officer.objects.filter(role__name__iexact="ketua").order_by("pk"),
        to_attr="chairs",
    )
    for decree in formed_decrees(on_date, regency_code + ".").prefetch_related(chairs):
        kim = decree.kim
        row = _common(decree) | {
            "penerbit_sk": decree.issuer,
            "masa_bakti_mulai": decree.term_start.isoformat(),
            "masa_bakti_selesai": decree.term_end.isoformat(),
            "status_keaktifan": kim.get_activity_display(),
            "ketua": kim.chairs[0].name if kim.chairs else "",
            "jumlah_anggota": kim.member_count if kim.member_count is not None else "",
            "alamat_sekretariat": " ".join(kim.address.split()),
        }
        yield decree, {column: row[column] for column in PROVINCE_COLUMNS}


# Open data reads plain tuples, not model instances: for the whole country (tens of thousands
# of rows) building seven model objects per row cost more than the query itself.
_PUBLIC_FIELDS = (
    "kim__district__regency__province_id",
    "kim__district__regency__province__name",
    "kim__district__regency_id",
    "kim__district__regency__name",
    "kim__district_id",
    "kim__district__name",
    "kim__village_id",
    "kim__village__name",
    "kim__village__kind",
    "kim__level",
    "kim__name",
    "number",
    "signed_on",
    "kim__classification__name",
    "kim__website",
    "kim__kimid_number",
    "kim__kimid_site",
    "liveliness",
    "last_activity_on",
)


def public_rows(on_date, area_prefix="", chunk_size=5000):
    """Rows of open data, streamed from the database in chunks."""
    name = functools.lru_cache(maxsize=4096)(display_name)  # region names repeat row after row
    rows = with_liveliness(formed_decrees(on_date, area_prefix), on_date, kim="kim__").values_list(*_PUBLIC_FIELDS)
    for (
        province,
        province_name,
        regency,
        regency_name,
        district,
        district_name,
        village,
        village_name,
        village_kind,
        level,
        kim_name,
        number,
        signed_on,
        classification,
        website,
        kimid_number,
        kimid_site,
        liveliness,
        last_activity_on,
    ) in rows.iterator(chunk_size=chunk_size):
        if level == KimGroup.Level.DISTRICT:
            level_name = "kecamatan"
        else:
            level_name = "kelurahan" if village_kind == Village.Kind.KELURAHAN else "desa"
        yield {
            "kode_provinsi": province,
            "provinsi": name(province_name),
            "kode_kabupaten": regency,
            "kabupaten": name(regency_name),
            "kode_kecamatan": district,
            "kecamatan": name(district_name),
            "kode_desa": village or "",
            "desa_kelurahan": name(village_name) if village else "",
            "tingkat": level_name,
            "nama_kim": kim_name,
            "nomor_sk": number,
            "tanggal_sk": signed_on.isoformat(),
            "klasifikasi": classification or "",
            "website": website,
            "nomor_kimid": kimid_number,
            "situs_kimid": kimid_site,
            "status_kegiatan": liveliness,
            "kegiatan_terakhir": last_activity_on.isoformat() if last_activity_on else "",
        }


def fingerprint(row):
    """A stable hash of a report row, to tell what changed since the last report."""
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()
