"""Four-eyes cannot be walked around: every version of the föredragning is kept
with its author, nobody who wrote or presented any version decides, and nobody
sends back a proposal they wrote themselves. All data is invented."""

import importlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from applications import permissions, selectors, services
from applications.models import Decision, Outcome, ProposalVersion, Status
from tests.factories import UserFactory, delegate
from tests.scenarios import complete_individual_application


def submit(application, by, amount="300000", motivation="Uppfyller kriterierna."):
    return services.proposal_submit(
        application=application,
        by=by,
        outcome=Outcome.GRANTED,
        amount=Decimal(amount),
        motivation=motivation,
    )


def decide(application, by):
    return services.application_decide(
        application=application,
        by=by,
        outcome=Outcome.GRANTED,
        amount=Decimal("300000"),
    )


@pytest.fixture
def both_roles(db):
    """A user who is both handläggare and beslutsfattare, with a delegation."""
    user = UserFactory(
        username="bada-rollerna", roles=[Role.CASE_OFFICER, Role.DECISION_MAKER]
    )
    delegate(user)
    return user


@pytest.fixture
def colleague_officer(db):
    """A handläggare who is also beslutsfattare, to resubmit the proposal."""
    user = UserFactory(
        username="kollega", roles=[Role.CASE_OFFICER, Role.DECISION_MAKER]
    )
    delegate(user)
    return user


@pytest.fixture
def walked_around(budget_year, both_roles, decider, colleague_officer):
    """The walk-around from the security test: A prepares, B returns, C resubmits."""
    application = complete_individual_application(budget_year=budget_year)
    submit(application, both_roles, motivation="Första versionen.")
    services.proposal_return(application=application, by=decider, text="Se över.")
    submit(application, colleague_officer, motivation="Första versionen.")
    application.refresh_from_db()
    return application


def test_an_author_cannot_send_back_their_own_proposal(budget_year, both_roles):
    application = complete_individual_application(budget_year=budget_year)
    submit(application, both_roles)
    application.refresh_from_db()

    assert not permissions.can_return_proposal(both_roles, application)
    with pytest.raises(PermissionDenied):
        services.proposal_return(application=application, by=both_roles, text="Åter.")
    application.refresh_from_db()
    assert application.status == Status.PREPARED


def test_another_decision_maker_may_send_the_proposal_back(
    budget_year, both_roles, decider
):
    application = complete_individual_application(budget_year=budget_year)
    submit(application, both_roles)
    application.refresh_from_db()

    assert permissions.can_return_proposal(decider, application)


def test_the_author_of_an_earlier_version_cannot_decide_after_a_resubmission(
    walked_around, both_roles
):
    assert walked_around.status == Status.PREPARED
    assert walked_around.proposal.prepared_by != both_roles
    assert not permissions.can_decide(both_roles, walked_around)
    with pytest.raises(PermissionDenied, match="fyra ögon|four-eyes"):
        decide(walked_around, both_roles)
    assert not Decision.objects.filter(application=walked_around).exists()


def test_the_author_of_the_version_in_force_cannot_decide(
    walked_around, colleague_officer
):
    assert not permissions.can_decide(colleague_officer, walked_around)
    with pytest.raises(PermissionDenied):
        decide(walked_around, colleague_officer)
    assert not Decision.objects.filter(application=walked_around).exists()


def test_a_decision_maker_who_wrote_no_version_decides_presented_by_the_last_author(
    walked_around, colleague_officer
):
    independent = UserFactory(username="oberoende", roles=[Role.DECISION_MAKER])
    delegate(independent)

    assert permissions.can_decide(independent, walked_around)
    decision = decide(walked_around, independent)
    assert decision.decided_by == independent
    assert decision.presented_by == colleague_officer


def test_the_decision_queue_leaves_out_every_author_of_any_version(
    walked_around, both_roles, colleague_officer, decider
):
    assert walked_around not in selectors.decision_queue(user=both_roles)
    assert walked_around not in selectors.decision_queue(user=colleague_officer)
    assert walked_around in selectors.decision_queue(user=decider)


def test_every_version_is_kept_with_its_author_in_order(
    walked_around, both_roles, colleague_officer
):
    versions = list(walked_around.proposal_versions.order_by("number"))
    assert [(v.number, v.prepared_by) for v in versions] == [
        (1, both_roles),
        (2, colleague_officer),
    ]
    assert versions[0].prepared_at <= versions[1].prepared_at
    assert all(v.motivation == "Första versionen." for v in versions)
    assert walked_around.proposal.prepared_by == colleague_officer


def test_the_detail_page_lists_the_versions_with_authors_and_dates(
    client, walked_around, decider, both_roles, colleague_officer
):
    client.force_login(decider)
    response = client.get(
        reverse("applications:detail", args=[walked_around.pk]),
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 200
    html = response.content.decode()
    history = html[html.index('id="proposal-versions"') :]
    history = history[: history.index("</table>")]
    assert "Föredragningens versioner" in history
    assert history.index(str(both_roles)) < history.index(str(colleague_officer))
    for version in walked_around.proposal_versions.all():
        # Shown in local time (Europe/Stockholm), whatever the hour in UTC.
        shown = timezone.localtime(version.prepared_at).strftime("%Y-%m-%d %H:%M")
        assert shown in history


def test_the_migration_makes_each_existing_proposal_its_first_version(
    prepared, officer
):
    # A proposal from before versions were kept: the service wrote a version, the
    # data of that time had none.
    ProposalVersion.objects.filter(application=prepared).delete()
    migration = importlib.import_module("applications.migrations.0012_proposal_version")

    migration.first_versions(apps, SimpleNamespace(connection=connection))

    (version,) = ProposalVersion.objects.filter(application=prepared)
    proposal = prepared.proposal
    assert version.number == 1
    assert version.prepared_by == officer
    assert (version.outcome, version.amount, version.motivation) == (
        proposal.outcome,
        proposal.amount,
        proposal.motivation,
    )
    assert version.prepared_at == proposal.prepared_at
