"""Every page that shows an individärende records exactly one read in the audit
trail per request, and a page of an agency application records none.

The URL list comes from the URLconf itself: every named URL with a `pk` is
either in PAGES (requested and checked) or in NOT_PAGES with the reason it
shows nothing; one added without a row fails `test_every_case_url_has_a_row`.
"""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role
from applications import services
from applications.models import (
    CompletionRequest,
    Document,
    IndividualCase,
    Outcome,
    StaffProfile,
    Status,
)
from audit.access import log_access
from audit.services import AccessAction
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    UserFactory,
    delegate,
    municipality,
)
from tests.scenarios import complete_individual_application, prepare, reject

pytestmark = pytest.mark.django_db

VIEW, IDENTITY, DOWNLOAD = (
    AccessAction.VIEW,
    AccessAction.VIEW_IDENTITY,
    AccessAction.DOWNLOAD,
)

# URL name -> (the application's state, who reads it, other URL arguments, the
# read recorded). Each page is requested with GET by a user allowed to see it.
PAGES = {
    "applications:detail": ("in_review", "officer", (), VIEW),
    "applications:criteria": ("in_review", "officer", (), VIEW),
    "applications:statement": ("in_review", "coordinator", (), VIEW),
    "applications:action_plan": ("in_review", "officer", (), VIEW),
    "applications:completion_new": ("in_review", "officer", (), VIEW),
    "applications:completion_answer": ("waiting", "officer", ("completion",), VIEW),
    "applications:completion_not_supplied": (
        "waiting",
        "officer",
        ("completion",),
        VIEW,
    ),
    "applications:completion_letter": ("waiting", "officer", ("completion",), VIEW),
    "applications:document_upload": ("in_review", "officer", (), VIEW),
    "applications:document_download": (
        "in_review",
        "officer",
        ("document",),
        DOWNLOAD,
    ),
    "applications:propose": ("in_review", "officer", (), VIEW),
    "applications:withdraw": ("in_review", "officer", (), VIEW),
    "applications:close": ("rejected", "officer", (), VIEW),
    "applications:decide": ("prepared", "decider", (), VIEW),
    "applications:return_proposal": ("prepared", "decider", (), VIEW),
    "applications:decision_letter": ("granted", "officer", (), VIEW),
    "applications:disbursement_new": ("granted", "officer", (), VIEW),
    "applications:follow_up": ("granted", "officer", (), VIEW),
    "application_identity": ("in_review", "officer", (), IDENTITY),
    "application_identity_erase": ("in_review", "officer", (), VIEW),
}

# URLs with a `pk` that show no page of the case, with the reason.
NOT_PAGES = {
    # POST only (405 on GET); answers with a redirect to the detail page, which
    # records its own read.
    "applications:start_review",
}


def case_url_names(patterns=None, namespace=""):
    """Every named URL of the project whose route takes a `pk`."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = pattern.namespace or ""
            prefix = f"{namespace}:{inner}" if namespace and inner else inner
            yield from case_url_names(pattern.url_patterns, prefix or namespace)
        elif isinstance(pattern, URLPattern) and "pk" in pattern.pattern.converters:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_case_url_has_a_row():
    names = set(case_url_names())
    assert "applications:statement" in names  # the walk finds the case pages
    assert names - set(PAGES) - NOT_PAGES == set(), "case URLs without a row"
    assert (set(PAGES) | NOT_PAGES) - names == set(), "rows for no URL"
    assert set(PAGES) & NOT_PAGES == set()


@pytest.fixture
def scenario(settings, tmp_path):
    """Applications in the state each page needs, in the samordnare's region."""
    settings.MEDIA_ROOT = tmp_path
    budget_year = BudgetYearFactory(year=2022)
    officer = UserFactory(roles=[Role.CASE_OFFICER])
    decider = UserFactory(roles=[Role.DECISION_MAKER])
    delegate(decider, max_amount="100000000")
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    StaffProfile.objects.create(
        user=coordinator, police_region=municipality().police_region
    )
    in_review = complete_individual_application(
        budget_year=budget_year, assigned_to=officer
    )
    waiting = complete_individual_application(
        budget_year=budget_year, status=Status.COMPLETION_REQUESTED
    )
    completion = CompletionRequest.objects.create(
        application=waiting,
        requested_on=date(2022, 3, 2),
        reply_by=date(2022, 3, 20),
        message="Samtycke saknas.",
        requested_by=officer,
    )
    granted = prepare(
        complete_individual_application(budget_year=budget_year), by=officer
    )
    services.application_decide(
        application=granted, by=decider, outcome=Outcome.GRANTED, amount=1000
    )
    document = Document(
        application=in_review,
        kind="application",
        original_name="ansokan.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
        uploaded_by=officer,
    )
    document.file.save("test.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    return {
        "users": {"officer": officer, "decider": decider, "coordinator": coordinator},
        "applications": {
            "in_review": in_review,
            "waiting": waiting,
            "granted": granted,
            "prepared": prepare(
                complete_individual_application(budget_year=budget_year), by=officer
            ),
            "rejected": reject(
                budget_year=budget_year, officer=officer, decider=decider
            ),
        },
        "args": {"completion": completion.pk, "document": document.pk},
        "document": document,
    }


def reads_during(request_it) -> list[LogEntry]:
    """The read entries written while `request_it` runs."""
    last = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    request_it()
    return list(
        LogEntry.objects.filter(pk__gt=last, action=LogEntry.Action.ACCESS).order_by(
            "pk"
        )
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_case_page_records_exactly_one_read_per_request(client, scenario, name):
    state, role, arg_names, action = PAGES[name]
    application = scenario["applications"][state]
    case = IndividualCase.objects.get(application=application)
    user = scenario["users"][role]
    client.force_login(user)
    others = [scenario["args"][arg] for arg in arg_names]
    url = reverse(name, args=[application.pk, *others])

    for _ in range(2):  # each request records its own read
        response = None

        def get(url=url):
            nonlocal response
            response = client.get(url, REMOTE_ADDR="192.0.2.40")

        [entry] = reads_during(get)
        assert response.status_code == 200, url
        read = scenario["document"] if action == DOWNLOAD else case
        assert entry.content_type == ContentType.objects.get_for_model(read)
        assert entry.object_pk == str(read.pk)
        assert entry.additional_data == {"access": action}
        assert (entry.actor, entry.remote_addr) == (user, "192.0.2.40")


def test_a_form_shown_again_with_errors_records_one_read(client, scenario):
    application = scenario["applications"]["in_review"]
    client.force_login(scenario["users"]["coordinator"])
    url = reverse("applications:statement", args=[application.pk])
    response = None

    def post():
        nonlocal response
        response = client.post(url, {"statement": ""})

    [entry] = reads_during(post)
    assert response.status_code == 200
    assert "error_items" in response.context and response.context["error_items"]
    assert entry.object_pk == str(application.individual_case.pk)


def test_a_post_that_redirects_records_no_read(client, scenario):
    application = scenario["applications"]["in_review"]
    client.force_login(scenario["users"]["coordinator"])
    url = reverse("applications:statement", args=[application.pk])
    response = None

    def post():
        nonlocal response
        response = client.post(url, {"statement": "Tillstyrks."})

    assert reads_during(post) == []
    assert response.status_code == 302


def test_a_refused_request_records_no_read(client, scenario):
    application = scenario["applications"]["in_review"]
    client.force_login(scenario["users"]["decider"])
    url = reverse("applications:statement", args=[application.pk])
    assert reads_during(lambda: client.get(url)) == []


@pytest.mark.parametrize("name", ["detail", "withdraw", "propose"])
def test_a_page_of_an_agency_application_records_no_read(client, name):
    officer = UserFactory(roles=[Role.CASE_OFFICER])
    application = ApplicationFactory(
        agency=True, status=Status.IN_REVIEW, assigned_to=officer
    )
    client.force_login(officer)
    url = reverse(f"applications:{name}", args=[application.pk])
    response = None

    def get():
        nonlocal response
        response = client.get(url)

    assert reads_during(get) == []
    assert response.status_code == 200


def test_a_request_that_reads_its_case_twice_records_it_once():
    case = IndividualCase.objects.get(
        application=complete_individual_application(
            budget_year=BudgetYearFactory(year=2022)
        )
    )
    request = RequestFactory().get("/")
    request.user = UserFactory(roles=[Role.CASE_OFFICER])

    def read_twice():
        log_access(request, case)
        log_access(request, case)

    assert len(reads_during(read_twice)) == 1
