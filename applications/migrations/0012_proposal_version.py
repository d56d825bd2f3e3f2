"""Every submitted föredragning is kept as a version with its author.

Each existing proposal becomes version 1, so the four-eyes rule (no author of
any version decides) holds for proposals written before this migration too.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def first_versions(apps, schema_editor):
    """Copy each proposal in force into version 1 of its history."""
    alias = schema_editor.connection.alias
    proposals = apps.get_model("applications", "Proposal").objects.using(alias)
    versions = apps.get_model("applications", "ProposalVersion").objects.using(alias)
    batch = []
    for proposal in proposals.order_by("pk").iterator(chunk_size=500):
        batch.append(
            versions.model(
                application_id=proposal.application_id,
                number=1,
                outcome=proposal.outcome,
                amount=proposal.amount,
                rejection_reason=proposal.rejection_reason,
                motivation=proposal.motivation,
                prepared_by_id=proposal.prepared_by_id,
                prepared_at=proposal.prepared_at,
            )
        )
        if len(batch) == 500:
            versions.bulk_create(batch)
            batch = []
    versions.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0011_document_name_encrypted"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ProposalVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("number", models.PositiveIntegerField(verbose_name="version")),
                (
                    "outcome",
                    models.CharField(
                        choices=[("granted", "granted"), ("rejected", "rejected")],
                        max_length=20,
                        verbose_name="proposed outcome",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="proposed amount",
                    ),
                ),
                (
                    "rejection_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("criteria_not_met", "not all criteria met"),
                            ("incomplete", "application incomplete"),
                            (
                                "completion_not_supplied",
                                "completion not supplied when requested",
                            ),
                        ],
                        max_length=30,
                        verbose_name="rejection reason",
                    ),
                ),
                ("motivation", models.TextField(verbose_name="motivation")),
                ("prepared_at", models.DateTimeField(verbose_name="prepared")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposal_versions",
                        to="applications.application",
                        verbose_name="application",
                    ),
                ),
                (
                    "prepared_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="prepared by",
                    ),
                ),
            ],
            options={
                "verbose_name": "proposal version",
                "verbose_name_plural": "proposal versions",
                "ordering": ["application", "number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("application", "number"), name="proposal_version_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("number__gte", 1)),
                        name="proposal_version_number_gte_1",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("amount__gt", 0),
                                ("amount__isnull", False),
                                ("outcome", "granted"),
                                ("rejection_reason", ""),
                            ),
                            models.Q(
                                ("outcome", "rejected"),
                                models.Q(("rejection_reason", ""), _negated=True),
                            ),
                            _connector="OR",
                        ),
                        name="proposal_version_outcome_consistent",
                    ),
                ],
            },
        ),
        migrations.RunPython(first_versions, migrations.RunPython.noop),
    ]
