"""Marking the report as sent stores the exact PDF, numbered, with its SHA-256."""

import hashlib
import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from applications.models import Status
from reports.models import ReportVersion
from reports.services import report_version_freeze
from tests.factories import (
    BudgetYearFactory,
)
from tests.reports.conftest import poppler
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2023():
    budget_year = BudgetYearFactory(year=2023)
    case_at(
        Status.PAID,
        budget_year=budget_year,
        requested="400000",
        decided_on=date(2023, 5, 2),
        paid_on=date(2023, 5, 20),
    )
    return budget_year


def test_freezing_stores_the_pdf_with_number_sender_and_checksum(year_2023, decider):
    version = report_version_freeze(year=2023, by=decider, note="Skickad")
    version.refresh_from_db()
    pdf = bytes(version.pdf)
    assert pdf.startswith(b"%PDF")
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(pdf).hexdigest()
    assert version.size == len(pdf)
    assert version.sent_by == decider
    assert version.sent_at is not None


def test_frozen_version_downloads_byte_identical_after_the_data_changes(
    year_2023, decider, client
):
    version = report_version_freeze(year=2023, by=decider)
    stored = bytes(ReportVersion.objects.get(pk=version.pk).pdf)
    # The data changes after sending: a new grant and payment in 2023.
    case_at(Status.PAID, budget_year=year_2023, requested="99000")
    client.force_login(decider)
    response = client.get(reverse("reports:version_pdf", args=[2023, 1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == stored
    assert hashlib.sha256(response.content).hexdigest() == version.sha256
    assert response["X-Content-SHA256"] == version.sha256
    # A freshly rendered draft differs: it shows the new figures.
    draft = client.get(reverse("reports:pdf", args=[2023])).content
    assert draft != stored


def test_a_later_version_gets_the_next_number(year_2023, decider):
    first = report_version_freeze(year=2023, by=decider)
    second = report_version_freeze(year=2023, by=decider, note="Rättelse")
    assert (first.number, second.number) == (1, 2)
    assert first.report_id == second.report_id


def test_versions_page_lists_versions_and_marks_the_latest_sent(
    year_2023, decider, client
):
    report_version_freeze(year=2023, by=decider)
    report_version_freeze(year=2023, by=decider, note="Rättelse av text")
    client.force_login(decider)
    page = client.get(reverse("reports:versions", args=[2023])).content.decode()
    assert "Version 2 är den senast skickade" in page
    assert page.count("senast skickad</span>") == 1
    assert "Rättelse av text" in page
    assert reverse("reports:version_pdf", args=[2023, 1]) in page


def test_marking_as_sent_through_the_page(year_2023, decider, client):
    client.force_login(decider)
    url = reverse("reports:freeze", args=[2023])
    response = client.post(url, {"note": "Till Ju", "confirm": "on"})
    assert response.status_code == 302
    assert ReportVersion.objects.get().note == "Till Ju"


def test_marking_as_sent_needs_the_confirmation(year_2023, decider, client):
    client.force_login(decider)
    client.post(reverse("reports:freeze", args=[2023]), {"note": "x"})
    assert not ReportVersion.objects.exists()


def test_a_case_officer_cannot_freeze(year_2023, officer):
    with pytest.raises(PermissionDenied):
        report_version_freeze(year=2023, by=officer)
    assert not ReportVersion.objects.exists()


def test_frozen_cover_shows_the_version_number(year_2023, decider, tmp_path):
    version = report_version_freeze(year=2023, by=decider)
    path = tmp_path / "v.pdf"
    path.write_bytes(bytes(version.pdf))
    cover = poppler("pdftotext", "-l", "1", str(path), "-")
    assert re.search(r"Version\s+1\b", cover)
