"""Utbetalningar recorded while the model lived in grants are still there, readable
as applications.Disbursement, after the migrations that move it."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from applications.models import Disbursement

BEFORE = [
    ("applications", "0008_index_work_list_sorts"),
    ("grants", "0002_load_reference_data"),
]
AFTER = [
    ("applications", "0009_disbursement_from_grants"),
    ("grants", "0003_disbursement_to_applications"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def application_in(apps):
    """An application, built with the models as they were at that migration."""
    county, _ = apps.get_model("grants", "County").objects.get_or_create(
        code="01", defaults={"name": "Stockholms län"}
    )
    region, _ = apps.get_model("grants", "PoliceRegion").objects.get_or_create(
        name="Region Stockholm"
    )
    municipality, _ = apps.get_model("grants", "Municipality").objects.get_or_create(
        code="0180",
        defaults={"name": "Stockholm", "county": county, "police_region": region},
    )
    budget_year, _ = apps.get_model("grants", "BudgetYear").objects.get_or_create(
        year=2031,
        defaults={"initial_ceiling": Decimal("1000000"), "ceiling": Decimal("1000000")},
    )
    return apps.get_model("applications", "Application").objects.create(
        reference_number="A999.001/2031",
        kind="individual",
        applicant_municipality=municipality,
        budget_year=budget_year,
        received_on=date(2031, 1, 15),
        requested_amount=Decimal("250000"),
        status="paid",
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_disbursements_keep_their_rows_and_content_type_when_moved_to_applications():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        application = application_in(old)
        row = old.get_model("grants", "Disbursement").objects.create(
            application=application,
            amount=Decimal("125000.50"),
            paid_on=date(2031, 3, 1),
            reference="UTB-1",
        )
        content_type = old.get_model("contenttypes", "ContentType")
        type_id = content_type.objects.get_or_create(
            app_label="grants", model="disbursement"
        )[0].pk

        new = migrate(AFTER)

        moved = new.get_model("applications", "Disbursement").objects.get(pk=row.pk)
        assert (moved.application_id, moved.amount, moved.paid_on, moved.reference) == (
            application.pk,
            Decimal("125000.50"),
            date(2031, 3, 1),
            "UTB-1",
        )
        moved_type = new.get_model("contenttypes", "ContentType").objects.get(
            pk=type_id
        )
        assert (moved_type.app_label, moved_type.model) == (
            "applications",
            "disbursement",
        )
    finally:
        migrate(latest)
    assert Disbursement._meta.db_table == "applications_disbursement"
    assert Disbursement.objects.get(pk=row.pk).amount == Decimal("125000.50")
    # The id sequence came along with the table: the next row gets a new id.
    later = Disbursement.objects.create(
        application_id=application.pk, amount=Decimal("1"), paid_on=date(2031, 4, 1)
    )
    assert later.pk > row.pk
