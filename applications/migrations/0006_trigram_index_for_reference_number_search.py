"""A trigram index so that searching diarienummer with icontains needs no full scan.

PostgreSQL only (pg_trgm, a trusted extension since PostgreSQL 13): on any other
database this migration does nothing. The indexed expression is the one Django
writes for `reference_number__icontains`: UPPER("reference_number"::text).
"""

from django.db import migrations

INDEX = "app_reference_trgm_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON applications_application "
        "USING gin ((UPPER(reference_number::text)) gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_index_work_list_order_queue_and_open_follow_ups"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
