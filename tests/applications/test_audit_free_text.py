"""Free text reaches the audit trail by field name only: each service that writes a
free-text field leaves an entry that names the field and holds the fixed marker,
never the text."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications import services
from applications.models import (
    ActionPlan,
    Application,
    ApplicationKind,
    CompletionRequest,
    CriterionRecord,
    Decision,
    Disbursement,
    Document,
    FollowUpReport,
    IndividualCase,
    Intervention,
    Outcome,
    Proposal,
)
from applications.uploads import upload_check
from audit.masking import HIDDEN
from tests.factories import (
    ApplicationFactory,
    IndividualCaseFactory,
    InterventionFactory,
    municipality,
)
from tests.samples import PDF
from tests.scenarios import complete_individual_application

pytestmark = pytest.mark.django_db

SECRET = "Anna Hemlig bor hos sin moster i Kiruna"


def register(f):
    services.application_register(
        by=f("officer"),
        kind=ApplicationKind.INDIVIDUAL,
        reference_number="A100.901/2022",
        budget_year=f("budget_year"),
        received_on=date(2022, 3, 1),
        requested_amount=Decimal("250000"),
        purpose=SECRET,
        applicant_municipality=municipality("1280"),
        action_plan=services.ActionPlanData(
            starts_on=date(2022, 4, 1), ends_on=date(2022, 9, 30), summary=SECRET
        ),
    )


def save_action_plan(f):
    services.action_plan_save(
        application=f("in_review"),
        by=f("officer"),
        data=services.ActionPlanData(
            starts_on=date(2022, 4, 1), ends_on=date(2022, 9, 30), summary=SECRET
        ),
    )


def add_intervention(f):
    # The services write insatser in bulk, which the change history does not see;
    # a single save is what the registration governs.
    InterventionFactory(description=SECRET)


def add_statement(f):
    case = IndividualCaseFactory(
        application=ApplicationFactory(
            budget_year=f("budget_year"), applicant_municipality=municipality("1280")
        )
    )
    services.individual_case_add_statement(
        case=case, by=f("coordinator"), statement=SECRET
    )


def record_criterion(f):
    case = IndividualCaseFactory(
        application=ApplicationFactory(budget_year=f("budget_year"))
    )
    services.individual_case_record_criterion(
        case=case, by=f("officer"), criterion="is_motivated", value=True, note=SECRET
    )


def request_completion(f):
    services.completion_request_create(
        application=ApplicationFactory(budget_year=f("budget_year")),
        by=f("officer"),
        message=SECRET,
        reply_by=timezone.localdate() + timedelta(days=7),
    )


def answer_completion(f):
    request = services.completion_request_create(
        application=ApplicationFactory(budget_year=f("budget_year")),
        by=f("officer"),
        message="Samtycke saknas.",
        reply_by=timezone.localdate() + timedelta(days=7),
    )
    services.completion_request_answer(
        completion_request=request,
        by=f("officer"),
        answered_on=timezone.localdate(),
        note=SECRET,
    )


def submit_proposal(f):
    services.proposal_submit(
        application=f("in_review"),
        by=f("officer"),
        outcome=Outcome.GRANTED,
        amount=Decimal("300000"),
        motivation=SECRET,
    )


def decide_with_conditions(f):
    services.application_decide(
        application=f("prepared"),
        by=f("decider"),
        outcome=Outcome.GRANTED,
        amount=Decimal("250000"),
        conditions=SECRET,
    )


def decide_rejection(f):
    application = complete_individual_application(budget_year=f("budget_year"))
    services.proposal_submit(
        application=application,
        by=f("officer"),
        outcome=Outcome.REJECTED,
        rejection_reason="incomplete",
        motivation="Handlingsplan saknas.",
    )
    services.application_decide(
        application=application,
        by=f("decider"),
        outcome=Outcome.REJECTED,
        rejection_reason="incomplete",
        rejection_details=SECRET,
    )


def register_disbursement(f):
    services.disbursement_register(
        application=f("granted"),
        by=f("officer"),
        amount=Decimal("1000"),
        paid_on=date(2022, 6, 1),
        reference=SECRET,
    )


def register_follow_up(f):
    services.follow_up_register(
        application=f("granted"),
        by=f("officer"),
        due_on=date(2023, 3, 1),
        results=SECRET,
    )


def attach_document(f):
    f("settings").MEDIA_ROOT = f("tmp_path")
    upload = SimpleUploadedFile(f"{SECRET}.pdf", PDF, "application/pdf")
    services.document_add(
        application=f("in_review"),
        by=f("officer"),
        data=services.DocumentData(kind="other", upload=upload_check(file=upload)),
    )


CASES = {
    "application purpose": (register, Application, "purpose"),
    "action plan summary at registration": (register, ActionPlan, "summary"),
    "action plan summary": (save_action_plan, ActionPlan, "summary"),
    "intervention description": (add_intervention, Intervention, "description"),
    "coordinator statement": (add_statement, IndividualCase, "coordinator_statement"),
    "criterion note": (record_criterion, CriterionRecord, "note"),
    "completion message": (request_completion, CompletionRequest, "message"),
    "completion answer": (answer_completion, CompletionRequest, "answer_note"),
    "proposal motivation": (submit_proposal, Proposal, "motivation"),
    "decision conditions": (decide_with_conditions, Decision, "conditions"),
    "rejection details": (decide_rejection, Decision, "rejection_details"),
    "disbursement reference": (register_disbursement, Disbursement, "reference"),
    "follow-up results": (register_follow_up, FollowUpReport, "results"),
    "document file name": (attach_document, Document, "original_name"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_free_text_change_is_recorded_by_field_name_without_its_text(request, case):
    action, model, field = CASES[case]
    action(request.getfixturevalue)
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model)
    )
    recorded = [e.changes_dict[field] for e in entries if field in e.changes_dict]
    assert recorded, f"no entry names {model.__name__}.{field}"
    assert all(values == [HIDDEN, HIDDEN] for values in recorded)
    for entry in LogEntry.objects.all():
        assert "Hemlig" not in entry.object_repr
        assert "Hemlig" not in str(entry.changes)
        assert "Hemlig" not in entry.changes_text
