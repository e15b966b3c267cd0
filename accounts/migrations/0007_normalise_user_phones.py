"""Stored account phones move to the canonical "+62…" form; one that cannot be read is left as it was."""

from django.core.exceptions import ValidationError
from django.db import migrations


def forwards(apps, schema_editor):
    from kimtrack.phone import normalise_phone

    User = apps.get_model("accounts", "User")
    for pk, phone in User.objects.exclude(phone="").values_list("pk", "phone").iterator():
        try:
            canonical = normalise_phone(phone)
        except ValidationError:
            continue
        if canonical != phone:
            User.objects.filter(pk=pk).update(phone=canonical)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_user_name_single_line_phone"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
