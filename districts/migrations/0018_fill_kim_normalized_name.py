"""Fill KimGroup.normalized_name for the KIMs on file, without failing on duplicates already there.

Decision for existing duplicates (same area, same name as kim_name_key compares them): the oldest
record keeps the plain key; each later one gets the key with "~" and the first 8 hex digits of its
id appended, so the constraints of 0019 hold and nothing about the counts changes in a migration.
They stay counted until staff merge them (Gabungkan on the KIM page): KimGroup.clean() already names
the older one whenever the later one is edited, and save() keeps the suffix while the name still
collides. Find them with KimGroup.objects.filter(normalized_name__contains="~").
"""

from django.db import migrations

from districts.names import kim_name_key


def fill(apps, schema_editor):
    KimGroup = apps.get_model("districts", "KimGroup")
    seen = set()
    for kim in KimGroup.objects.order_by("created_at", "pk").iterator():
        key = kim_name_key(kim.name)
        area = (kim.level, kim.district_id, kim.village_id, key)
        kim.normalized_name = f"{key[:140]}~{kim.pk.hex[:8]}" if area in seen else key
        seen.add(area)
        kim.save(update_fields=["normalized_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0017_kim_one_record"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
