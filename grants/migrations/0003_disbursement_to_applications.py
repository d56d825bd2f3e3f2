"""Utbetalningar now live in applications (applications/migrations/0009 renamed
the table and moved the content type): grants forgets the model, the database
keeps every row."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0002_load_reference_data"),
        ("applications", "0009_disbursement_from_grants"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Disbursement")],
            database_operations=[],
        )
    ]
