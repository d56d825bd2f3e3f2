"""The review: criteria with who and when, and the samordnare's utlåtande."""

import pytest
from django.core.exceptions import PermissionDenied

from applications import services
from applications.models import (
    CriterionRecord,
    Status,
)
from tests.scenarios import registered


def test_recording_a_criterion_keeps_who_and_when(budget_year, officer):
    application = registered(budget_year=budget_year, by=officer)
    case = application.individual_case
    services.individual_case_record_criterion(
        case=case, by=officer, criterion="is_motivated", value=True, note="Samtal"
    )
    case.refresh_from_db()
    application.refresh_from_db()
    assert case.is_motivated is True
    record = CriterionRecord.objects.get(case=case)
    assert record.recorded_by == officer and record.recorded_at is not None
    assert application.status == Status.IN_REVIEW


def test_coordinator_adds_statement_only_in_own_region(budget_year, coordinator):
    own = registered(budget_year=budget_year, municipality_code="1280").individual_case
    services.individual_case_add_statement(
        case=own, by=coordinator, statement="Tillstyrks."
    )
    own.refresh_from_db()
    assert own.coordinator_statement == "Tillstyrks."
    assert own.coordinator_statement_received is True

    elsewhere = registered(
        budget_year=budget_year, municipality_code="0180"
    ).individual_case
    with pytest.raises(PermissionDenied):
        services.individual_case_add_statement(
            case=elsewhere, by=coordinator, statement="Tillstyrks."
        )
