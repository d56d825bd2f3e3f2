"""Browser tests: pytest-playwright driving Debian's Chromium against Django's
live server. Playwright's own browser download is never used."""

import os
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from accounts.roles import Role
from grants.models import BudgetAmendment, Organisation
from tests.factories import (
    BudgetYearFactory,
    UserFactory,
    delegate,
    load_reference_rows,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls that
# set up data in these tests are safe there (no concurrent async code).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a missing browser is a failure
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "en-GB",
        "accept_downloads": True,
        "viewport": {"width": 1280, "height": 900},
    }


def saved_screenshot(page, name: str) -> None:
    """Save a full-page screenshot when AVHOPP_SCREENSHOTS names a folder."""
    folder = os.environ.get("AVHOPP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot when AVHOPP_SCREENSHOTS names a folder."""

    def take(name: str) -> None:
        saved_screenshot(page, name)

    return take


def pdf_text(path: str) -> str:
    """The text of a PDF through poppler's pdftotext."""
    import subprocess

    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed to read the decision letter"
    return subprocess.run(  # noqa: S603 - fixed tool, our own file
        [tool, "-layout", path, "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.fixture
def setting(transactional_db):
    """A budget year with 1 000 000 kr, a handläggare and a beslutsfattare."""
    load_reference_rows()
    year = BudgetYearFactory(
        year=2022,
        initial_ceiling=Decimal("500000"),
        ceiling=Decimal("1000000"),
        operating_grant_ceiling=Decimal("100000"),
        appropriation_reference="Ju2021/04567",
    )
    BudgetAmendment.objects.create(
        budget_year=year,
        decided_on=date(2022, 6, 30),
        reference="Ju2022/02345",
        new_ceiling=Decimal("1000000"),
        new_operating_grant_ceiling=Decimal("100000"),
    )
    Organisation.objects.create(
        name="Exempelgården behandlingshem", kind=Organisation.Kind.PROVIDER
    )
    officer = UserFactory(username="hanna", roles=[Role.CASE_OFFICER])
    decider = UserFactory(username="bertil", roles=[Role.DECISION_MAKER])
    delegate(decider, max_amount="2000000")
    return {"year": year, "officer": officer, "decider": decider}
