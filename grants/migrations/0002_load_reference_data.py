from django.db import migrations

from grants.reference_data import load_reference_data


def load(apps, schema_editor):
    load_reference_data(
        county_model=apps.get_model("grants", "County"),
        region_model=apps.get_model("grants", "PoliceRegion"),
        municipality_model=apps.get_model("grants", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
