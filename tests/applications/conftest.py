"""Cases in the stages of the workflow, brought there through the services
(tests/scenarios.py). The users of each role are in tests/conftest.py. All data
is invented."""

from datetime import date

import pytest

from applications.models import Status
from tests.scenarios import case_at


@pytest.fixture
def in_review(budget_year, officer):
    """A complete individärende in review, assigned to the handläggare."""
    return case_at(Status.IN_REVIEW, budget_year=budget_year, officer=officer)


@pytest.fixture
def prepared(budget_year, officer):
    """The same, proposed for a grant of the requested 300 000 kr by the handläggare."""
    return case_at(Status.PREPARED, budget_year=budget_year, officer=officer)


@pytest.fixture
def granted(budget_year, officer, decider):
    """The same, granted in full by the beslutsfattare on 2 May 2022."""
    return case_at(
        Status.GRANTED,
        budget_year=budget_year,
        officer=officer,
        decider=decider,
        decided_on=date(2022, 5, 2),
    )
