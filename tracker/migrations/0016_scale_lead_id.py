"""PostgreSQL only: (lead_unit, id), so the list sorted by unit reads inside one unit in id order
(selectors._ids_by_unit). SQLite's lead_unit index already holds each unit's rows in rowid order, and an
index it has no statistics for yet (no ANALYZE since) was measured to mislead its planner on a unit's list."""
from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS task_lead_id ON tracker_task (lead_unit_id, id)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS task_lead_id")


class Migration(migrations.Migration):

    dependencies = [
        ('tracker', '0015_scale_open_unit_index'),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
