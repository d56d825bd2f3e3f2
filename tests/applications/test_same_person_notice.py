"""The same-person notice: on the decide page and the identity page of both
cases, with each diarienummer as a link, only for those who may see
identity, and in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.identity import individual_identity_set, same_person_for
from applications.models import Status
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db

NUMBER = "191212121212"


@pytest.fixture
def pair(budget_year, officer, decider):
    """Two individärenden about the same person: one in review, one prepared."""
    first = case_at(Status.IN_REVIEW, budget_year=budget_year, officer=officer)
    second = case_at(Status.PREPARED, budget_year=budget_year, officer=officer)
    for application in (first, second):
        individual_identity_set(
            case=application.individual_case, by=officer, personal_number=NUMBER
        )
    return first, second


def link(application) -> str:
    detail = reverse("applications:detail", args=[application.pk])
    return f'<a href="{detail}">{application.reference_number}</a>'


def test_the_decide_page_links_the_other_case(client, decider, pair):
    first, second = pair
    client.force_login(decider)
    page = client.get(reverse("applications:decide", args=[second.pk])).content
    assert link(first) in page.decode()


def test_the_identity_page_links_the_other_case(client, officer, pair):
    first, second = pair
    client.force_login(officer)
    page = client.get(reverse("application_identity", args=[first.pk])).content
    assert link(second) in page.decode()


def test_a_reader_gets_no_same_person_matches(reader, pair):
    first, second = pair
    assert same_person_for(user=reader, application=first) == []


def test_a_case_without_a_personal_number_matches_nothing(officer, budget_year, pair):
    lone = case_at(Status.IN_REVIEW, budget_year=budget_year, officer=officer)
    individual_identity_set(case=lone.individual_case, by=officer, full_name="X")
    assert same_person_for(user=officer, application=lone) == []


def test_the_matches_are_read_in_one_query(officer, pair):
    first, second = pair
    with CaptureQueriesContext(connection) as queries:
        matches = same_person_for(user=officer, application=first)
    assert [(m.pk, m.reference_number) for m in matches] == [
        (second.pk, second.reference_number)
    ]
    permission_queries = [q for q in queries if "identity" not in q["sql"].lower()]
    assert len(queries) - len(permission_queries) == 1
