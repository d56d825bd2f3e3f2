"""The business rules of case handling, as enforced by the services."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from accounts.roles import Role
from applications import services
from applications.action_plans import add_months
from applications.models import (
    Application,
    ApplicationKind,
    CompletionRequest,
    CriterionRecord,
    Decision,
    Disbursement,
    Document,
    Event,
    FollowUpReport,
    Outcome,
    Status,
)
from applications.uploads import upload_check
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    UserFactory,
    delegate,
    municipality,
)
from tests.scenarios import case_at, registered

# A one-page PDF that a parser reads (the uploads are parsed).
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name="ansokan.pdf", content=PDF):
    return upload_check(file=SimpleUploadedFile(name, content, "application/pdf"))


# --- registration ----------------------------------------------------------------


def test_register_individual_case_with_plan_and_documents(
    budget_year, officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    application = services.application_register(
        by=officer,
        kind=ApplicationKind.INDIVIDUAL,
        reference_number="A100.001/2022",
        budget_year=budget_year,
        received_on=date(2022, 3, 1),
        requested_amount=Decimal("250000"),
        applicant_municipality=municipality("1280"),
        case=services.IndividualCaseData(environment="criminal", protection_need=True),
        action_plan=services.ActionPlanData(
            starts_on=date(2022, 4, 1),
            ends_on=date(2022, 9, 30),
            interventions=[
                services.InterventionData(
                    kind="coaching",
                    cost=Decimal("250000"),
                    starts_on=date(2022, 4, 1),
                    ends_on=date(2022, 9, 30),
                )
            ],
        ),
        documents=[services.DocumentData(kind="application", upload=pdf_upload())],
    )
    assert application.status == Status.RECEIVED
    assert application.assigned_to == officer
    assert application.individual_case.case_code.startswith("IND-2022-")
    assert application.action_plan.interventions.count() == 1
    document = Document.objects.get(application=application)
    stored = document.file.name
    assert "ansokan" not in stored and stored.endswith(".pdf")
    assert (tmp_path / stored).read_bytes() == PDF
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds == [Event.Kind.CREATED, Event.Kind.DOCUMENT]


def _failing_document_save(monkeypatch, *, after: int):
    """Document rows fail after the first `after`, once their file was stored."""
    real_save = Document.save
    calls = []

    def save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) > after:
            raise IntegrityError("simulated failure after the file was stored")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Document, "save", save)


def files_under(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_a_registration_that_fails_leaves_no_document_on_disk(
    budget_year, officer, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    _failing_document_save(monkeypatch, after=1)
    with pytest.raises(IntegrityError):
        services.application_register(
            by=officer,
            kind=ApplicationKind.AGENCY,
            reference_number="A100.002/2022",
            budget_year=budget_year,
            received_on=date(2022, 3, 1),
            requested_amount=Decimal("250000"),
            applicant_organisation=OrganisationFactory(),
            documents=[
                services.DocumentData(kind="application", upload=pdf_upload()),
                services.DocumentData(kind="other", upload=pdf_upload("bilaga.pdf")),
            ],
        )
    assert not Application.objects.filter(reference_number="A100.002/2022").exists()
    assert files_under(tmp_path) == []


def test_an_upload_that_fails_leaves_no_file_on_disk(
    in_review, officer, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    services.document_add(
        application=in_review,
        by=officer,
        data=services.DocumentData(kind="application", upload=pdf_upload()),
    )
    _failing_document_save(monkeypatch, after=0)
    with pytest.raises(IntegrityError):
        services.document_add(
            application=in_review,
            by=officer,
            data=services.DocumentData(kind="other", upload=pdf_upload("b.pdf")),
        )
    kept = files_under(tmp_path)
    assert [path.relative_to(tmp_path).as_posix() for path in kept] == [
        in_review.documents.get().file.name
    ]


def test_register_refuses_a_taken_reference_number(budget_year, officer):
    ApplicationFactory(reference_number="A1/2022", budget_year=budget_year)
    with pytest.raises(ValidationError) as error:
        services.application_register(
            by=officer,
            kind=ApplicationKind.AGENCY,
            reference_number="A1/2022",
            budget_year=budget_year,
            received_on=date(2022, 3, 1),
            requested_amount=Decimal("1000"),
            applicant_organisation=OrganisationFactory(),
        )
    assert "reference_number" in error.value.error_dict


def test_register_refuses_a_plan_longer_than_six_months(budget_year, officer):
    with pytest.raises(ValidationError, match="sex månader|six months"):
        services.application_register(
            by=officer,
            kind=ApplicationKind.INDIVIDUAL,
            reference_number="A2/2022",
            budget_year=budget_year,
            received_on=date(2022, 3, 1),
            requested_amount=Decimal("1000"),
            applicant_municipality=municipality("1280"),
            case=services.IndividualCaseData(
                environment="honour", protection_need=False
            ),
            action_plan=services.ActionPlanData(
                starts_on=date(2022, 1, 31), ends_on=date(2022, 8, 1)
            ),
        )
    assert not Application.objects.exists()


def test_register_needs_the_case_officer_role(budget_year, reader):
    with pytest.raises(PermissionDenied):
        services.application_register(
            by=reader,
            kind=ApplicationKind.AGENCY,
            reference_number="A3/2022",
            budget_year=budget_year,
            received_on=date(2022, 3, 1),
            requested_amount=Decimal("1000"),
            applicant_organisation=OrganisationFactory(),
        )


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (date(2022, 1, 31), date(2022, 7, 31), True),
        (date(2022, 1, 31), date(2022, 8, 1), False),
        (date(2022, 8, 31), date(2023, 2, 28), True),
        (date(2022, 8, 31), date(2023, 3, 1), False),
        (date(2022, 5, 1), date(2022, 4, 30), False),
    ],
)
def test_action_plan_may_cover_six_calendar_months(start, end, ok):
    problems = services.action_plan_problems(
        starts_on=start, ends_on=end, interventions=[]
    )
    assert (problems == []) is ok


# --- review ----------------------------------------------------------------------


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


def test_completion_request_and_answer_move_the_status(
    budget_year, officer, today, tomorrow
):
    application = registered(budget_year=budget_year, by=officer)
    request = services.completion_request_create(
        application=application,
        by=officer,
        message="Samtycke saknas",
        reply_by=tomorrow,
    )
    application.refresh_from_db()
    assert application.status == Status.COMPLETION_REQUESTED
    services.completion_request_answer(
        completion_request=request, by=officer, answered_on=today, note="Inkommit"
    )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert CompletionRequest.objects.get().answered_on == today


def test_completion_reply_by_cannot_be_in_the_past(budget_year, officer, today):
    application = registered(budget_year=budget_year, by=officer)
    with pytest.raises(ValidationError):
        services.completion_request_create(
            application=application,
            by=officer,
            message="x",
            reply_by=today - timedelta(days=1),
        )


# --- föredragning ----------------------------------------------------------------


def test_complete_application_goes_to_decision(in_review, officer):
    services.proposal_submit(
        application=in_review,
        by=officer,
        outcome=Outcome.GRANTED,
        amount=Decimal("300000"),
        motivation="Uppfyller kriterierna.",
    )
    in_review.refresh_from_db()
    assert in_review.status == Status.PREPARED
    assert in_review.proposal.prepared_by == officer


def test_incomplete_application_lists_what_is_missing(budget_year, officer):
    application = registered(
        budget_year=budget_year, by=officer, requested="1000", plan=False
    )
    services.application_start_review(application=application, by=officer)
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(
            application=application,
            by=officer,
            outcome=Outcome.GRANTED,
            amount=Decimal("1000"),
            motivation="x",
        )
    messages = error.value.messages
    assert (
        len([m for m in messages if "ej registrerat" in m or "not recorded" in m]) == 7
    )
    assert any("utlåtande" in m or "statement" in m for m in messages)
    assert any("handlingsplan" in m.lower() or "action plan" in m for m in messages)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_a_criterion_not_met_blocks_a_grant_proposal(in_review, officer):
    services.individual_case_record_criterion(
        case=in_review.individual_case,
        by=officer,
        criterion="not_evidence_person",
        value=False,
    )
    missing = services.proposal_missing(application=in_review)
    assert len(missing) == 1


def test_interventions_must_sum_to_the_requested_amount(in_review, officer):
    plan = in_review.action_plan
    services.action_plan_save(
        application=in_review,
        by=officer,
        data=services.ActionPlanData(
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            interventions=[
                services.InterventionData(
                    kind="coaching",
                    cost=Decimal("200000"),
                    starts_on=plan.starts_on,
                    ends_on=plan.ends_on,
                )
            ],
        ),
    )
    missing = services.proposal_missing(application=in_review)
    assert len(missing) == 1 and "200" in missing[0] and "300" in missing[0]


def test_unanswered_completion_blocks_the_proposal(in_review, officer, tomorrow):
    services.completion_request_create(
        application=in_review, by=officer, message="x", reply_by=tomorrow
    )
    assert services.proposal_missing(application=in_review)


def test_rejection_for_incompleteness_can_be_proposed_for_an_incomplete_case(
    budget_year, officer
):
    application = registered(budget_year=budget_year, by=officer, plan=False)
    services.application_start_review(application=application, by=officer)
    services.proposal_submit(
        application=application,
        by=officer,
        outcome=Outcome.REJECTED,
        rejection_reason="incomplete",
        motivation="Handlingsplan saknas.",
    )
    application.refresh_from_db()
    assert application.status == Status.PREPARED


def test_proposal_amount_cannot_exceed_the_requested_amount(in_review, officer):
    with pytest.raises(ValidationError):
        services.proposal_submit(
            application=in_review,
            by=officer,
            outcome=Outcome.GRANTED,
            amount=Decimal("300001"),
            motivation="x",
        )


# --- beslut: four-eyes, delegation, budget ---------------------------------------


def test_grant_records_decision_follow_up_and_status(prepared, decider, officer):
    decision = services.application_decide(
        application=prepared,
        by=decider,
        outcome=Outcome.GRANTED,
        amount=Decimal("250000"),
        conditions="Redovisning enligt mall.",
    )
    prepared.refresh_from_db()
    assert prepared.status == Status.GRANTED
    assert decision.presented_by == officer and decision.decided_by == decider
    assert decision.requested_amount == Decimal("300000")
    assert prepared.follow_up.due_on == date(2023, 2, 1)


def test_four_eyes_the_preparer_can_never_decide(budget_year, officer):
    both = UserFactory(
        username="bada-rollerna", roles=[Role.CASE_OFFICER, Role.DECISION_MAKER]
    )
    delegate(both)
    application = case_at(Status.PREPARED, budget_year=budget_year, officer=both)
    with pytest.raises(PermissionDenied, match="fyra ögon|four-eyes"):
        services.application_decide(
            application=application,
            by=both,
            outcome=Outcome.GRANTED,
            amount=Decimal("1000"),
        )
    assert not Decision.objects.exists()


def test_a_case_officer_without_the_role_cannot_decide(prepared, other_officer):
    delegate(other_officer)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application=prepared,
            by=other_officer,
            outcome=Outcome.GRANTED,
            amount=Decimal("1000"),
        )


def _decider(**delegation):
    user = UserFactory(roles=[Role.DECISION_MAKER])
    delegate(user, **delegation)
    return user


@pytest.mark.parametrize(
    ("delegation", "amount"),
    [
        ({"kind": ApplicationKind.AGENCY}, "1000"),
        ({"max_amount": "99999"}, "100000"),
        ({"valid_from": date(2020, 1, 1), "valid_to": date(2021, 12, 31)}, "1000"),
        ({"valid_from": date(2030, 1, 1)}, "1000"),
    ],
    ids=["other-kind", "amount-above", "period-ended", "period-not-started"],
)
def test_decision_outside_the_delegation_is_refused(prepared, delegation, amount):
    decider = _decider(**delegation)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application=prepared,
            by=decider,
            outcome=Outcome.GRANTED,
            amount=Decimal(amount),
            decided_on=date(2022, 6, 1),
        )
    assert not Decision.objects.exists()


def test_decision_within_the_delegation_amount_is_accepted(prepared):
    decider = _decider(max_amount="100000")
    services.application_decide(
        application=prepared,
        by=decider,
        outcome=Outcome.GRANTED,
        amount=Decimal("100000"),
        decided_on=date(2022, 6, 1),
    )
    assert Decision.objects.get().granted_amount == Decimal("100000")


def test_grant_cannot_exceed_the_requested_amount(prepared, decider):
    with pytest.raises(ValidationError):
        services.application_decide(
            application=prepared,
            by=decider,
            outcome=Outcome.GRANTED,
            amount=Decimal("300001"),
        )


def test_rejection_needs_one_of_the_three_reasons(prepared, decider):
    with pytest.raises(ValidationError):
        services.application_decide(
            application=prepared, by=decider, outcome=Outcome.REJECTED
        )
    services.application_decide(
        application=prepared,
        by=decider,
        outcome=Outcome.REJECTED,
        rejection_reason="criteria_not_met",
        rejection_details="Bevisperson.",
    )
    prepared.refresh_from_db()
    assert prepared.status == Status.REJECTED
    assert not FollowUpReport.objects.filter(application=prepared).exists()


def test_budget_guard_refuses_a_grant_above_the_remaining_appropriation(
    budget_year, officer, decider
):
    budget_year.ceiling = Decimal("1000000")
    budget_year.operating_grant_ceiling = None
    budget_year.save()
    case_at(
        Status.GRANTED,
        budget_year=budget_year,
        officer=officer,
        decider=decider,
        requested="800000",
    )
    application = case_at(
        Status.PREPARED, budget_year=budget_year, officer=officer, requested="300000"
    )
    with pytest.raises(ValidationError) as error:
        services.application_decide(
            application=application,
            by=decider,
            outcome=Outcome.GRANTED,
            amount=Decimal("200001"),
        )
    assert "200\u00a0000\u00a0kr" in error.value.messages[0]
    services.application_decide(
        application=application,
        by=decider,
        outcome=Outcome.GRANTED,
        amount=Decimal("200000"),
    )
    application.refresh_from_db()
    assert application.status == Status.GRANTED


def test_budget_guard_holds_the_operating_grant_sub_ceiling(
    budget_year, officer, decider
):
    budget_year.operating_grant_ceiling = Decimal("100000")
    budget_year.save()
    operating = {"budget_year": budget_year, "officer": officer, "decider": decider}
    operating["kind"] = ApplicationKind.OPERATING_GRANT
    case_at(Status.GRANTED, requested="60000", **operating)
    application = case_at(Status.PREPARED, requested="50000", **operating)
    with pytest.raises(ValidationError) as error:
        services.application_decide(
            application=application,
            by=decider,
            outcome=Outcome.GRANTED,
            amount=Decimal("50000"),
        )
    assert "40\u00a0000\u00a0kr" in error.value.messages[0]
    # An individärende of the same size is not held by the sub-ceiling.
    individual = case_at(
        Status.PREPARED, budget_year=budget_year, officer=officer, requested="50000"
    )
    services.application_decide(
        application=individual,
        by=decider,
        outcome=Outcome.GRANTED,
        amount=Decimal("50000"),
    )


def test_a_rejection_is_not_held_by_the_budget(budget_year, prepared, decider):
    budget_year.ceiling = Decimal("0")
    budget_year.operating_grant_ceiling = None
    budget_year.save()
    services.application_decide(
        application=prepared,
        by=decider,
        outcome=Outcome.REJECTED,
        rejection_reason="incomplete",
    )


def test_returned_proposal_goes_back_to_review(prepared, decider):
    services.proposal_return(application=prepared, by=decider, text="Komplettera.")
    prepared.refresh_from_db()
    assert prepared.status == Status.IN_REVIEW


# --- utbetalning och återrapportering ---------------------------------------------


def test_disbursements_never_exceed_the_granted_amount(granted, officer):
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=Decimal("200000"),
        paid_on=date(2022, 6, 1),
    )
    granted.refresh_from_db()
    assert granted.status == Status.PAID
    with pytest.raises(ValidationError) as error:
        services.disbursement_register(
            application=granted,
            by=officer,
            amount=Decimal("100000.01"),
            paid_on=date(2022, 7, 1),
        )
    assert "100\u00a0000\u00a0kr" in error.value.messages[0]
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=Decimal("100000"),
        paid_on=date(2022, 7, 1),
    )
    assert Disbursement.objects.filter(application=granted).count() == 2


def test_disbursement_needs_a_granted_application(prepared, officer):
    with pytest.raises(PermissionDenied):
        services.disbursement_register(
            application=prepared, by=officer, amount=Decimal("1"), paid_on=date.today()
        )


def test_follow_up_default_due_is_1_february_the_year_after(budget_year):
    assert services.follow_up_default_due(budget_year=budget_year) == date(2023, 2, 1)


def test_follow_up_computes_the_reclaim_and_closes_the_report(granted, officer):
    services.disbursement_register(
        application=granted,
        by=officer,
        amount=Decimal("300000"),
        paid_on=date(2022, 6, 1),
    )
    report = services.follow_up_register(
        application=granted,
        by=officer,
        due_on=date(2023, 3, 1),
        received_on=date(2023, 1, 20),
        spent_amount=Decimal("255000"),
        results="Fullföljt program.",
    )
    assert report.reclaim_amount == Decimal("45000")
    assert report.due_on == date(2023, 3, 1)
    granted.refresh_from_db()
    assert granted.status == Status.REPORTED


def test_follow_up_due_date_can_be_moved_before_payment(granted, officer):
    report = services.follow_up_register(
        application=granted, by=officer, due_on=date(2023, 4, 1)
    )
    assert report.due_on == date(2023, 4, 1)
    assert report.reclaim_amount == 0
    granted.refresh_from_db()
    assert granted.status == Status.GRANTED


@pytest.mark.parametrize(
    ("granted_amount", "spent", "reclaim"),
    [("100", "100", "0"), ("100", "40", "60"), ("100", "120", "0"), ("100", None, "0")],
)
def test_reclaim_is_granted_minus_spent_never_below_zero(
    granted_amount, spent, reclaim
):
    assert services.follow_up_reclaim(
        granted=Decimal(granted_amount), spent=Decimal(spent) if spent else None
    ) == Decimal(reclaim)


# --- documents -------------------------------------------------------------------


def _image(fmt: str) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("bilaga.pdf", PDF, True),
        ("bild.png", _image("PNG"), True),
        ("bild.jpg", _image("JPEG"), True),
        ("bild.pdf", _image("PNG"), False),
        ("bilaga.pdf", b"MZ\x90\x00 not a pdf", False),
        ("bilaga.pdf", b"<html><script>alert(1)</script>", False),
    ],
)
def test_uploads_are_checked_by_content(name, content, ok):
    upload = SimpleUploadedFile(name, content, "application/pdf")
    if ok:
        assert upload_check(file=upload).size == len(content)
    else:
        with pytest.raises(ValidationError):
            upload_check(file=upload)


def test_uploads_above_the_size_limit_are_refused(settings):
    settings.MAX_UPLOAD_SIZE = 10
    with pytest.raises(ValidationError, match="större|large"):
        upload_check(file=SimpleUploadedFile("a.pdf", PDF, "application/pdf"))


def test_document_add_needs_permission(in_review, reader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = services.DocumentData(kind="other", upload=pdf_upload())
    with pytest.raises(PermissionDenied):
        services.document_add(application=in_review, by=reader, data=data)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2022, 8, 31), 6) == date(2023, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2022, 1, 15), 6) == date(2022, 7, 15)


def test_every_status_change_leaves_an_event(in_review, officer, decider):
    services.proposal_submit(
        application=in_review,
        by=officer,
        outcome=Outcome.GRANTED,
        amount=Decimal("300000"),
        motivation="x",
    )
    services.application_decide(
        application=in_review, by=decider, outcome=Outcome.GRANTED, amount=Decimal("1")
    )
    moves = list(
        in_review.events.filter(kind=Event.Kind.STATUS).values_list(
            "from_status", "to_status", "actor"
        )
    )
    assert moves == [
        (Status.RECEIVED, Status.IN_REVIEW, officer.pk),
        (Status.IN_REVIEW, Status.PREPARED, officer.pk),
        (Status.PREPARED, Status.GRANTED, decider.pk),
    ]
