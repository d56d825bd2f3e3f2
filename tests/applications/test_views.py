"""Pages: what each role sees, the thin views' messages and redirects, exports,
downloads, the decision letter and the error pages."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from applications.models import (
    Application,
    CompletionRequest,
    Document,
    IndividualCase,
    Status,
)
from applications.services import application_start_review, completion_request_create
from tests.factories import ApplicationFactory, UserFactory, delegate, municipality
from tests.scenarios import case_at, registered

# A one-page PDF that a parser reads (the uploads are parsed).
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- work list -------------------------------------------------------------------


def test_home_sends_each_role_to_its_start_page(client, officer, auditor):
    client.force_login(officer)
    assert client.get("/")["Location"] == reverse("applications:list")
    client.force_login(auditor)
    assert client.get("/")["Location"] == reverse("applications:dashboard")


def test_work_list_filters_searches_and_counts(client, officer, budget_year):
    stockholm = registered(
        budget_year=budget_year, reference_number="A1/2022", municipality_code="0180"
    )
    malmo = registered(
        budget_year=budget_year, reference_number="A2/2022", municipality_code="1280"
    )
    application_start_review(application=malmo, by=officer)
    client.force_login(officer)
    url = reverse("applications:list")

    response = client.get(url, {"q": "malm"})
    assert list(response.context["page"].object_list) == [malmo]

    response = client.get(url, {"county": stockholm.applicant_municipality.county_id})
    assert list(response.context["page"].object_list) == [stockholm]

    response = client.get(url, {"status": Status.IN_REVIEW})
    assert list(response.context["page"].object_list) == [malmo]
    counts = {row["status"]: row["count"] for row in response.context["counts"]}
    assert counts[Status.RECEIVED] == 1 and counts[Status.IN_REVIEW] == 1

    response = client.get(url, {"sort": "reference_number"})
    assert list(response.context["page"].object_list) == [stockholm, malmo]


def test_work_list_paginates(client, officer, budget_year):
    ApplicationFactory.create_batch(30, budget_year=budget_year)
    client.force_login(officer)
    response = client.get(reverse("applications:list"), {"page": 2})
    assert len(response.context["page"].object_list) == 5
    assert "Sida 2 av 2" in response.content.decode()


def test_coordinator_sees_only_individual_cases_of_own_region(
    client, coordinator, budget_year
):
    own = ApplicationFactory(
        budget_year=budget_year, applicant_municipality=municipality("1280")
    )
    ApplicationFactory(
        budget_year=budget_year, applicant_municipality=municipality("0180")
    )
    ApplicationFactory(agency=True, budget_year=budget_year)
    client.force_login(coordinator)
    response = client.get(reverse("applications:list"))
    assert list(response.context["page"].object_list) == [own]
    other = Application.objects.exclude(pk=own.pk).first()
    assert (
        client.get(reverse("applications:detail", args=[other.pk])).status_code == 403
    )


def test_export_is_filtered_and_has_no_identity_or_free_text(
    client, reader, budget_year
):
    application = registered(
        budget_year=budget_year,
        reference_number="A9/2022",
        purpose="Hemlig text om individen",
    )
    case_code = application.individual_case.case_code
    registered(budget_year=budget_year, reference_number="B1/2022")
    client.force_login(reader)
    response = client.get(reverse("applications:export", args=["csv"]), {"q": "A9"})
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Diarienummer"
    assert [row[0] for row in rows[1:]] == ["A9/2022"]
    text = response.content.decode("utf-8-sig")
    assert "Hemlig" not in text and case_code not in text

    response = client.get(reverse("applications:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3


# --- detail ----------------------------------------------------------------------


def test_detail_shows_checklist_plan_sums_and_timeline(client, officer, in_review):
    client.force_login(officer)
    response = client.get(reverse("applications:detail", args=[in_review.pk]))
    page = response.content.decode()
    assert "Uppfyller definitionen av avhoppare" in page
    assert "Summan av insatserna är lika med sökt belopp." in page
    assert "300\u00a0000\u00a0kr" in page
    assert "Samordnaren tillstyrker ansökan." in page


def test_reader_sees_no_free_text_about_the_individual(client, reader, budget_year):
    in_review = case_at(
        Status.IN_REVIEW,
        budget_year=budget_year,
        purpose="Personen har lämnat gänget i Malmö",
    )
    client.force_login(reader)
    page = client.get(reverse("applications:detail", args=[in_review.pk])).content
    page = page.decode()
    assert "Personen har lämnat" not in page
    assert "Samordnaren tillstyrker" not in page
    assert "Ett utlåtande finns." in page
    assert "Bilagor" not in page


def test_overdue_completion_is_highlighted(client, officer, in_review):
    asked = completion_request_create(
        application=in_review, by=officer, message="Saknas", reply_by=date.today()
    )
    # Time passes: the reply-by date is now behind us.
    CompletionRequest.objects.filter(pk=asked.pk).update(
        requested_on=date(2022, 3, 2), reply_by=date(2022, 3, 9)
    )
    client.force_login(officer)
    page = client.get(reverse("applications:detail", args=[in_review.pk])).content
    assert b'class="overdue"' in page and "Försenad".encode() in page


def test_preparer_sees_no_decide_button(client, officer, prepared):
    client.force_login(officer)
    page = client.get(reverse("applications:detail", args=[prepared.pk])).content
    assert reverse("applications:decide", args=[prepared.pk]).encode() not in page


# --- actions with messages -------------------------------------------------------


def test_register_an_agency_application(
    client, officer, budget_year, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from tests.factories import OrganisationFactory

    agency = OrganisationFactory(name="Statens institutionsstyrelse")
    client.force_login(officer)
    response = client.post(
        reverse("applications:register", args=["agency"]),
        {
            "reference_number": "A3/2022",
            "applicant_organisation": agency.pk,
            "budget_year": budget_year.pk,
            "received_on": "2022-02-01",
            "requested_amount": "905 000",
            "purpose": "Regeringsuppdrag",
            "plan-starts_on": "",
            "plan-ends_on": "",
            "insats-TOTAL_FORMS": "3",
            "insats-INITIAL_FORMS": "0",
            "doc-application": SimpleUploadedFile("a.pdf", PDF),
        },
        follow=True,
    )
    application = Application.objects.get(reference_number="A3/2022")
    assert application.requested_amount == Decimal("905000")
    assert "Ansökan A3/2022 har registrerats." in messages_of(response)
    assert response.redirect_chain[-1][0] == reverse(
        "applications:detail", args=[application.pk]
    )


def test_register_refuses_an_executable_disguised_as_pdf(client, officer, budget_year):
    from tests.factories import OrganisationFactory

    client.force_login(officer)
    response = client.post(
        reverse("applications:register", args=["operating_grant"]),
        {
            "reference_number": "A4/2022",
            "applicant_organisation": OrganisationFactory().pk,
            "budget_year": budget_year.pk,
            "received_on": "2022-02-01",
            "requested_amount": "1000",
            "insats-TOTAL_FORMS": "3",
            "insats-INITIAL_FORMS": "0",
            "doc-application": SimpleUploadedFile("a.pdf", b"MZ\x90\x00binary"),
        },
    )
    assert response.status_code == 200
    assert "Endast PDF-, PNG- och JPEG-filer tas emot." in response.content.decode()
    assert not Application.objects.exists()


def test_criteria_form_records_only_changes(client, officer, budget_year):
    application = registered(budget_year=budget_year, by=officer)
    case = application.individual_case
    client.force_login(officer)
    response = client.post(
        reverse("applications:criteria", args=[application.pk]),
        {"is_motivated": "yes", "not_evidence_person": "no", "note": "Samtal"},
        follow=True,
    )
    case.refresh_from_db()
    assert case.is_motivated is True and case.not_evidence_person is False
    assert case.meets_definition is None
    assert case.criterion_records.count() == 2
    assert "Kriterierna har registrerats." in messages_of(response)


def test_proposal_page_lists_what_is_missing(client, officer, budget_year):
    application = registered(budget_year=budget_year, by=officer, plan=False)
    application_start_review(application=application, by=officer)
    client.force_login(officer)
    url = reverse("applications:propose", args=[application.pk])
    page = client.get(url).content.decode()
    assert "Handlingsplan saknas." in page
    response = client.post(
        url, {"outcome": "granted", "amount": "1000", "motivation": "x"}
    )
    assert response.status_code == 200
    assert "Kriteriet är ej registrerat" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_decide_shows_the_remaining_budget_when_refused(
    client, decider, officer, budget_year
):
    budget_year.ceiling = Decimal("100000")
    budget_year.operating_grant_ceiling = None
    budget_year.save()
    application = case_at(Status.PREPARED, budget_year=budget_year, officer=officer)
    client.force_login(decider)
    response = client.post(
        reverse("applications:decide", args=[application.pk]),
        {"outcome": "granted", "amount": "300 000"},
    )
    page = response.content.decode()
    assert "Över anslaget för 2022. Återstår: 100\u00a0000\u00a0kr." in page


def test_decide_outside_delegation_shows_a_message(client, officer, budget_year):
    small = UserFactory(roles=["Beslutsfattare"])
    delegate(small, max_amount="1000")
    application = case_at(Status.PREPARED, budget_year=budget_year, officer=officer)
    client.force_login(small)
    response = client.post(
        reverse("applications:decide", args=[application.pk]),
        {"outcome": "granted", "amount": "300000"},
    )
    assert "Din delegation omfattar inte" in response.content.decode()


def test_decision_queue_shows_only_what_the_delegation_covers(
    client, officer, budget_year
):
    # Also a handläggare, so that there is a case they prepared themselves.
    small = UserFactory(roles=[Role.DECISION_MAKER, Role.CASE_OFFICER])
    delegate(small, max_amount="100000")
    year = {"budget_year": budget_year}
    cheap = case_at(Status.PREPARED, officer=officer, requested="50000", **year)
    case_at(Status.PREPARED, officer=officer, requested="500000", **year)
    case_at(Status.PREPARED, officer=small, requested="5000", **year)
    client.force_login(small)
    response = client.get(reverse("applications:decision_queue"))
    assert list(response.context["queue"]) == [cheap]


def test_decision_letter_is_a_pdf_with_the_decision(client, officer, granted):
    client.force_login(officer)
    response = client.get(reverse("applications:decision_letter", args=[granted.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="beslut-')
    assert response.content.startswith(b"%PDF")


def test_disbursement_and_follow_up_forms(client, officer, granted):
    client.force_login(officer)
    response = client.post(
        reverse("applications:disbursement_new", args=[granted.pk]),
        {"amount": "400 000", "paid_on": "2022-06-01"},
    )
    assert (
        "Utbetalningar får inte överstiga beviljat belopp" in response.content.decode()
    )
    response = client.post(
        reverse("applications:disbursement_new", args=[granted.pk]),
        {"amount": "300 000", "paid_on": "2022-06-01"},
        follow=True,
    )
    assert "Utbetalningen har registrerats." in messages_of(response)
    response = client.get(reverse("applications:follow_up", args=[granted.pk]))
    assert 'value="2023-02-01"' in response.content.decode()
    response = client.post(
        reverse("applications:follow_up", args=[granted.pk]),
        {
            "due_on": "2023-02-01",
            "received_on": "2023-01-15",
            "spent_amount": "250 000",
            "results": "Programmet fullföljt.",
        },
        follow=True,
    )
    assert "Återkrav: 50\u00a0000\u00a0kr." in " ".join(messages_of(response))
    granted.refresh_from_db()
    assert granted.status == Status.REPORTED


def test_document_download_is_an_attachment_with_nosniff(
    client, officer, in_review, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = Document(
        application=in_review,
        kind="application",
        original_name="ansökan.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        uploaded_by=officer,
    )
    document.file.save("x.pdf", ContentFile(PDF), save=False)
    document.save()
    client.force_login(officer)
    response = client.get(
        reverse("applications:document_download", args=[in_review.pk, document.pk])
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


# --- forms with bad input --------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("requested_amount", "mycket", "Skriv ett belopp i kronor"),
        ("requested_amount", "-5", "Beloppet kan inte vara negativt."),
        (
            "received_on",
            "30/06/2022",
            "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2022-06-30.",
        ),
        ("received_on", "2999-01-01", "Datumet kan inte ligga i framtiden."),
        ("reference_number", "", "Detta fält måste fyllas i."),
    ],
)
def test_registration_form_explains_bad_input_in_swedish(
    client, officer, budget_year, field, value, message
):
    data = {
        "reference_number": "A5/2022",
        "applicant_municipality": municipality("1280").pk,
        "budget_year": budget_year.pk,
        "received_on": "2022-03-01",
        "requested_amount": "1000",
        "environment": "criminal",
        "plan-starts_on": "2022-04-01",
        "plan-ends_on": "2022-05-01",
        "insats-TOTAL_FORMS": "3",
        "insats-INITIAL_FORMS": "0",
        field: value,
    }
    client.force_login(officer)
    response = client.post(reverse("applications:register", args=["individual"]), data)
    page = response.content.decode()
    assert message in page
    assert f'aria-describedby="id_{field}_error' in page or (
        f'id="id_{field}_error"' in page
    )
    assert not Application.objects.exists()


def test_action_plan_longer_than_six_months_is_refused_on_the_field(
    client, officer, in_review
):
    client.force_login(officer)
    response = client.post(
        reverse("applications:action_plan", args=[in_review.pk]),
        {
            "plan-starts_on": "2022-01-31",
            "plan-ends_on": "2022-08-01",
            "insats-TOTAL_FORMS": "0",
            "insats-INITIAL_FORMS": "0",
        },
    )
    assert "högst sex månader (till 2022-07-31)" in response.content.decode()


# --- language and error pages ----------------------------------------------------


def test_swedish_by_default_even_for_an_english_browser(client, officer):
    client.force_login(officer)
    response = client.get(
        reverse("applications:list"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    )
    assert "<h1>Ansökningar</h1>" in response.content.decode()


def test_english_when_chosen(client, officer):
    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("applications:list"))
    assert "<h1>Applications</h1>" in response.content.decode()


def test_not_found_and_denied_pages_are_in_swedish(client, reader):
    client.force_login(reader)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
    response = client.get(reverse("applications:register_start"))
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.content.decode()


def test_server_error_page_needs_no_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Ett fel har uppstått" in response.content.decode()


def test_views_need_login():
    response = Client().get(reverse("applications:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_amount_and_date_formats(client, officer, budget_year):
    ApplicationFactory(budget_year=budget_year, requested_amount=Decimal("58053534"))
    client.force_login(officer)
    page = client.get(reverse("applications:list")).content.decode()
    assert "58\u00a0053\u00a0534\u00a0kr" in page
    assert "2022-03-01" in page
    assert IndividualCase.CRITERIA
