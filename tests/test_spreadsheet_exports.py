"""No CSV or XLSX the system writes carries a formula (OWASP, CSV injection).

Hostile diarienummer, organisation names and user names are stored directly in
the database, past the rule of accounts.text.clean_key_text, as data from before
that rule might be. Every exporter then writes them: the exchange file (CSV and
XLSX, `export_applications`), the work list (CSV and XLSX), the report's figures
(XLSX and each CSV table) and the audit page's CSV. No cell may begin with
= + - @, a tab or a carriage return, and no XLSX cell may be a formula.
"""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from accounts.roles import Role
from accounts.text import key_fold, spreadsheet_safe
from applications.models import ApplicationKind
from reports.exports import TABLES
from tests.exchange.importfiles import rolled_back, run
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    DecisionFactory,
    DisbursementFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
YEAR = 2022

# Any character a database keeps (PostgreSQL refuses NUL; surrogates cannot be
# encoded), so control, formatting and full-width characters are all in play.
stored_character = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
hostile_text = st.builds(
    lambda start, rest: (start + rest)[:50],
    st.sampled_from(
        [
            "=",
            "+",
            "-",
            "@",
            "\t",
            "\r",
            "\n",
            " =",
            "\t=",
            "\uff1d",  # full-width =
            "\u200b=",  # zero-width space, then =
            '=HYPERLINK("http://x","A1")',
            "-2+3+cmd|' /C calc'!A0",
            "",
        ]
    ),
    st.text(alphabet=stored_character, max_size=20),
).filter(lambda text: key_fold(text) and text.strip())
hostile_texts = st.lists(hostile_text, min_size=1, max_size=3, unique_by=key_fold)


def store(texts: list[str]) -> None:
    """Applications of YEAR under hostile diarienummer, by hostile organisations,
    granted and paid, recorded in the audit trail by a user with a hostile name."""
    budget_year = BudgetYearFactory(year=YEAR)
    for number, text in enumerate(texts):
        actor = UserFactory(username=f"{text[:140]}{number}")
        with set_actor(actor):
            application = ApplicationFactory(
                reference_number=text,
                reference_key=key_fold(text),
                kind=ApplicationKind.AGENCY,
                applicant_municipality=None,
                applicant_organisation=OrganisationFactory(name=text),
                budget_year=budget_year,
                requested_amount=Decimal("1000"),
            )
        DecisionFactory(application=application, decided_on=date(YEAR, 5, 1))
        DisbursementFactory(
            application=application, amount=Decimal("1000"), paid_on=date(YEAR, 6, 1)
        )


def csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                cells.append(cell.value)
    return cells


def exports(client, tmp_path) -> dict[str, list]:
    """The cells of every CSV and XLSX the system writes, by exporter."""
    found = {}
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"ansokningar.{suffix}"
        run("export_applications", path)
        read = csv_cells if suffix == "csv" else xlsx_cells
        found[f"export_applications {suffix}"] = read(path.read_bytes())
        response = client.get(reverse("applications:export", args=[suffix]))
        found[f"work list {suffix}"] = read(response.content)
    response = client.get(reverse("reports:export", args=[YEAR, "xlsx"]))
    found["figures xlsx"] = xlsx_cells(response.content)
    for table in TABLES:
        response = client.get(
            reverse("reports:export", args=[YEAR, "csv"]), {"table": table}
        )
        found[f"figures csv {table}"] = csv_cells(response.content)
    response = client.get(reverse("audit:export"))
    found["audit csv"] = csv_cells(b"".join(response.streaming_content))
    return found


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=hostile_texts)
def test_no_exported_cell_starts_a_formula(client, tmp_path, texts):
    with rolled_back():
        store(texts)
        client.force_login(UserFactory(roles=[Role.READER, Role.AUDITOR]))
        found = exports(client, tmp_path)
    for exporter, cells in found.items():
        for cell in cells:
            if isinstance(cell, str):
                assert not cell.startswith(TRIGGERS), (exporter, cell)
    # The hostile texts were written, neutralised, and not left out.
    for exporter in (
        "export_applications csv",
        "work list csv",
        "figures csv payments",
    ):
        for text in texts:
            assert spreadsheet_safe(text) in found[exporter], (exporter, text)
    for exporter in ("export_applications xlsx", "work list xlsx", "figures xlsx"):
        assert len(found[exporter]) >= len(texts)
