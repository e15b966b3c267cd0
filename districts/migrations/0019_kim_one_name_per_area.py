"""The constraints of "one KIM, one record", added once 0018 has filled the names they compare."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0018_fill_kim_normalized_name"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='kimgroup',
            constraint=models.UniqueConstraint(condition=models.Q(('level', 'kecamatan'), ('record', 'tercatat')), fields=('district', 'normalized_name'), name='districts_kimgroup_one_name_per_district'),
        ),
        migrations.AddConstraint(
            model_name='kimgroup',
            constraint=models.UniqueConstraint(condition=models.Q(('level', 'desa'), ('record', 'tercatat')), fields=('village', 'normalized_name'), name='districts_kimgroup_one_name_per_village'),
        ),
        migrations.AddConstraint(
            model_name='kimgroup',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('merged_into__isnull', False), ('record', 'digabung')), models.Q(models.Q(('record', 'digabung'), _negated=True), ('merged_into__isnull', True)), _connector='OR'), name='districts_kimgroup_merged_has_target'),
        ),
        migrations.AddConstraint(
            model_name='kimgroup',
            constraint=models.CheckConstraint(condition=models.Q(('record', 'tercatat'), models.Q(('record_reason', ''), _negated=True), _connector='OR'), name='districts_kimgroup_record_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='kimgroup',
            constraint=models.CheckConstraint(condition=models.Q(('merged_into', models.F('id')), _negated=True), name='districts_kimgroup_not_merged_into_itself'),
        ),
    ]
