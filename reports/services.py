"""Every write of the reports app: narrative texts and frozen versions."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.text import clean_key_text
from grants.models import BudgetYear, Organisation
from reports.context import annual_report_context
from reports.models import AnnualReport, Narrative, ReportVersion, Section
from reports.permissions import can_edit_narratives, can_freeze_report
from reports.rendering import report_pdf_render


def annual_report_ensure(*, year: int) -> AnnualReport:
    """Return the year's report record, creating it for an existing budget year."""
    budget_year = BudgetYear.objects.get(year=year)
    report, _ = AnnualReport.objects.get_or_create(budget_year=budget_year)
    return report


@transaction.atomic
def narratives_save(
    *,
    year: int,
    by,
    reference_number: str,
    texts: dict[tuple[str, int | None], str],
) -> AnnualReport:
    """Store the report's diarienummer and its narrative paragraphs."""
    if not can_edit_narratives(by):
        raise PermissionDenied
    report = annual_report_ensure(year=year)
    try:
        report.reference_number = clean_key_text(reference_number)
    except ValidationError as error:
        raise ValidationError({"reference_number": error.messages}) from error
    report.save(update_fields=["reference_number"])
    organisations = Organisation.objects.in_bulk(
        [org_id for (_, org_id) in texts if org_id is not None]
    )
    for (section, org_id), text in texts.items():
        Section(section)  # refuses an unknown section
        Narrative.objects.update_or_create(
            report=report,
            section=section,
            organisation=organisations[org_id] if org_id is not None else None,
            defaults={"text": text.strip(), "updated_by": by},
        )
    return report


@transaction.atomic
def report_version_freeze(
    *, year: int, by, note: str = "", from_year: int | None = None
) -> ReportVersion:
    """Render the PDF and store it as the next sent version, with its SHA-256."""
    if not can_freeze_report(by):
        raise PermissionDenied
    report = annual_report_ensure(year=year)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    last = report.versions.order_by("-number").values_list("number", flat=True).first()
    number = (last or 0) + 1
    sent_at = timezone.now()
    context = annual_report_context(
        year=year,
        from_year=from_year,
        report_date=timezone.localdate(sent_at),
        version=number,
    )
    pdf = report_pdf_render(context=context)
    return ReportVersion.objects.create(
        report=report,
        number=number,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        note=note.strip(),
        sent_by=by,
        sent_at=sent_at,
    )
