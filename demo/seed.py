"""Create the demo data: `demo_seed`, what `manage.py seed_demo` runs."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from applications.models import Application
from demo.cases import DemoPlanner
from demo.facts import HISTORY
from demo.people import demo_logins, ensure_users
from demo.reference import ensure_budget_years, ensure_organisations
from demo.reports import report_texts_seed
from demo.writer import DemoWriter

DEMO_URL = "http://127.0.0.1:8000/"


@dataclass
class SeedResult:
    created_applications: int = 0
    skipped_applications: int = 0
    users: list[tuple[str, str, str]] = field(default_factory=list)


@transaction.atomic
def demo_seed(*, today: date | None = None) -> SeedResult:
    """Create the demo data; rerunning it changes nothing."""
    today = today or timezone.localdate()
    current_year = today.year if today.year > HISTORY[-1].year else None
    budget_years = ensure_budget_years(current_year=current_year)
    ensure_organisations()
    users = ensure_users(current_year=current_year or HISTORY[-1].year)
    specs = DemoPlanner(today=today).build(current_year=current_year)
    existing = set(
        Application.objects.filter(
            reference_number__in=[s.reference_number for s in specs]
        ).values_list("reference_number", flat=True)
    )
    writer = DemoWriter(users=users, budget_years=budget_years)
    result = SeedResult(users=demo_logins())
    for spec in specs:
        if spec.reference_number in existing:
            result.skipped_applications += 1
            continue
        writer.write(spec)
        result.created_applications += 1
    report_texts_seed()
    return result
