"""A GIN index for full-text search of SK text on PostgreSQL.

The expression is exactly what `SearchVector("text", config="simple")` produces,
so the search view's filter can use it. SQLite has no such index; its search is
a plain contains-search over the (much smaller) data of one office.
"""

from django.db import migrations

INDEX = "reading_reading_text_fts"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON reading_reading "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(text, ''::text)))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("reading", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
