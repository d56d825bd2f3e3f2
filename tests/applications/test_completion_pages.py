"""Komplettering in the browser's pages: the answer with its file, recording that
nothing came, the letter to the applicant, and the proposal page's reasons."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import CompletionRequest, DocumentKind, Status
from tests.applications.helpers import PDF, messages_of
from tests.pdfcheck import accessibility_entries, identification, open_pdf, page_texts
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(budget_year, officer):
    """An individärende waiting for the komplettering it was asked for."""
    return case_at(
        Status.COMPLETION_REQUESTED, budget_year=budget_year, officer=officer
    )


@pytest.fixture
def past_due(waiting, today):
    """The request of `waiting`, its reply-by date a week ago."""
    request = waiting.completion_requests.get()
    CompletionRequest.objects.filter(pk=request.pk).update(
        requested_on=today - timedelta(days=21), reply_by=today - timedelta(days=7)
    )
    request.refresh_from_db()
    return request


def test_the_case_page_offers_no_answer_came_only_after_the_reply_by_date(
    client, officer, waiting, today
):
    client.force_login(officer)
    request = waiting.completion_requests.get()
    url = reverse("applications:completion_not_supplied", args=[waiting.pk, request.pk])
    detail = reverse("applications:detail", args=[waiting.pk])
    assert url not in client.get(detail).content.decode()
    CompletionRequest.objects.filter(pk=request.pk).update(
        requested_on=today - timedelta(days=21), reply_by=today - timedelta(days=7)
    )
    assert url in client.get(detail).content.decode()


def test_recording_that_nothing_came_asks_first_then_returns_the_case_to_review(
    client, officer, waiting, past_due, today
):
    client.force_login(officer)
    url = reverse(
        "applications:completion_not_supplied", args=[waiting.pk, past_due.pk]
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "Registrera att ingen komplettering kom in" in page.content.decode()
    past_due.refresh_from_db()
    assert past_due.lapsed_on is None
    response = client.post(url, follow=True)
    waiting.refresh_from_db()
    past_due.refresh_from_db()
    assert waiting.status == Status.IN_REVIEW
    assert past_due.lapsed_on == today
    assert any("ingen komplettering kom in" in m.lower() for m in messages_of(response))
    assert "Ej inkommen" in response.content.decode()


def test_recording_too_early_shows_why_on_the_page(client, officer, waiting):
    client.force_login(officer)
    request = waiting.completion_requests.get()
    url = reverse("applications:completion_not_supplied", args=[waiting.pk, request.pk])
    response = client.post(url)
    assert response.status_code == 200
    assert "har inte passerat" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Status.COMPLETION_REQUESTED


def test_the_answer_page_takes_the_supplied_file(
    client, officer, waiting, today, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(officer)
    request = waiting.completion_requests.get()
    response = client.post(
        reverse("applications:completion_answer", args=[waiting.pk, request.pk]),
        {
            "answered_on": today.isoformat(),
            "note": "Samtycket kom in.",
            "upload": SimpleUploadedFile("samtycke.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.answer_document.kind == DocumentKind.COMPLETION
    detail = client.get(reverse("applications:detail", args=[waiting.pk]))
    download = reverse(
        "applications:document_download",
        args=[waiting.pk, request.answer_document_id],
    )
    assert download in detail.content.decode()


def test_the_completion_letter_is_an_archival_pdf_with_what_is_missing(
    client, officer, waiting, tmp_path
):
    client.force_login(officer)
    request = waiting.completion_requests.get()
    response = client.get(
        reverse("applications:completion_letter", args=[waiting.pk, request.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = open_pdf(response.content)
    assert identification(pdf) == {"pdfaid:part": "2", "pdfaid:conformance": "A"}
    entries = accessibility_entries(pdf)
    assert entries["lang"] == "sv"
    assert entries["title"] == f"Begäran om komplettering {waiting.reference_number}"
    path = tmp_path / "komplettering.pdf"
    path.write_bytes(response.content)
    text = " ".join(" ".join(page_texts(path)).split())
    assert request.message in text
    assert request.reply_by.isoformat() in text
    assert waiting.reference_number in text


def test_the_proposal_page_names_the_rejection_reasons_that_can_be_proposed(
    client, officer, budget_year
):
    application = case_at(Status.RECEIVED, budget_year=budget_year, officer=officer)
    client.force_login(officer)
    page = client.get(reverse("applications:propose", args=[application.pk])).content
    text = page.decode()
    assert "Avslag kan föreslås med skälet: ansökan är inte fullständig." in text
    assert "inte alla kriterier" not in text.split("Avslag kan föreslås")[1][:200]
