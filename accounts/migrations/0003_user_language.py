from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_scoped_manager"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("id", "Bahasa Indonesia"), ("en", "English")],
                help_text="Bahasa tampilan dan email untuk akun ini; kosong berarti bahasa bawaan situs.",
                max_length=8,
                verbose_name="bahasa",
            ),
        ),
    ]
