"""The whole case flow in a real browser, with axe-core on each main page.

A handläggare registers a kommun application with a handlingsplan, asks for
komplettering, records the criteria and the utlåtande and sends it to decision;
the handläggare finds no way to decide it; a beslutsfattare grants it and
downloads the decision letter; the dashboard shows the new totals; a grant
above the remaining anslag is refused.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from applications.models import Application, Decision, IndividualCase, Status
from tests.e2e.browser import (
    ATTACHMENT,
    REFERENCE,
    assert_accessible,
    log_in,
    log_out,
    success,
)
from tests.e2e.conftest import pdf_text
from tests.scenarios import case_at

# Transactional, so that the live server's thread sees the data.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
