"""Existing regencies get the default one-person roles; stored phones move to the canonical "+62…" form.

A phone that cannot be read is left exactly as it was (never lost): the form shows the rule the
next time someone edits that KIM or officer.
"""

from django.core.exceptions import ValidationError
from django.db import migrations

# Frozen here: later changes to RegencyRules must not change what this migration did.
SINGLE_HOLDER_ROLES = ("ketua", "sekretaris", "bendahara")


def normalise_phones(model):
    from kimtrack.phone import normalise_phone

    for pk, phone in model.objects.exclude(phone="").values_list("pk", "phone").iterator():
        try:
            canonical = normalise_phone(phone)
        except ValidationError:
            continue
        if canonical != phone:
            model.objects.filter(pk=pk).update(phone=canonical)


def forwards(apps, schema_editor):
    OfficerRole = apps.get_model("districts", "OfficerRole")
    for role in OfficerRole.objects.all():
        if role.name.strip().casefold() in SINGLE_HOLDER_ROLES:
            OfficerRole.objects.filter(pk=role.pk).update(single_holder=True)
    normalise_phones(apps.get_model("districts", "KimGroup"))
    normalise_phones(apps.get_model("districts", "Officer"))


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0015_officer_roles_single_holder_names_single_line_phones"),
    ]

    # Backwards keeps the canonical phones and the flags: both are valid data for the older code.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
