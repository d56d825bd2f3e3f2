"""Layout in a real browser: focus shows only for the keyboard, and the Översikt's
tables stay inside their columns at every width."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from grants.models import BudgetAmendment
from tests.factories import BudgetYearFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"

OUTLINE_JS = "el => getComputedStyle(el).outlineStyle"


def test_a_mouse_click_on_text_draws_no_focus_outline_but_the_keyboard_does(
    page: Page, live_server
):
    page.goto(f"{live_server.url}/login/")
    # A click on plain text focuses the skip link's target, <main tabindex=-1>.
    page.get_by_text("Konton skapas av systemförvaltaren.").click()
    main = page.locator("main")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert main.evaluate(OUTLINE_JS) == "none"
    # The keyboard's focus is drawn: Tab from the top of a freshly loaded page
    # reaches the skip link (after the click, Tab would go on from <main>).
    page.goto(f"{live_server.url}/login/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert skip.evaluate(OUTLINE_JS) == "solid"
    assert skip.evaluate("el => getComputedStyle(el).outlineWidth") == "3px"


@pytest.fixture
def dashboard_year(transactional_db):
    """The demo's shape: a ceiling and an operating-grant ceiling of 10 000 000 kr."""
    year = BudgetYearFactory(
        year=2026,
        initial_ceiling=Decimal("72500000"),
        ceiling=Decimal("72500000"),
        operating_grant_ceiling=Decimal("10000000"),
        appropriation_reference=(
            "Regleringsbrev för budgetåret 2026 avseende Polismyndigheten"
        ),
    )
    BudgetAmendment.objects.create(
        budget_year=year,
        decided_on=date(2026, 6, 30),
        reference="Ju2026/01234",
        new_ceiling=Decimal("72500000"),
        new_operating_grant_ceiling=Decimal("10000000"),
    )
    UserFactory(username="lasare", roles=[Role.READER])
    return year


# Each table (or the region it scrolls in) against the column it sits in.
STICKING_OUT_JS = """() => [...document.querySelectorAll('main table')]
.flatMap(table => {
  const box = (table.closest('.table-scroll') || table).getBoundingClientRect();
  const column = table.closest('section, main').getBoundingClientRect();
  const where = table.closest('section, main');
  return box.right > column.right + 0.5 ? [where.getAttribute('aria-labelledby')] : [];
})"""


@pytest.mark.parametrize("width", [320, 768, 1024, 1280])
def test_the_dashboard_tables_stay_inside_their_columns(
    page: Page, live_server, dashboard_year, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Användarnamn").fill("lasare")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/oversikt/2026/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Översikt 2026")
    assert page.evaluate(STICKING_OUT_JS) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    # The column heading is whole, not cut off.
    heading = page.get_by_role("columnheader", name="Varav direkt verksamhetsstöd")
    expect(heading).to_be_visible()
    assert heading.evaluate("el => el.scrollWidth <= el.clientWidth")
