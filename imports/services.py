"""Plan an import (preview with per-row errors), then apply it: all rows or none."""

import copy
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from decrees.models import Decree, number_key
from decrees.services import decree_record_imported
from districts.models import (
    Classification,
    District,
    KimGroup,
    Officer,
    OfficerRole,
    RegencyRules,
    Village,
    single_holder_clashes,
    single_holder_error,
)
from districts.names import kim_name_key
from districts.services import officer_add
from imports.models import ImportBatch
from imports.parsing import normalise, parse_date, read_table
from kimtrack.phone import normalise_phone
from kimtrack.stored_files import removed_on_failure
from kimtrack.uploads import check_upload_quota, clean_filename

LEVELS = {
    "kecamatan": KimGroup.Level.DISTRICT,
    "desa": KimGroup.Level.VILLAGE,
    "kelurahan": KimGroup.Level.VILLAGE,
    "desa/kelurahan": KimGroup.Level.VILLAGE,
}
ACTIVITY = {normalise(label): value for value, label in KimGroup.Activity.choices}
PROFILE_FIELDS = {"alamat_sekretariat": "address", "telepon": "phone", "email": "email", "website": "website"}
OFFICER_COLUMNS = {"ketua": "Ketua", "sekretaris": "Sekretaris", "bendahara": "Bendahara"}
SK_COLUMNS = ["nomor_sk", "tanggal_sk", "penandatangan", "masa_bakti_mulai", "masa_bakti_selesai"]
# Model fields named as the import's columns, so the models' own messages point at the right column.
KIM_FIELD_COLUMNS = {"name": "nama_kim", "founded_on": "tanggal_pembentukan", "member_count": "jumlah_anggota"}
KIM_FIELD_COLUMNS |= {attr: column for column, attr in PROFILE_FIELDS.items()}
KIM_FIELD_COLUMNS |= {"activity": "status_keaktifan", "level": "tingkat"}
DECREE_FIELD_COLUMNS = {
    "number": "nomor_sk",
    "signed_on": "tanggal_sk",
    "signatory": "penandatangan",
    "term_start": "masa_bakti_mulai",
    "term_end": "masa_bakti_selesai",
}


@dataclass
class PlannedRow:
    line: int
    data: dict
    errors: list = field(default_factory=list)
    district: object = None
    village: object = None
    level: str = ""
    kim: object = None  # an existing KIM this row matches
    action: str = ""  # baru, diperbarui, sama
    sk_action: str = ""  # baru, sudah ada, or empty
    values: dict = field(default_factory=dict)


class Lookups:
    """Everything a plan needs from the database, read once per import."""

    def __init__(self, regency):
        self.regency = regency
        self.rules = RegencyRules.for_regency(regency)
        self.districts = {d.code: d for d in District.objects.filter(regency=regency)}
        self.district_names = defaultdict(list)
        for d in self.districts.values():
            self.district_names[normalise(d.name)].append(d)
        self.villages = {v.code: v for v in Village.objects.filter(district__regency=regency)}
        self.village_names = defaultdict(list)
        for v in self.villages.values():
            self.village_names[normalise(v.name)].append(v)
        self.classifications = {normalise(c.name): c for c in Classification.objects.filter(regency=regency)}
        self.roles = {normalise(r.name): r for r in OfficerRole.objects.filter(regency=regency)}
        # Keyed as the one-name-per-area rule compares names, so a row naming a KIM on file updates it.
        self.kims = {}
        for kim in KimGroup.objects.counted().filter(district__regency=regency):
            self.kims[(kim.district_id, kim.village_id, kim.normalized_name)] = kim
        self.decree_numbers = defaultdict(set)
        decrees = Decree.objects.filter(kim__district__regency=regency)
        for kim_id, key in decrees.values_list("kim_id", "number_normalised"):
            self.decree_numbers[kim_id].add(key)  # as the SK rules compare numbers (decrees.models.number_key)


def _resolve_area(row, data, look):
    code, name = data.get("kode_kecamatan", ""), data.get("kecamatan", "")
    if code:
        row.district = look.districts.get(code)
        if not row.district:
            row.errors.append(
                _("kode kecamatan %(code)s tidak ada di %(regency)s") % {"code": code, "regency": look.regency}
            )
    elif name:
        found = look.district_names.get(normalise(name), [])
        if len(found) == 1:
            row.district = found[0]
        else:
            row.errors.append(_("kecamatan “%(name)s” tidak dikenal") % {"name": name})
    village_code, village_name = data.get("kode_desa", ""), data.get("desa_kelurahan", "")
    if row.level != KimGroup.Level.VILLAGE:
        if village_code or village_name:
            row.errors.append(_("KIM tingkat kecamatan tidak memiliki desa/kelurahan"))
        if not row.district and not row.errors:
            row.errors.append(_("kecamatan wajib diisi (kode_kecamatan atau kecamatan)"))
        return
    if village_code:
        row.village = look.villages.get(village_code)
        if not row.village:
            row.errors.append(
                _("kode desa %(code)s tidak ada di %(regency)s") % {"code": village_code, "regency": look.regency}
            )
    elif village_name:
        found = look.village_names.get(normalise(village_name), [])
        if row.district:
            found = [v for v in found if v.district_id == row.district.code]
        if len(found) == 1:
            row.village = found[0]
        elif not found:
            row.errors.append(_("desa/kelurahan “%(name)s” tidak dikenal") % {"name": village_name})
        else:
            row.errors.append(
                _("nama desa/kelurahan “%(name)s” ada di beberapa kecamatan (%(where)s); isi kode_desa atau kecamatan")
                % {"name": village_name, "where": ", ".join(sorted(v.district.name for v in found))}
            )
    else:
        row.errors.append(_("desa/kelurahan wajib diisi untuk KIM tingkat desa/kelurahan"))
    if row.village and row.district and row.village.district_id != row.district.code:
        row.errors.append(_("desa/kelurahan tidak berada di kecamatan yang diisi"))
    if row.village:
        row.district = look.districts[row.village.district_id]
        wanted = normalise(data.get("tingkat", ""))
        if wanted in ("desa", "kelurahan") and wanted != row.village.kind:
            row.errors.append(
                _("tingkat “%(t)s” tidak cocok: %(v)s adalah %(k)s")
                % {"t": wanted, "v": row.village.name, "k": row.village.get_kind_display().lower()}
            )


def _date(row, data, column, required=False):
    try:
        value = parse_date(data.get(column, ""))
    except ValueError:
        row.errors.append(
            _("%(col)s “%(v)s” bukan tanggal (pakai 2021-12-02 atau 02/12/2021)")
            % {"col": column, "v": data.get(column)}
        )
        return None
    if required and value is None:
        row.errors.append(_("%(col)s wajib diisi") % {"col": column})
    return value


def _plan_row(line, data, look, seen):
    row = PlannedRow(line, data)
    name = data.get("nama_kim", "").strip()
    if not name:
        row.errors.append(_("nama_kim wajib diisi"))
    try:  # the model's own rules for a name (single line: it becomes an e-mail subject)
        KimGroup._meta.get_field("name").run_validators(name)
    except ValidationError as exc:
        row.errors.extend(f"nama_kim: {message}" for message in exc.messages)
    row.level = LEVELS.get(data.get("tingkat", "").strip().lower(), "")
    if not row.level:
        row.errors.append(_("tingkat harus kecamatan, desa atau kelurahan"))
    _resolve_area(row, data, look)
    values = {"name": name, "founded_on": _date(row, data, "tanggal_pembentukan")}
    for column, attr in PROFILE_FIELDS.items():
        values[attr] = data.get(column, "").strip()
    try:  # compared with the stored (canonical) number below; an unreadable one is reported by the model
        values["phone"] = normalise_phone(values["phone"])
    except ValidationError:
        pass
    if values["website"] and "://" not in values["website"]:
        values["website"] = "https://" + values["website"]  # email and web address are checked by the model
    if data.get("klasifikasi"):
        values["classification"] = look.classifications.get(normalise(data["klasifikasi"]))
        if not values["classification"]:
            row.errors.append(
                _("klasifikasi “%(v)s” tidak ada di aturan %(r)s") % {"v": data["klasifikasi"], "r": look.regency}
            )
    if data.get("status_keaktifan"):
        values["activity"] = ACTIVITY.get(normalise(data["status_keaktifan"]))
        if not values["activity"]:
            row.errors.append(_("status_keaktifan harus aktif, tidak aktif atau bubar"))
    if data.get("jumlah_anggota"):
        try:
            values["member_count"] = int(data["jumlah_anggota"])
        except ValueError:
            row.errors.append(_("jumlah_anggota harus angka"))
        else:
            if values["member_count"] < look.rules.min_members:
                row.errors.append(_("jumlah_anggota kurang dari minimal %(n)d") % {"n": look.rules.min_members})
    sk = {column: data.get(column, "").strip() for column in SK_COLUMNS}
    if any(sk.values()):
        start = _date(row, data, "masa_bakti_mulai", required=True)
        end = _date(row, data, "masa_bakti_selesai", required=True)
        values["sk"] = {
            "number": sk["nomor_sk"],
            "signatory": sk["penandatangan"],
            "term_start": start,
            "term_end": end,
            "signed_on": _date(row, data, "tanggal_sk", required=True),
        }
        for column in ("nomor_sk", "penandatangan"):
            if not sk[column]:
                row.errors.append(_("%(col)s wajib diisi bila ada data SK") % {"col": column})
        # The term order is the SK model's rule (Decree.clean), reported by _model_errors.
    values["officers"] = {
        role: data.get(column, "").strip() for column, role in OFFICER_COLUMNS.items() if data.get(column, "").strip()
    }
    row.values = values
    # Matched before the models judge the row: a row naming a KIM on file (as the one-name-per-area
    # rule compares names) updates that KIM; any other same-named row is refused by KimGroup.clean().
    key = (row.district.code, row.village.code if row.village else None, kim_name_key(name)) if row.district else None
    row.kim = look.kims.get(key)
    row.errors += _model_errors(row)
    if row.errors:
        row.kim = None
        return row
    if key in seen:
        row.errors.append(_("KIM yang sama sudah ada di baris %(n)d") % {"n": seen[key]})
        return row
    seen[key] = line
    if row.kim is not None:
        row.errors += _officer_role_errors(row, look)
        if row.errors:
            return row
    if row.kim is None:
        row.action = "baru"
    else:
        changed = [
            a
            for a in (
                "founded_on",
                "address",
                "phone",
                "email",
                "website",
                "classification",
                "activity",
                "member_count",
            )
            if values.get(a) not in (None, "") and getattr(row.kim, a) != values[a]
        ]
        row.action = "diperbarui" if changed else "sama"
    if "sk" in values:
        known = look.decree_numbers.get(row.kim.pk, set()) if row.kim else set()
        row.sk_action = "sudah ada" if number_key(values["sk"]["number"]) in known else "baru"
    return row


def _kim_for(row, *, kim=None):
    """The KIM as saving this row writes it: `kim` (the matched one) or a new one, with the row's values."""
    if kim is None:
        kim = KimGroup(district=row.district, village=row.village, level=row.level)
    for attr, value in row.values.items():
        if attr not in ("sk", "officers") and value not in (None, ""):
            setattr(kim, attr, value)
    return kim


def _clean_errors(instance, columns):
    """The model's own full_clean() messages for the values this row gives, named by import column.

    Relations are resolved from the regency's lookups, and values the row leaves empty are reported
    by the import's own checks, so neither is asked of the model twice. Database constraints are
    checked when saving (each is one query: 5,000 rows took a minute); the ones an imported row can
    break are also rules of clean() (the SK term) or of the area resolution (the KIM's level).
    """
    exclude = [f.name for f in instance._meta.fields if f.is_relation or getattr(instance, f.attname) in (None, "")]
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        named = exc.message_dict.items()
        return [f"{columns.get(name, name)}: {message}" for name, messages in named for message in messages]
    return []


def _officer_role_errors(row, look):
    """A matched KIM whose one-person role (Ketua, …) is already held by someone else: the row would add a second."""
    errors = []
    for column, role_name in OFFICER_COLUMNS.items():
        person, role = row.values["officers"].get(role_name), look.roles.get(normalise(role_name))
        if not person or role is None or row.kim.officers.filter(role=role, name__iexact=person).exists():
            continue  # an officer already listed is skipped when saving
        clashes = single_holder_clashes(row.kim, planned=[(role, person)], only=role)
        if clashes:
            errors += [f"{column}: {message}" for message in single_holder_error(clashes).messages]
    return errors


def _model_errors(row):
    """One validation for preview and saving: the models judge each row's KIM, officers and SK."""
    errors = _clean_errors(_kim_for(row, kim=copy.copy(row.kim) if row.kim else None), KIM_FIELD_COLUMNS)
    for column, role in OFFICER_COLUMNS.items():
        if role in row.values["officers"]:
            errors += _clean_errors(Officer(name=row.values["officers"][role]), {"name": column})
    if "sk" in row.values:
        errors += _clean_errors(Decree(imported=True, **row.values["sk"]), DECREE_FIELD_COLUMNS)
    return errors


def import_start(*, regency, upload, user):
    """Read an uploaded KIM list once and keep its rows with the batch, within the account's upload limits.

    A refused file (unreadable, over the bounds or over the quota) leaves nothing behind.
    """
    rows = read_table(upload)
    batch = ImportBatch(
        regency=regency,
        original_name=clean_filename(upload.name),
        created_by=user,
        rows=[[line, data] for line, data in rows],
    )
    with removed_on_failure() as written, transaction.atomic():
        check_upload_quota(user=user, sizes=[upload.size])
        batch.file.save("import", upload, save=False)
        written.append(batch.file.name)
        batch.save()
    return batch


def _stored_rows(batch):
    """The batch's rows; a batch from before rows were kept reads its file once, bounded, and keeps them."""
    if batch.rows is None:
        with batch.file.open("rb") as handle:
            batch.rows = [[line, data] for line, data in read_table(handle)]
        ImportBatch.objects.filter(pk=batch.pk).update(rows=batch.rows)
    return batch.rows


def plan_import(batch):
    """Check every row read at upload against the regency's data; nothing is written."""
    look, seen = Lookups(batch.regency), {}
    return [_plan_row(line, data, look, seen) for line, data in _stored_rows(batch)]


def apply_import(*, batch, user):
    """Write every planned row in one transaction, or raise ValidationError and write nothing."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.PREVIEW:
            raise ValidationError(_("Impor ini sudah diterapkan."))
        planned = plan_import(batch)
        if not planned or any(row.errors for row in planned):
            raise ValidationError(
                _("Ada baris bermasalah; perbaiki berkasnya lalu unggah ulang. Tidak ada yang disimpan.")
            )
        roles = {normalise(r.name): r for r in OfficerRole.objects.filter(regency=batch.regency)}
        counts = defaultdict(int)
        for row in planned:
            kim = _kim_for(row, kim=row.kim)
            if kim._state.adding:
                kim.created_by = user
            kim.full_clean()
            kim.save()
            counts[row.action] += 1
            for role_name, person in row.values["officers"].items():
                role = roles.get(normalise(role_name))
                if role and not kim.officers.filter(role=role, name__iexact=person).exists():
                    officer_add(kim=kim, role=role, name=person)
            if row.sk_action == "baru":
                decree_record_imported(kim=kim, recorded_by=user, **row.values["sk"])
                counts["sk_baru"] += 1
        batch.status, batch.applied_at, batch.summary = ImportBatch.Status.APPLIED, timezone.now(), dict(counts)
        batch.save()
    return batch
