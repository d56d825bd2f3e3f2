"""Utbetalningar move from grants to applications, with their rows.

A disbursement belongs to an application, so the model lives in the app of the
case (grants stays below applications). The table is renamed, not copied: the
rows, their ids and the foreign keys stay as they are. The content type moves
too, so the audit trail's entries and the permissions on disbursements follow.
grants/migrations/0003 then drops the model from grants' state only.
"""

import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


def _move_content_type(apps, schema_editor, *, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    types = content_type.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model="disbursement").exists():
        types.filter(app_label=old, model="disbursement").update(app_label=new)


def content_type_forwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, old="grants", new="applications")


def content_type_backwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, old="applications", new="grants")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0008_index_work_list_sorts"),
        ("grants", "0002_load_reference_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The model, in applications' state, on the table grants created.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Disbursement",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("amount", models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount")),
                        ("paid_on", models.DateField(db_index=True, verbose_name="payment date")),
                        ("reference", models.CharField(blank=True, max_length=100, verbose_name="reference")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("application", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="disbursements", to="applications.application", verbose_name="application")),
                        ("registered_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="registered by")),
                    ],
                    options={
                        "verbose_name": "disbursement",
                        "verbose_name_plural": "disbursements",
                        "ordering": ["paid_on", "pk"],
                        "constraints": [models.CheckConstraint(condition=models.Q(("amount__gt", Decimal("0"))), name="disbursement_amount_gt_0")],
                        "db_table": "grants_disbursement",
                    },
                ),
            ],
            database_operations=[],
        ),
        # The table takes applications' name: grants_disbursement → applications_disbursement.
        migrations.AlterModelTable(name="disbursement", table=None),
        migrations.RunPython(content_type_forwards, content_type_backwards),
    ]
