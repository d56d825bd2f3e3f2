"""The whole case flow in a real browser, with axe-core on each main page.

A handläggare registers a kommun application with a handlingsplan, asks for
komplettering, records the criteria and the utlåtande and sends it to decision;
the handläggare finds no way to decide it; a beslutsfattare grants it and
downloads the decision letter; the dashboard shows the new totals; a grant
above the remaining anslag is refused.
"""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.roles import Role
from applications.models import Application, Decision, IndividualCase, Status
from grants.models import BudgetAmendment, Organisation
from tests.e2e.conftest import pdf_text
from tests.factories import (
    BudgetYearFactory,
    UserFactory,
    delegate,
    load_reference_rows,
)
from tests.scenarios import case_at

# Transactional, so that the live server's thread sees the data.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"
REFERENCE = "A077.501/2022"
# A one-page PDF that the upload check parses.
ATTACHMENT = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)
AXE = Axe()


def assert_accessible(page: Page) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    results = AXE.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, f"{page.url}:\n" + "\n".join(bad)


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def htmx_ready(page: Page) -> None:
    """Wait until htmx has processed the page. The server-rendered list is visible
    before the deferred script has run; a change made before that is a plain
    change of a select that nothing sends (seen on a loaded machine)."""
    page.wait_for_function("document.readyState === 'complete' && !!window.htmx")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()


def success(page: Page, text: str) -> None:
    expect(page.locator(".message-success")).to_contain_text(text)


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


def register_application(page: Page, base: str, screenshot) -> None:
    page.get_by_role("link", name="Registrera ansökan").first.click()
    page.get_by_role("link", name="Individärende från kommun").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Registrera ansökan")
    # A first try with a plan that is too long shows errors tied to the fields.
    page.get_by_label("Diarienummer").fill(REFERENCE)
    page.get_by_label("Sökande kommun").select_option(label="Uppsala")
    page.get_by_label("Inkom").fill("2022-03-01")
    page.get_by_label("Sökt belopp (kr)").fill("300 000")
    page.get_by_label("Miljö").select_option(label="kriminell miljö")
    page.get_by_label("Individen har ett skyddsbehov").check()
    page.get_by_label("Handlingsplanen börjar").fill("2022-04-01")
    page.get_by_label("Handlingsplanen slutar").fill("2022-10-15")
    insats = page.get_by_role("group", name="Insats 1")
    insats.get_by_label(re.compile(r"^Insats:?$")).select_option(
        label="individuell coachning"
    )
    insats.get_by_label("Utförare").select_option(label="Exempelgården behandlingshem")
    insats.get_by_label("Kostnad (kr)").fill("300 000")
    insats.get_by_label("Från").fill("2022-04-01")
    insats.get_by_label("Till").fill("2022-09-30")
    page.locator("#id_doc-application").set_input_files(
        files=[
            {
                "name": "ansokan.pdf",
                "mimeType": "application/pdf",
                "buffer": ATTACHMENT,
            }
        ]
    )
    page.get_by_role("button", name="Registrera ansökan").click()
    expect(page.locator(".error-summary")).to_contain_text("högst sex månader")
    assert_accessible(page)
    screenshot("register-errors")
    # Files are not kept after an error: attach again.
    page.get_by_label("Handlingsplanen slutar").fill("2022-09-30")
    page.locator("#id_doc-application").set_input_files(
        files=[
            {
                "name": "ansokan.pdf",
                "mimeType": "application/pdf",
                "buffer": ATTACHMENT,
            }
        ]
    )
    page.get_by_role("button", name="Registrera ansökan").click()
    success(page, f"Ansökan {REFERENCE} har registrerats")


def request_and_receive_completion(page: Page) -> None:
    page.get_by_role("link", name="Begär komplettering").click()
    page.get_by_label("Vad som saknas").fill("Samtycke till informationsutbyte saknas.")
    reply_by = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Svar senast").fill(reply_by.isoformat())
    page.get_by_role("button", name="Begär komplettering").click()
    success(page, "Kompletteringen har begärts")
    expect(page.locator(".badge-large")).to_have_text("Komplettering begärd")
    page.get_by_role("link", name="Registrera svar").click()
    page.get_by_label("Vad som kom in").fill("Samtycket har kommit in.")
    page.get_by_role("button", name="Registrera komplettering").click()
    success(page, "Kompletteringen har registrerats")
    expect(page.locator(".badge-large")).to_have_text("Under beredning")


def record_criteria_and_statement(page: Page, screenshot) -> None:
    page.get_by_role("link", name="Registrera kriterier").click()
    assert_accessible(page)
    for name in IndividualCase.CRITERIA:
        # Choices: not recorded, yes, no; the radio buttons are id_<name>_0..2.
        page.locator(f"#id_{name}_1").check()
    page.get_by_label("Anteckning").fill("Kontrollerat vid möte med socialtjänsten.")
    page.get_by_role("button", name="Spara kriterier").click()
    success(page, "Kriterierna har registrerats")
    expect(page.locator(".state-missing", has_text="ej registrerat")).to_have_count(0)
    page.get_by_role("link", name="Lägg till utlåtande").click()
    page.get_by_label("Utlåtande från avhopparsamordnare").fill(
        "Individen bedöms motiverad. Samordnaren tillstyrker."
    )
    page.get_by_role("button", name="Spara utlåtande").click()
    success(page, "Utlåtandet har sparats")
    assert_accessible(page)
    screenshot("detail-in-review")


def send_to_decision(page: Page, screenshot) -> None:
    page.get_by_role("link", name="Föredra").click()
    expect(page.get_by_text("Ansökan är komplett.")).to_be_visible()
    assert_accessible(page)
    screenshot("proposal")
    page.get_by_label("Motivering").fill("Alla kriterier är uppfyllda.")
    page.get_by_role("button", name="Skicka till beslut").click()
    success(page, "Ansökan har skickats till beslut")
    expect(page.locator(".badge-large")).to_have_text("Beredd")


def test_case_flow_from_registration_to_dashboard(
    page: Page, live_server, setting, screenshot
):
    base = live_server.url
    log_in(page, base, "hanna")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansökningar")
    assert_accessible(page)
    register_application(page, base, screenshot)
    request_and_receive_completion(page)
    record_criteria_and_statement(page, screenshot)
    send_to_decision(page, screenshot)
    application = Application.objects.get(reference_number=REFERENCE)
    assert application.status == Status.PREPARED

    # The handläggare who prepared it finds no way to decide it.
    expect(page.get_by_role("link", name="Besluta")).to_have_count(0)
    expect(page.get_by_role("link", name="Beslutskö")).to_have_count(0)
    page.goto(f"{base}/ansokningar/{application.pk}/besluta/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Åtkomst nekad")
    assert_accessible(page)
    page.goto(f"{base}/")
    assert_accessible(page)
    screenshot("work-list")
    log_out(page)

    # The beslutsfattare grants it from the decision queue.
    log_in(page, base, "bertil")
    page.get_by_role("link", name="Beslutskö").click()
    assert_accessible(page)
    screenshot("decision-queue")
    page.get_by_role("link", name=REFERENCE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Besluta")
    assert_accessible(page)
    screenshot("decide")
    page.get_by_label("Villkor").fill("Medlen får endast användas till insatserna.")
    page.get_by_role("button", name="Fatta beslut").click()
    success(page, "Beslutet har registrerats")
    expect(page.locator(".badge-large")).to_have_text("Beviljad")
    assert Decision.objects.get(application=application).granted_amount == 300000

    with page.expect_download() as download:
        page.get_by_role("link", name="Beslutsbrev (PDF)").click()
    letter = download.value
    assert letter.suggested_filename.endswith(".pdf")
    text = pdf_text(letter.path())
    assert REFERENCE in text
    assert "Uppsala" in text
    assert "300 000 kr" in text.replace("\u00a0", " ")
    assert "2023-02-01" in text

    # The dashboard shows the new totals.
    page.get_by_role("link", name="Översikt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Översikt 2022")
    expect(page.get_by_test_id("granted")).to_have_text("300 000 kr")
    expect(page.get_by_test_id("remaining")).to_have_text("700 000 kr")
    expect(page.get_by_test_id("ceiling")).to_have_text("1 000 000 kr")
    assert_accessible(page)
    screenshot("dashboard")


def test_grant_above_the_remaining_appropriation_is_refused(
    page: Page, live_server, setting, screenshot
):
    base = live_server.url
    year = setting["year"]
    first = case_at(
        Status.PREPARED,
        budget_year=year,
        requested="700000",
        officer=setting["officer"],
    )
    big = case_at(
        Status.PREPARED,
        budget_year=year,
        requested="400000",
        officer=setting["officer"],
    )
    log_in(page, base, "bertil")
    page.goto(f"{base}/ansokningar/{first.pk}/besluta/")
    page.get_by_role("button", name="Fatta beslut").click()
    success(page, "Beslutet har registrerats")

    page.goto(f"{base}/ansokningar/{big.pk}/besluta/")
    page.get_by_role("button", name="Fatta beslut").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Över anslaget för 2022")
    expect(summary).to_contain_text(re.compile(r"Återstår: 300\s000\skr"))
    assert_accessible(page)
    screenshot("decide-refused")
    big.refresh_from_db()
    assert big.status == Status.PREPARED
    assert not Decision.objects.filter(application=big).exists()


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
