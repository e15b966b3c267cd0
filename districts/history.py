"""The change timeline of a KIM: its profile, officers and SKs, newest first."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("dibuat"), "~": _("diubah"), "-": _("dihapus")}
SKIPPED_FIELDS = {"updated_at", "created_at", "id", "kim", "decree", "normalized_name", "record_changed_at"}


@dataclass
class TimelineEntry:
    when: datetime
    who: object
    subject: str
    action: str
    changes: list = field(default_factory=list)  # (field label, old, new)


def _entries(records, subject_of):
    records = list(records)
    by_object = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        previous = by_object.get(record.id)
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in SKIPPED_FIELDS:
                    continue
                label = capfirst(record.instance_type._meta.get_field(change.field).verbose_name)
                changes.append(
                    (str(label), _display(record, change.field, change.old), _display(record, change.field, change.new))
                )
            if not changes:
                by_object[record.id] = record
                continue
        by_object[record.id] = record
        yield TimelineEntry(
            record.history_date, record.history_user, subject_of(record), str(ACTIONS[record.history_type]), changes
        )


def _display(record, field_name, value):
    model_field = record.instance_type._meta.get_field(field_name)
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if model_field.is_relation:
        try:
            return str(model_field.related_model.objects.get(pk=value))
        except model_field.related_model.DoesNotExist:
            return str(value)
    return str(value)


def kim_timeline(kim, limit=100):
    """Every recorded change of the KIM, its officers and its SKs, newest first."""
    from decrees.models import Decree
    from districts.models import Officer

    # A merge moved SKs and officers here from other records: their history comes along.
    merged = dict(kim.merged_from.values_list("pk", "name"))
    kim_ids = [kim.pk, *merged]
    kim_records = type(kim).history.filter(id__in=kim_ids).select_related("history_user")
    officer_records = Officer.history.filter(kim_id__in=kim_ids).select_related("history_user")
    decree_records = Decree.history.filter(kim_id__in=kim_ids).select_related("history_user")

    def profile(record):
        if record.id == kim.pk:
            return str(_("Profil KIM"))
        return str(_("Profil %(name)s (digabung ke KIM ini)") % {"name": merged[record.id]})

    entries = [
        *_entries(kim_records, profile),
        *_entries(officer_records, lambda r: str(_("Pengurus: %(name)s") % {"name": r.name})),
        *_entries(decree_records, lambda r: str(_("SK %(number)s") % {"number": r.number})),
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
