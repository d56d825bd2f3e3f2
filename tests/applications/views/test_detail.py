"""The detail page: what each role sees, overdue kompletteringar, the actions
offered, and document downloads."""

from datetime import date

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from applications.models import (
    CompletionRequest,
    Document,
    Status,
)
from applications.services import completion_request_create
from tests.applications.helpers import PDF
from tests.scenarios import case_at


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
        application=in_review,
        by=officer,
        message="Saknas",
        reply_by=timezone.localdate(),
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
