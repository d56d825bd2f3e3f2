"""The budget guard holds when several decisions are made at the same time.

Each thread decides its own application in its own transaction and database
connection; together they ask for more than the anslag. The budget year row
lock (select_for_update) makes them queue, so the total never ends above it.
"""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from applications.models import Decision, Outcome, Status
from applications.services import application_decide
from tests.scenarios import case_at

THREADS = 6
AMOUNT = Decimal("300000")
CEILING = Decimal("1000000")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_grants_never_exceed_the_ceiling(
    reference_data, budget_year, officer, decider
):
    budget_year.ceiling = CEILING
    budget_year.initial_ceiling = CEILING
    budget_year.operating_grant_ceiling = None
    budget_year.save()
    applications = [
        case_at(
            Status.PREPARED,
            budget_year=budget_year,
            officer=officer,
            requested=str(AMOUNT),
        )
        for _ in range(THREADS)
    ]
    start = threading.Barrier(THREADS)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def decide(application):
        try:
            start.wait(timeout=30)
            application_decide(
                application=application,
                by=decider,
                outcome=Outcome.GRANTED,
                amount=AMOUNT,
            )
            outcomes.append("granted")
        except ValidationError as refused:
            assert refused.code == "over_ceiling"
            outcomes.append("refused")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    total = Decision.objects.aggregate(total=Sum("granted_amount"))["total"]
    assert total <= CEILING
    assert outcomes.count("granted") == int(CEILING // AMOUNT) == 3
    assert outcomes.count("refused") == THREADS - 3
    granted = [a for a in applications if a.status == Status.GRANTED]
    assert len(granted) == 3
