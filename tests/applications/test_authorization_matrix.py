"""Every URL of the project, requested as every role and anonymously.

The URL list comes from the URLconf itself: a URL added without a row in
MATRIX fails `test_every_url_has_a_row`.
"""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from applications.models import Document, Status
from reports.models import AnnualReport, ReportVersion
from tests.factories import BudgetYearFactory, decider_user, officer_user
from tests.scenarios import case_at

ROLES = (
    "anonymous",
    "no_role",
    "officer",
    "decider",
    "coordinator",
    "reader",
    "auditor",
)
CASE_ROLES = {"officer", "decider", "coordinator", "reader"}
CASE_READERS = {"officer", "decider", "reader"}
REPORT_READERS = {"officer", "decider", "reader", "auditor"}


def allow(*roles, ok=200, refused=403, anonymous=302):
    """Expected status per role: `ok` for the given roles, `refused` for others."""
    expected = {role: (ok if role in roles else refused) for role in ROLES}
    expected["anonymous"] = anonymous
    return expected


def same_for_all(status):
    return dict.fromkeys(ROLES, status)


# URL name -> (method, argument names, expected status per role)
MATRIX = {
    "set_language": ("post", (), same_for_all(302)),
    "login": ("get", (), same_for_all(200)),
    # The tillgänglighetsredogörelse: public, linked from every page's footer.
    "accessibility_statement": ("get", (), same_for_all(200)),
    "logout": ("post", (), same_for_all(302)),
    "admin": ("get", (), same_for_all(302)),
    "applications:home": (
        "get",
        (),
        {**dict.fromkeys(ROLES, 302), "no_role": 200},
    ),
    "applications:list": ("get", (), allow(*CASE_ROLES)),
    "applications:export": ("get", ("fmt",), allow(*CASE_READERS)),
    "applications:register_start": ("get", (), allow("officer")),
    "applications:register": ("get", ("kind",), allow("officer")),
    "applications:detail": ("get", ("in_review",), allow(*CASE_ROLES)),
    "applications:start_review": ("post", ("in_review",), allow("officer", ok=302)),
    "applications:criteria": ("get", ("in_review",), allow("officer")),
    "applications:statement": ("get", ("in_review",), allow("officer", "coordinator")),
    "applications:action_plan": ("get", ("in_review",), allow("officer")),
    "applications:completion_new": ("get", ("in_review",), allow("officer")),
    "applications:completion_answer": (
        "get",
        ("waiting", "completion"),
        allow("officer"),
    ),
    "applications:completion_not_supplied": (
        "get",
        ("waiting", "completion"),
        allow("officer"),
    ),
    "applications:completion_letter": (
        "get",
        ("waiting", "completion"),
        allow("officer", "decider"),
    ),
    "applications:document_upload": ("get", ("in_review",), allow("officer")),
    "applications:document_download": (
        "get",
        ("in_review", "document"),
        allow("officer", "decider"),
    ),
    "applications:propose": ("get", ("in_review",), allow("officer")),
    "applications:withdraw": ("get", ("in_review",), allow("officer")),
    "applications:close": ("get", ("rejected",), allow("officer")),
    "applications:decide": ("get", ("prepared",), allow("decider")),
    "applications:return_proposal": ("get", ("prepared",), allow("decider")),
    "applications:decision_letter": (
        "get",
        ("granted",),
        allow("officer", "decider"),
    ),
    "applications:disbursement_new": ("get", ("granted",), allow("officer")),
    "applications:follow_up": ("get", ("granted",), allow("officer")),
    "applications:decision_queue": ("get", (), allow("decider")),
    "applications:follow_up_overdue": ("get", (), allow(*CASE_READERS)),
    "applications:dashboard": ("get", (), allow(*CASE_READERS, "auditor", ok=302)),
    "applications:dashboard_year": ("get", ("year",), allow(*CASE_READERS, "auditor")),
    # Identity of an individärende: handläggare and beslutsfattare only.
    "application_identity": ("get", ("in_review",), allow("officer", "decider")),
    # Its erasure asks first: handläggare only.
    "application_identity_erase": ("get", ("in_review",), allow("officer")),
    # Two-factor enrolment and verification: every signed-in user, for themselves.
    "two_factor_setup": ("get", (), {**same_for_all(200), "anonymous": 302}),
    "two_factor_verify": ("get", (), {**same_for_all(302), "anonymous": 302}),
    "password_change": ("get", (), {**same_for_all(200), "anonymous": 302}),
    "password_choose": ("get", (), same_for_all(302)),
    # The audit trail: granskare only.
    "audit:log": ("get", (), allow("auditor")),
    "audit:export": ("get", (), allow("auditor")),
    # The annual redovisning (reports/permissions.py).
    "reports:index": ("get", (), allow(*REPORT_READERS)),
    "reports:detail": ("get", ("year",), allow(*REPORT_READERS)),
    "reports:pdf": ("get", ("year",), allow(*REPORT_READERS)),
    "reports:export": ("get", ("year", "csv"), allow(*REPORT_READERS)),
    "reports:narratives": ("get", ("year",), allow("officer")),
    "reports:versions": ("get", ("year",), allow(*REPORT_READERS)),
    "reports:freeze": ("post", ("year",), allow("decider", ok=302)),
    "reports:version_pdf": ("get", ("year", "version"), allow(*REPORT_READERS)),
}


def url_names(patterns=None, namespace=""):
    """Every named URL of the project; the admin site counts as one group."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                yield "admin"
                continue
            inner = pattern.namespace or ""
            prefix = f"{namespace}:{inner}" if namespace and inner else inner
            yield from url_names(pattern.url_patterns, prefix or namespace)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_row():
    names = set(url_names())
    assert names - set(MATRIX) == set(), "URLs without a row in the matrix"
    assert set(MATRIX) - names == set(), "rows for URLs that no longer exist"


@pytest.fixture(scope="module")
def cases(django_db_setup, django_db_blocker):
    """A case in each status the pages need, in the coordinator's region.

    Built once for the module through the services and rolled back after it:
    each test runs in a savepoint inside, so its own writes go with it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        people = {
            "budget_year": BudgetYearFactory(year=2022),
            "officer": officer_user(),
            "decider": decider_user(),
        }
        waiting = case_at(Status.COMPLETION_REQUESTED, **people)
        yield {
            "in_review": case_at(Status.IN_REVIEW, **people),
            "prepared": case_at(Status.PREPARED, **people),
            "waiting": waiting,
            "completion": waiting.completion_requests.get(),
            "granted": case_at(Status.GRANTED, amount="1000", **people),
            "rejected": case_at(Status.REJECTED, **people),
        }
        transaction.set_rollback(True)


@pytest.fixture
def world(
    cases,
    db,
    settings,
    tmp_path,
    officer,
    decider,
    coordinator,
    reader,
    auditor,
    no_role_user,
):
    """The cases, a document and a frozen report, and a user per role."""
    settings.MEDIA_ROOT = tmp_path
    in_review = cases["in_review"]
    budget_year = in_review.budget_year
    prepared, waiting, completion = (
        cases["prepared"],
        cases["waiting"],
        cases["completion"],
    )
    granted, rejected = cases["granted"], cases["rejected"]
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
    report = AnnualReport.objects.create(budget_year=budget_year)
    ReportVersion.objects.create(
        report=report,
        number=1,
        pdf=b"%PDF-1.4 frozen",
        sha256="0" * 64,
        size=15,
        sent_by=decider,
        sent_at=timezone.now(),
    )
    return {
        "users": {
            "no_role": no_role_user,
            "officer": officer,
            "decider": decider,
            "coordinator": coordinator,
            "reader": reader,
            "auditor": auditor,
        },
        "args": {
            "fmt": "csv",
            "kind": "individual",
            "in_review": in_review.pk,
            "prepared": prepared.pk,
            "waiting": waiting.pk,
            "completion": completion.pk,
            "granted": granted.pk,
            "rejected": rejected.pk,
            "document": document.pk,
            "year": budget_year.year,
            "csv": "csv",
            "version": 1,
        },
    }


def url_for(name: str, arg_names, args) -> str:
    if name == "admin":
        return reverse("admin:index")
    return reverse(name, args=[args[a] for a in arg_names])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_as_role(client, world, name, role):
    method, arg_names, expected = MATRIX[name]
    if role != "anonymous":
        client.force_login(world["users"][role])
    url = url_for(name, arg_names, world["args"])
    data = {"language": "sv", "next": "/"} if name == "set_language" else {}
    response = getattr(client, method)(url, data)
    assert response.status_code == expected[role], (url, role)
    if expected[role] == 302 and role == "anonymous" and name.startswith("app"):
        assert response["Location"].startswith(reverse("login"))
