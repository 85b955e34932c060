"""A trigram index on Task.search_text for PostgreSQL (pg_trgm), which LIKE '%…%' uses.

SQLite gets none: an FTS5 trigram table was measured slower than scanning the
column at 100k tasks (bench_tracker), because broad words match most rows.
"""
from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX tracker_task_search_trgm ON tracker_task USING gin (search_text gin_trgm_ops)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS tracker_task_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("tracker", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
