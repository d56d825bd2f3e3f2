"""The reference data the demo needs besides migrate's: the budget years of
2020–2022 (and the current one) with the 2022 ändringsbeslut and
fördelningsbeslut, the two agencies, two invented operating-grant organisations
and the invented providers of insatser."""

from datetime import date
from decimal import Decimal

from applications.models import ApplicationKind
from demo.facts import (
    HISTORY,
    OPERATING_GRANT_ORGS,
    PROVIDERS,
    SIS,
    SOCIALSTYRELSEN,
)
from grants.models import (
    AllocationDecision,
    AllocationShare,
    BudgetAmendment,
    BudgetYear,
    Organisation,
)


def ensure_budget_years(*, current_year: int | None) -> dict[int, BudgetYear]:
    years = {}
    for facts in HISTORY:
        years[facts.year], _ = BudgetYear.objects.get_or_create(
            year=facts.year,
            defaults={
                "initial_ceiling": facts.initial_ceiling,
                "ceiling": facts.ceiling,
                "operating_grant_ceiling": facts.operating_grant_ceiling,
                "appropriation_reference": facts.reference,
                "report_deadline": date(facts.year + 1, 5, 2),
            },
        )
    if current_year is not None:
        years[current_year], _ = BudgetYear.objects.get_or_create(
            year=current_year,
            defaults={
                "initial_ceiling": Decimal("72500000"),
                "ceiling": Decimal("72500000"),
                "operating_grant_ceiling": Decimal("10000000"),
                "appropriation_reference": "Regleringsbrev för budgetåret "
                f"{current_year} avseende Polismyndigheten",
                "report_deadline": date(current_year + 1, 5, 2),
            },
        )
    y2022 = years[2022]
    BudgetAmendment.objects.get_or_create(
        budget_year=y2022,
        decided_on=date(2022, 6, 30),
        defaults={
            "reference": "Ändringsbeslut, regleringsbrev för budgetåret 2022 avseende "
            "Polismyndigheten, JU2022/01535; JU2022/02207 delvis",
            "new_ceiling": Decimal("72500000"),
            "new_operating_grant_ceiling": Decimal("10000000"),
        },
    )
    allocation, created = AllocationDecision.objects.get_or_create(
        budget_year=y2022,
        reference="Beslut Noa 92/2022 (A155.489/2022)",
        defaults={
            "decided_on": date(2022, 4, 8),
            "summary": "Det initiala anslaget fördelas på ansökningar kopplade till "
            "enskild individ som inkommer via en kommun. Inget direkt verksamhetsstöd "
            "beviljas.",
        },
    )
    if created:
        AllocationShare.objects.create(
            decision=allocation,
            kind=ApplicationKind.INDIVIDUAL,
            amount=Decimal("22500000"),
        )
    return years


def ensure_organisations() -> None:
    for name in (SIS, SOCIALSTYRELSEN):
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.AGENCY}
        )
    for name in OPERATING_GRANT_ORGS:
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.NON_PROFIT}
        )
    for name in PROVIDERS:
        Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": Organisation.Kind.PROVIDER,
                "vetted_on": date(2020, 1, 15),
            },
        )
