"""Registration, the handlingsplan and documents, as the services enforce them."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from applications import services
from applications.action_plans import add_months
from applications.models import (
    Application,
    ApplicationKind,
    Document,
    Event,
    Status,
)
from tests.applications.helpers import PDF, pdf_upload
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    municipality,
)


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


def test_document_add_needs_permission(in_review, reader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = services.DocumentData(kind="other", upload=pdf_upload())
    with pytest.raises(PermissionDenied):
        services.document_add(application=in_review, by=reader, data=data)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2022, 8, 31), 6) == date(2023, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2022, 1, 15), 6) == date(2022, 7, 15)
