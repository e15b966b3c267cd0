import re

from django.db import migrations, models


def fill(apps, schema_editor):
    """Existing SKs get the normalised number save() keeps from now on (same rule as decrees.models.number_key)."""
    Decree = apps.get_model("decrees", "Decree")
    for decree in Decree.objects.only("pk", "number").iterator(chunk_size=500):
        Decree.objects.filter(pk=decree.pk).update(number_normalised=re.sub(r"\s+", "", decree.number or "").upper())


class Migration(migrations.Migration):
    dependencies = [
        ("decrees", "0003_decree_template"),
    ]

    operations = [
        migrations.AddField(
            model_name="decree",
            name="number_normalised",
            field=models.CharField(default="", editable=False, max_length=120),
        ),
        migrations.AddField(
            model_name="historicaldecree",
            name="number_normalised",
            field=models.CharField(default="", editable=False, max_length=120),
        ),
        migrations.AddIndex(
            model_name="decree",
            index=models.Index(fields=["issuer", "number_normalised"], name="decrees_decree_issuer_number"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
