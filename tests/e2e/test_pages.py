"""Pages in a real browser: English when chosen, the core flow and the decide page
without JavaScript, the work list's filters with htmx, and a withdrawal."""

import pytest
from playwright.sync_api import Page, expect

from applications.models import Status
from grants.models import Organisation
from tests.e2e.browser import (
    assert_accessible,
    htmx_ready,
    log_in,
    log_out,
    success,
)
from tests.scenarios import case_at

# Transactional, so that the live server's thread sees the data.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_are_in_english_when_chosen(page: Page, live_server, setting):
    base = live_server.url
    log_in(page, base, "hanna")
    page.get_by_label("Språk").select_option(label="English")
    page.get_by_role("button", name="Byt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Applications")
    assert_accessible(page)


def test_core_flow_works_without_javascript(browser, live_server, setting):
    """Filtering, registering and deciding are plain HTML forms."""
    base = live_server.url
    year = setting["year"]
    Organisation.objects.create(
        name="Statens institutionsstyrelse", kind=Organisation.Kind.AGENCY
    )
    prepared = case_at(
        Status.PREPARED, budget_year=year, requested="50000", officer=setting["officer"]
    )
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    log_in(page, base, "hanna")
    page.locator("#id_status").select_option(label="beredd")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("heading", name="Antal träffar: 1")).to_be_visible()
    page.get_by_role("link", name="Registrera ansökan").first.click()
    page.get_by_role("link", name="Ansökan från myndighet").click()
    page.get_by_label("Diarienummer").fill("A077.777/2022")
    page.get_by_label("Sökande organisation").select_option(
        label="Statens institutionsstyrelse"
    )
    page.get_by_label("Inkom").fill("2022-02-01")
    page.get_by_label("Sökt belopp (kr)").fill("905 000")
    page.get_by_role("button", name="Registrera ansökan").click()
    success(page, "Ansökan A077.777/2022 har registrerats")
    log_out(page)
    log_in(page, base, "bertil")
    page.get_by_role("link", name="Beslutskö").click()
    page.get_by_role("link", name=prepared.reference_number).click()
    page.get_by_role("button", name="Fatta beslut").click()
    success(page, "Beslutet har registrerats")
    context.close()


def test_work_list_filters_update_in_place_with_htmx(page: Page, live_server, setting):
    base = live_server.url
    case_at(Status.PREPARED, budget_year=setting["year"], officer=setting["officer"])
    case_at(Status.IN_REVIEW, budget_year=setting["year"], officer=setting["officer"])
    log_in(page, base, "hanna")
    expect(page.get_by_role("heading", name="Antal träffar: 2")).to_be_visible()
    htmx_ready(page)
    # Wait for htmx's own request, so that a failure says whether it was sent
    # and what it answered, not only that the list did not change.
    with page.expect_response(
        lambda response: response.request.headers.get("hx-request") == "true"
    ) as answered:
        page.locator("#id_status").select_option(label="beredd")
    assert answered.value.status == 200, answered.value.status
    expect(page.get_by_role("heading", name="Antal träffar: 1")).to_be_visible()
    assert "status=prepared" in page.url


def test_a_withdrawn_application_ends_in_the_browser(
    page: Page, live_server, setting, screenshot
):
    """The handläggare registers a withdrawal: a reason is required, the page is
    accessible, and afterwards the case shows as återkallad with no actions left."""
    application = case_at(
        Status.IN_REVIEW, budget_year=setting["year"], officer=setting["officer"]
    )
    base = live_server.url
    log_in(page, base, "hanna")
    page.goto(f"{base}/ansokningar/{application.pk}/")
    page.get_by_role("link", name="Registrera återkallelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera återkallelse")
    page.get_by_role("button", name="Registrera återkallelse").click()
    expect(page.get_by_text("Detta fält måste fyllas i.").first).to_be_visible()
    assert_accessible(page)
    screenshot("withdraw-errors")
    page.get_by_label("Hur och varför sökanden återkallade ansökan").fill(
        "Kommunen meddelade per brev 2022-04-02."
    )
    page.get_by_role("button", name="Registrera återkallelse").click()
    success(page, "Ansökan är registrerad som återkallad.")
    expect(page.locator(".badge.status-withdrawn").first).to_be_visible()
    expect(page.get_by_role("link", name="Registrera återkallelse")).to_have_count(0)
    assert_accessible(page)
    screenshot("withdrawn-detail")
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


def test_the_decide_page_shows_the_fields_of_the_chosen_outcome_without_javascript(
    browser, live_server, setting, screenshot
):
    """No script runs (the CSP forbids inline code, and here JavaScript is off):
    CSS alone hides the fields that belong to the other outcome."""
    prepared = case_at(
        Status.PREPARED, budget_year=setting["year"], officer=setting["officer"]
    )
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    log_in(page, live_server.url, "bertil")
    page.goto(f"{live_server.url}/ansokningar/{prepared.pk}/besluta/")
    expect(page.get_by_label("Beviljat belopp (kr)")).to_be_visible()
    expect(page.get_by_label("Villkor")).to_be_visible()
    expect(page.get_by_label("Avslagsgrund")).to_be_hidden()
    expect(page.get_by_label("Motivering till avslag")).to_be_hidden()
    page.get_by_label("avslagen").check()
    expect(page.get_by_label("Avslagsgrund")).to_be_visible()
    expect(page.get_by_label("Motivering till avslag")).to_be_visible()
    expect(page.get_by_label("Beviljat belopp (kr)")).to_be_hidden()
    expect(page.get_by_label("Villkor")).to_be_hidden()
    # Sent without a reason, the error shows on the field, which stays visible.
    page.get_by_role("button", name="Fatta beslut").click()
    expect(page.locator(".error-summary")).to_contain_text("Välj en avslagsgrund")
    expect(page.get_by_label("Avslagsgrund")).to_be_visible()
    context.close()
