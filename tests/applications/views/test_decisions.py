"""The decision pages: the budget and the delegation on the form, the queue and
the decision letter."""

from decimal import Decimal

from django.urls import reverse

from accounts.roles import Role
from applications.models import (
    Status,
)
from tests.factories import UserFactory, delegate
from tests.scenarios import case_at


def test_decide_shows_the_remaining_budget_when_refused(
    client, decider, officer, budget_year
):
    budget_year.ceiling = Decimal("100000")
    budget_year.operating_grant_ceiling = None
    budget_year.save()
    application = case_at(Status.PREPARED, budget_year=budget_year, officer=officer)
    client.force_login(decider)
    response = client.post(
        reverse("applications:decide", args=[application.pk]),
        {"outcome": "granted", "amount": "300 000"},
    )
    page = response.content.decode()
    assert "Över anslaget för 2022. Återstår: 100\u00a0000\u00a0kr." in page


def test_decide_outside_delegation_shows_a_message(client, officer, budget_year):
    small = UserFactory(roles=["Beslutsfattare"])
    delegate(small, max_amount="1000")
    application = case_at(Status.PREPARED, budget_year=budget_year, officer=officer)
    client.force_login(small)
    response = client.post(
        reverse("applications:decide", args=[application.pk]),
        {"outcome": "granted", "amount": "300000"},
    )
    assert "Din delegation omfattar inte" in response.content.decode()


def test_decision_queue_shows_only_what_the_delegation_covers(
    client, officer, budget_year
):
    # Also a handläggare, so that there is a case they prepared themselves.
    small = UserFactory(roles=[Role.DECISION_MAKER, Role.CASE_OFFICER])
    delegate(small, max_amount="100000")
    year = {"budget_year": budget_year}
    cheap = case_at(Status.PREPARED, officer=officer, requested="50000", **year)
    case_at(Status.PREPARED, officer=officer, requested="500000", **year)
    case_at(Status.PREPARED, officer=small, requested="5000", **year)
    client.force_login(small)
    response = client.get(reverse("applications:decision_queue"))
    assert list(response.context["queue"]) == [cheap]


def test_decision_letter_is_a_pdf_with_the_decision(client, officer, granted):
    client.force_login(officer)
    response = client.get(reverse("applications:decision_letter", args=[granted.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="beslut-')
    assert response.content.startswith(b"%PDF")
