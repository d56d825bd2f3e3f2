"""Pages run a bounded number of queries, the same for small and large data."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from applications import services
from applications.models import (
    CompletionRequest,
    CriterionRecord,
    Document,
    IndividualCase,
    Outcome,
    Status,
)
from tests.factories import (
    InterventionFactory,
    UserFactory,
    delegate,
    officer_user,
)
from tests.scenarios import case_at, prepare

BUDGET = 15


def populate(size, *, budget_year, officer, decider):
    """`size` applications, every other one granted and paid out in `size` parts,
    each with `size` related rows.

    The cases move through the services. The related rows that only add volume
    (criterion records, answered kompletteringar, insatser, bilagor) are written
    directly: through the services they would only repeat the same rows slower.
    """
    staff = [officer_user(f"handlaggare-q{k}") for k in range(3)]
    for n in range(size):
        application = case_at(
            Status.IN_REVIEW, budget_year=budget_year, officer=staff[n % 3]
        )
        case = application.individual_case
        for i in range(size):
            CriterionRecord.objects.create(
                case=case,
                criterion=IndividualCase.CRITERIA[i % 7],
                value=True,
                recorded_by=staff[i % 3],
            )
            CompletionRequest.objects.create(
                application=application,
                requested_on=date(2022, 3, 2),
                reply_by=date(2022, 3, 2) + timedelta(days=i),
                message="Saknas",
                requested_by=staff[i % 3],
                answered_on=date(2022, 3, 3),
            )
            InterventionFactory(action_plan=application.action_plan, cost=0)
            document = Document(
                application=application,
                kind="other",
                original_name=f"bilaga-{i}.pdf",
                content_type="application/pdf",
                size=8,
                sha256="0" * 64,
                uploaded_by=staff[i % 3],
            )
            document.file.save(f"q{i}.pdf", ContentFile(b"%PDF-1.4"), save=False)
            document.save()
        prepare(application, by=officer)
        if n % 2:
            services.application_decide(
                application=application,
                by=decider,
                outcome=Outcome.GRANTED,
                amount=1000,
            )
            for _ in range(size):
                services.disbursement_register(
                    application=application,
                    by=officer,
                    amount=Decimal("1"),
                    paid_on=date(2022, 6, 1),
                )
    return application


PAGES = {
    "work list": lambda last: reverse("applications:list"),
    "filtered work list": lambda last: (
        reverse("applications:list") + "?q=a&sort=-requested_amount&status=paid"
    ),
    "detail": lambda last: reverse("applications:detail", args=[last.pk]),
    "decision queue": lambda last: reverse("applications:decision_queue"),
    "dashboard": lambda last: reverse(
        "applications:dashboard_year", args=[last.budget_year.year]
    ),
    "overdue follow-ups": lambda last: reverse("applications:follow_up_overdue"),
}


def count_queries(client, url, assert_max) -> int:
    """Fetch the page within the budget and say how many queries it ran."""
    with assert_max(BUDGET) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page_name", sorted(PAGES))
def test_page_queries_are_bounded_and_independent_of_size(
    client,
    django_assert_max_num_queries,
    settings,
    tmp_path,
    budget_year,
    officer,
    decider,
    page_name,
):
    settings.MEDIA_ROOT = tmp_path
    viewer = UserFactory(username="both", roles=["Handläggare", "Beslutsfattare"])
    delegate(viewer, max_amount="100000000")
    client.force_login(viewer)
    small = populate(2, budget_year=budget_year, officer=officer, decider=decider)
    small_count = count_queries(
        client, PAGES[page_name](small), django_assert_max_num_queries
    )
    large = populate(8, budget_year=budget_year, officer=officer, decider=decider)
    large_count = count_queries(
        client, PAGES[page_name](large), django_assert_max_num_queries
    )
    assert large_count == small_count
