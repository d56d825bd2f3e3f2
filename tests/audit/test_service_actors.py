"""Every service that takes the acting user (`by`) names that user as actor of each
audit trail entry it writes, also when it is called outside a request: from a
command, the shell or a job, where no middleware sets the actor.

One scenario per service; a service added later with a `by` argument fails
`test_every_service_that_takes_a_user_has_a_scenario` until it gets one."""

import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import applications
import exchange
from accounts.roles import Role
from applications import services
from applications.identity import individual_identity_clear, individual_identity_set
from applications.models import (
    ApplicationKind,
    CompletionRequest,
    IndividualCase,
    Intervention,
    Outcome,
    Status,
)
from applications.uploads import upload_check
from audit.context import audited_by, current_context
from exchange.imports import applications_import
from exchange.tabular import dataset_read
from tests.exchange.importfiles import csv_bytes, importer, row
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    IndividualCaseFactory,
    UserFactory,
    delegate,
    municipality,
)
from tests.samples import PDF
from tests.scenarios import case_at, complete_individual_application, prepare

pytestmark = pytest.mark.django_db

PLAN = services.ActionPlanData(
    starts_on=date(2022, 4, 1),
    ends_on=date(2022, 9, 30),
    interventions=[
        services.InterventionData(
            kind="coaching",
            cost=Decimal("300000"),
            starts_on=date(2022, 4, 1),
            ends_on=date(2022, 9, 30),
        )
    ],
)
# Public functions with a `by` argument that are not services of their own.
NOT_SERVICES = {
    # Stores a chunk of rows for applications_import, which names the actor.
    "exchange.storing.write_chunk",
}


@dataclass
class People:
    officer: object
    decider: object
    year: object


@pytest.fixture
def people(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    decider = UserFactory(username="beslutsfattare", roles=[Role.DECISION_MAKER])
    for kind in ApplicationKind.values:
        delegate(decider, kind=kind, max_amount="100000000")
    return People(
        officer=UserFactory(username="handlaggare", roles=[Role.CASE_OFFICER]),
        decider=decider,
        year=BudgetYearFactory(year=2022),
    )


def in_review(p: People):
    return complete_individual_application(budget_year=p.year, assigned_to=p.officer)


def granted(p: People):
    """A complete individärende granted through the services."""
    return case_at(
        Status.GRANTED, budget_year=p.year, officer=p.officer, decider=p.decider
    )


# Each scenario prepares what its service needs and returns the user who acts and
# the call of the service.


def application_transition(p):
    application = ApplicationFactory(budget_year=p.year)
    return p.officer, lambda: services.application_transition(
        application=application, to=Status.IN_REVIEW, by=p.officer
    )


def application_register(p):
    return p.officer, lambda: services.application_register(
        by=p.officer,
        kind=ApplicationKind.INDIVIDUAL,
        reference_number="A900.001/2022",
        budget_year=p.year,
        received_on=date(2022, 3, 1),
        requested_amount=Decimal("300000"),
        applicant_municipality=municipality("1280"),
        case=services.IndividualCaseData(environment="criminal", protection_need=True),
        action_plan=PLAN,
    )


def action_plan_save(p):
    application = in_review(p)
    return p.officer, lambda: services.action_plan_save(
        application=application, by=p.officer, data=PLAN
    )


def document_add(p):
    application = in_review(p)
    upload = upload_check(file=SimpleUploadedFile("a.pdf", PDF, "application/pdf"))
    data = services.DocumentData(kind="application", upload=upload)
    return p.officer, lambda: services.document_add(
        application=application, by=p.officer, data=data
    )


def application_start_review(p):
    application = ApplicationFactory(budget_year=p.year)
    return p.officer, lambda: services.application_start_review(
        application=application, by=p.officer
    )


def individual_case_record_criterion(p):
    case = in_review(p).individual_case
    return p.officer, lambda: services.individual_case_record_criterion(
        case=case, by=p.officer, criterion=IndividualCase.CRITERIA[0], value=False
    )


def individual_case_record_criteria(p):
    case = in_review(p).individual_case
    return p.officer, lambda: services.individual_case_record_criteria(
        case=case, by=p.officer, values={IndividualCase.CRITERIA[0]: False}
    )


def individual_case_add_statement(p):
    case = in_review(p).individual_case
    return p.officer, lambda: services.individual_case_add_statement(
        case=case, by=p.officer, statement="En ny bedömning."
    )


def completion_request_create(p):
    application = in_review(p)
    reply_by = timezone.localdate() + timedelta(days=14)
    return p.officer, lambda: services.completion_request_create(
        application=application,
        by=p.officer,
        message="Intyg saknas.",
        reply_by=reply_by,
    )


def completion_request_answer(p):
    application = in_review(p)
    application.status = Status.COMPLETION_REQUESTED
    application.save(update_fields=["status"])
    request = CompletionRequest.objects.create(
        application=application,
        requested_on=timezone.localdate(),
        reply_by=timezone.localdate() + timedelta(days=14),
        message="Intyg saknas.",
        requested_by=p.officer,
    )
    return p.officer, lambda: services.completion_request_answer(
        completion_request=request, by=p.officer, answered_on=timezone.localdate()
    )


def completion_request_record_not_supplied(p):
    application = in_review(p)
    application.status = Status.COMPLETION_REQUESTED
    application.save(update_fields=["status"])
    today = timezone.localdate()
    request = CompletionRequest.objects.create(
        application=application,
        requested_on=today - timedelta(days=21),
        reply_by=today - timedelta(days=7),
        message="Intyg saknas.",
        requested_by=p.officer,
    )
    return p.officer, lambda: services.completion_request_record_not_supplied(
        completion_request=request, by=p.officer
    )


def proposal_submit(p):
    application = in_review(p)
    return p.officer, lambda: services.proposal_submit(
        application=application,
        by=p.officer,
        outcome=Outcome.GRANTED,
        motivation="Uppfyller kriterierna.",
        amount=application.requested_amount,
    )


def proposal_return(p):
    application = prepare(in_review(p), by=p.officer)
    return p.decider, lambda: services.proposal_return(
        application=application, by=p.decider, text="Komplettera planen."
    )


def application_withdraw(p):
    application = in_review(p)
    return p.officer, lambda: services.application_withdraw(
        application=application, by=p.officer, reason="Sökanden drog tillbaka."
    )


def application_close(p):
    application = prepare(in_review(p), by=p.officer, outcome=Outcome.REJECTED)
    services.application_decide(
        application=application,
        by=p.decider,
        outcome=Outcome.REJECTED,
        rejection_reason="incomplete",
    )
    return p.officer, lambda: services.application_close(
        application=application, by=p.officer
    )


def application_decide(p):
    application = prepare(in_review(p), by=p.officer)
    return p.decider, lambda: services.application_decide(
        application=application,
        by=p.decider,
        outcome=Outcome.GRANTED,
        amount=application.requested_amount,
    )


def disbursement_register(p):
    application = granted(p)
    return p.officer, lambda: services.disbursement_register(
        application=application,
        by=p.officer,
        amount=Decimal("100000"),
        paid_on=date(2022, 6, 1),
    )


def follow_up_register(p):
    application = granted(p)
    return p.officer, lambda: services.follow_up_register(
        application=application, by=p.officer, due_on=date(2023, 3, 1)
    )


def individual_identity_set_(p):
    case = in_review(p).individual_case
    return p.officer, lambda: individual_identity_set(
        case=case, by=p.officer, full_name="Test Testsson"
    )


def individual_identity_clear_(p):
    case = in_review(p).individual_case
    individual_identity_set(case=case, by=p.officer, full_name="Test Testsson")
    return p.officer, lambda: individual_identity_clear(case=case, by=p.officer)


def applications_import_(p):
    user = importer()
    dataset = dataset_read(csv_bytes([row()]))
    return user, lambda: applications_import(dataset=dataset, by=user)


SCENARIOS = {
    "applications.services.application_transition": application_transition,
    "applications.services.application_register": application_register,
    "applications.services.action_plan_save": action_plan_save,
    "applications.services.document_add": document_add,
    "applications.services.application_start_review": application_start_review,
    "applications.services.individual_case_record_criterion": (
        individual_case_record_criterion
    ),
    "applications.services.individual_case_record_criteria": (
        individual_case_record_criteria
    ),
    "applications.services.individual_case_add_statement": (
        individual_case_add_statement
    ),
    "applications.services.completion_request_create": completion_request_create,
    "applications.services.completion_request_answer": completion_request_answer,
    "applications.services.completion_request_record_not_supplied": (
        completion_request_record_not_supplied
    ),
    "applications.services.proposal_submit": proposal_submit,
    "applications.services.proposal_return": proposal_return,
    "applications.services.application_withdraw": application_withdraw,
    "applications.services.application_close": application_close,
    "applications.services.application_decide": application_decide,
    "applications.services.disbursement_register": disbursement_register,
    "applications.services.follow_up_register": follow_up_register,
    "applications.identity.individual_identity_set": individual_identity_set_,
    "applications.identity.individual_identity_clear": individual_identity_clear_,
    "exchange.imports.applications_import": applications_import_,
}


def _defined_at(path: str) -> str:
    """Where the function a public path names is defined (a package re-exports
    the services of its modules)."""
    module, name = path.rsplit(".", 1)
    function = getattr(importlib.import_module(module), name)
    return f"{function.__module__}.{function.__name__}"


SCENARIOS = {_defined_at(path): scenario for path, scenario in SCENARIOS.items()}


def services_taking_a_user() -> set[str]:
    """Every public function of the applications and exchange apps with a `by`."""
    found = set()
    for package in (applications, exchange):
        for module_info in pkgutil.walk_packages(
            package.__path__, package.__name__ + "."
        ):
            if ".migrations" in module_info.name or ".management" in module_info.name:
                continue
            module = importlib.import_module(module_info.name)
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if name.startswith("_") or function.__module__ != module.__name__:
                    continue
                if "by" in inspect.signature(function).parameters:
                    found.add(f"{module.__name__}.{name}")
    return found - NOT_SERVICES


def test_every_service_that_takes_a_user_has_a_scenario():
    assert services_taking_a_user() == set(SCENARIOS)


@pytest.mark.parametrize("service", sorted(SCENARIOS))
def test_a_service_called_outside_a_request_names_its_user_in_every_entry(
    service, people
):
    actor, call = SCENARIOS[service](people)
    assert current_context() is None, "outside any request"
    last = LogEntry.objects.order_by("pk").values_list("pk", flat=True).last() or 0

    call()

    entries = LogEntry.objects.filter(pk__gt=last)
    assert entries.exists(), f"{service} wrote no audit entry"
    assert {entry.actor for entry in entries} == {actor}
    assert current_context() is None, "no actor is left behind"


def test_interventions_created_in_bulk_are_recorded_with_their_actor(people):
    application = in_review(people)

    services.action_plan_save(application=application, by=people.officer, data=PLAN)

    created = LogEntry.objects.get_for_objects(
        Intervention.objects.filter(action_plan__application=application)
    ).filter(action=LogEntry.Action.CREATE)
    assert [entry.actor for entry in created] == [people.officer]
    assert created.get().changes["cost"] == [
        "None",
        str(PLAN.interventions[0].cost),
    ]


def test_a_service_inside_a_request_of_another_user_names_its_own_user(people):
    """The user passed to the service is the actor, whoever runs the request."""
    from tests.audit.test_trail import as_request

    application = ApplicationFactory(budget_year=people.year)
    other = UserFactory(roles=[Role.CASE_OFFICER])

    def change():
        services.application_start_review(application=application, by=people.officer)

    as_request(other, change, ip="10.0.0.9")
    entry = LogEntry.objects.get_for_object(application).latest("pk")
    assert (entry.actor, entry.remote_addr) == (people.officer, "10.0.0.9")
    assert current_context() is None, "the request's actor ends with it"


def test_audited_by_leaves_the_context_alone_without_a_user():
    @audited_by("by")
    def service(*, by):
        return current_context()

    assert service(by=None) is None
    user = UserFactory()
    assert service(by=user)["actor"] == user
    assert current_context() is None
    assert service.audit_actor_argument == "by"


def test_the_request_actor_ends_with_the_request():
    """django-auditlog's middleware leaves its context behind; ours does not, so a
    change made later in the same thread is not put on that request's user."""
    from tests.audit.test_trail import as_request

    case = IndividualCaseFactory()
    as_request(UserFactory(), lambda: None, ip="10.0.0.3")
    assert current_context() is None
    case.is_motivated = True
    case.save(update_fields=["is_motivated"])
    entry = LogEntry.objects.get_for_object(case).latest("pk")
    assert (entry.actor, entry.remote_addr) == (None, None)
