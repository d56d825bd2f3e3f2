"""Application.reference_key: the diarienummer as compared for look-alikes.

Filled for every stored application with accounts.text.key_fold. Two stored
diarienummer that fold alike stop the migration with both named: one of them
must be corrected before the unique constraint can hold.
"""

from django.db import migrations, models

from accounts.text import key_fold


def fill_reference_keys(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    seen = {}
    changed = []
    rows = Application.objects.order_by("pk").values_list("pk", "reference_number")
    for pk, reference in rows:
        key = key_fold(reference)
        if key in seen:
            raise RuntimeError(
                f"The diarienummer {seen[key]!r} and {reference!r} look alike; "
                "correct one of them before migrating."
            )
        seen[key] = reference
        changed.append(Application(pk=pk, reference_key=key))
    Application.objects.bulk_update(changed, ["reference_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_disbursement_from_grants"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="reference_key",
            field=models.CharField(
                editable=False,
                max_length=1000,
                null=True,
                verbose_name="reference number as compared",
            ),
        ),
        migrations.RunPython(fill_reference_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="application",
            name="reference_key",
            field=models.CharField(
                editable=False,
                max_length=1000,
                unique=True,
                verbose_name="reference number as compared",
            ),
        ),
    ]
