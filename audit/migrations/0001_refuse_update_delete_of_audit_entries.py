"""On PostgreSQL, a trigger refuses UPDATE and DELETE of audit trail entries.

Nothing in the application changes or deletes an entry; the trigger makes that hold
for anything that reaches the database too (a bug, a shell, `auditlogflush`). Only
someone who may drop the trigger (the table owner) can get round it: see
docs/security.md. SQLite has no such guard; development runs there.
"""

from django.db import migrations

FUNCTION = "audit_refuse_change"
TRIGGER = "audit_entries_are_immutable"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("auditlog", "LogEntry")._meta.db_table)
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit entries cannot be changed or deleted (%% on %%)',
                TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'integrity_constraint_violation';
        END;
        $$;
        """
    )
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();"
    )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("auditlog", "LogEntry")._meta.db_table)
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table};")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}();")


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
