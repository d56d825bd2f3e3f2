"""manage.py import_applications and the service behind it (exchange/imports.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management.base import CommandError
from django.db import IntegrityError

from applications.models import (
    Application,
    ApplicationKind,
    Decision,
    Disbursement,
    Event,
    Outcome,
    RejectionReason,
    Status,
)
from exchange.imports import applications_import
from exchange.tabular import COLUMNS, ImportRejected, dataset_read
from grants.models import BudgetYear, Organisation
from tests.exchange.importfiles import (
    agency_row,
    csv_bytes,
    import_file,
    import_rows,
    importer,
    received_row,
    refused,
    rejected_row,
    row,
    stored,
    write,
    xlsx_bytes,
)
from tests.factories import (
    BudgetYearFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


# --- a good file ----------------------------------------------------------------------


def test_a_good_file_stores_applications_decisions_and_disbursements(tmp_path):
    BudgetYearFactory(year=2022)
    rows = [row(), agency_row(), rejected_row(), received_row()]

    out, _ = import_rows(tmp_path, rows)

    assert out.strip() == "nya: 4, uppdaterade: 0, oförändrade: 0"
    paid = Application.objects.get(reference_number="A001.001/2022")
    assert paid.kind == ApplicationKind.INDIVIDUAL
    assert paid.applicant_municipality.code == "1280"
    assert paid.applicant_organisation is None
    assert paid.budget_year.year == 2022
    assert paid.received_on == date(2022, 3, 1)
    assert paid.requested_amount == Decimal("500000")
    assert paid.status == Status.PAID
    assert paid.decision.outcome == Outcome.GRANTED
    assert paid.decision.granted_amount == Decimal("450000")
    assert paid.decision.requested_amount == Decimal("500000")
    assert paid.decision.decided_on == date(2022, 4, 1)
    assert [(d.amount, d.paid_on) for d in paid.disbursements.all()] == [
        (Decimal("450000"), date(2022, 5, 2))
    ]

    agency = Application.objects.get(reference_number="A002.001/2022")
    assert agency.kind == ApplicationKind.AGENCY
    assert agency.status == Status.GRANTED
    assert agency.applicant_organisation.name == "Statens institutionsstyrelse"
    assert agency.applicant_organisation.kind == Organisation.Kind.AGENCY
    assert not agency.disbursements.exists()

    rejected = Application.objects.get(reference_number="A003.001/2022")
    assert rejected.status == Status.REJECTED
    assert rejected.decision.outcome == Outcome.REJECTED
    assert rejected.decision.rejection_reason == RejectionReason.INCOMPLETE
    assert rejected.decision.granted_amount is None

    received = Application.objects.get(reference_number="A004.001/2022")
    assert received.status == Status.RECEIVED
    assert not Decision.objects.filter(application=received).exists()

    assert Event.objects.filter(kind=Event.Kind.CREATED).count() == 4


def test_an_operating_grant_creates_a_non_profit_organisation(tmp_path):
    import_rows(tmp_path, [agency_row(typ="verksamhetsstod", sokande="Fryshuset")])
    organisation = Organisation.objects.get(name="Fryshuset")
    assert organisation.kind == Organisation.Kind.NON_PROFIT
    assert organisation.applications.get().kind == ApplicationKind.OPERATING_GRANT


def test_a_known_organisation_is_found_whatever_the_case(tmp_path):
    sis = OrganisationFactory(name="Statens institutionsstyrelse")
    import_rows(tmp_path, [agency_row(sokande="STATENS  institutionsstyrelse")])
    assert Organisation.objects.count() == 1
    assert Application.objects.get().applicant_organisation == sis


def test_a_missing_budget_year_is_created_with_a_warning(tmp_path):
    _, err = import_rows(tmp_path, [row(budgetar="2023")])
    year = BudgetYear.objects.get(year=2023)
    assert (year.initial_ceiling, year.ceiling) == (0, 0)
    assert year.operating_grant_ceiling is None
    assert "Budgetår 2023 skapades med ram 0 kr: registrera anslaget." in err


def test_the_kommun_name_may_stand_in_sokande_of_an_individual_case(tmp_path):
    import_rows(tmp_path, [row(sokande="Malmö stad")])
    assert Application.objects.get().applicant_municipality.name == "Malmö"


# --- Swedish spreadsheets -----------------------------------------------------------


def test_semicolons_bom_and_swedish_number_formats(tmp_path):
    rows = [
        row(
            sokt_belopp="1\u00a0234\u00a0567,50",
            beviljat_belopp="1 234 567,50",
            utbetalt_belopp="1\u202f000\u202f000",
        )
    ]
    out, _ = import_rows(tmp_path, rows, delimiter=";", bom=True)
    assert "nya: 1" in out
    application = Application.objects.get()
    assert application.requested_amount == Decimal("1234567.50")
    assert application.decision.granted_amount == Decimal("1234567.50")
    assert application.disbursements.get().amount == Decimal("1000000")


def test_xlsx_with_number_and_date_cells(tmp_path):
    content = xlsx_bytes(
        [
            row(
                budgetar=2022,
                kommunkod=114,  # Upplands Väsby; the spreadsheet dropped the 0
                inkom=date(2022, 3, 1),
                sokt_belopp=500000,
                beviljat_belopp=1234.5,
                utbetalt_belopp=None,
                utbetalningsdatum=None,
            )
        ]
    )
    import_file(write(tmp_path, content, "ansokningar.xlsx"))
    application = Application.objects.get()
    assert application.applicant_municipality.code == "0114"
    assert application.decision.granted_amount == Decimal("1234.50")
    assert application.status == Status.GRANTED


def test_header_names_may_have_capitals_and_swedish_letters(tmp_path):
    header = [
        {
            "budgetar": "Budgetår",
            "sokande": "Sökande",
            "sokt_belopp": "SÖKT_BELOPP",
        }.get(column, column)
        for column in COLUMNS
    ]
    values = dict(zip(header, row().values(), strict=True))
    content = csv_bytes([values], header=header)
    out, _ = import_file(write(tmp_path, content))
    assert "nya: 1" in out


def test_blank_rows_are_skipped(tmp_path):
    blank = dict.fromkeys(COLUMNS, "")
    out, _ = import_rows(tmp_path, [blank, row(), blank])
    assert "nya: 1" in out


# --- unreadable or missing files ------------------------------------------------


def test_an_unreadable_file_is_refused(tmp_path):
    path = write(tmp_path, "diarienummer;budgetår\n".encode("utf-16"))
    with pytest.raises(CommandError, match="varken UTF-8-kodad text"):
        import_file(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Kan inte läsa"):
        import_file(tmp_path / "saknas.csv")


# --- all or nothing ------------------------------------------------------------------


def test_one_bad_row_at_the_end_stores_nothing(tmp_path):
    good = [row(diarienummer=f"A{n}", budgetar="2024") for n in range(20)]
    good.append(agency_row(typ="verksamhetsstod", sokande="Ny förening"))
    errors = refused(tmp_path, [*good, row(diarienummer="A99", sokt_belopp="x")])
    assert errors[0].startswith("Rad 23, kolumn sokt_belopp")
    assert not BudgetYear.objects.filter(year=2024).exists()
    assert not Organisation.objects.exists()


def test_a_database_refusal_while_storing_stores_nothing(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrityError("disbursement refused")

    monkeypatch.setattr(Disbursement.objects, "bulk_create", refuse)
    errors = refused(tmp_path, [row(budgetar="2024"), agency_row(sokande="Ny")])
    assert errors == ["Databasen tog inte emot filen (disbursement refused)."]
    assert not BudgetYear.objects.filter(year=2024).exists()


def test_dry_run_checks_and_stores_nothing(tmp_path):
    path = write(tmp_path, csv_bytes([row(), agency_row()]))
    before = stored()
    out, err = import_file(path, "--dry-run")
    assert stored() == before
    assert (
        out.strip()
        == "Kontrollerad, ingenting sparat. nya: 2, uppdaterade: 0, oförändrade: 0"
    )
    assert "Budgetår 2022 finns inte och skulle skapas" in err


# --- large files ------------------------------------------------------------------


def many_rows(count: int) -> list[dict]:
    rows = []
    for n in range(count):
        if n % 10 == 0:
            rows.append(agency_row(diarienummer=f"M{n:05d}", sokande=f"Org {n % 7}"))
        elif n % 4 == 0:
            rows.append(rejected_row(diarienummer=f"M{n:05d}"))
        else:
            rows.append(row(diarienummer=f"M{n:05d}"))
    return rows


def test_progress_is_shown_every_500_rows(tmp_path):
    _, err = import_rows(tmp_path, many_rows(1200))
    lines = err.splitlines()
    assert lines[:3] == [
        "Kontrollerat 500 av 1200 rader",
        "Kontrollerat 1000 av 1200 rader",
        "Kontrollerat 1200 av 1200 rader",
    ]
    assert lines[3:6] == [
        "Sparat 500 av 1200 rader",
        "Sparat 1000 av 1200 rader",
        "Sparat 1200 av 1200 rader",
    ]


def test_progress_is_silent_at_verbosity_0(tmp_path):
    BudgetYearFactory(year=2022)
    _, err = import_file(write(tmp_path, csv_bytes([row()])), "-v0")
    assert err == ""


def test_a_large_file_is_stored_with_bulk_queries(
    tmp_path, django_assert_max_num_queries
):
    """The number of queries grows with 500-row chunks, not with rows.

    The rows and their audit trail entries (about 2 700 here) are inserted in
    batches; SQLite binds at most 999 values per query, so an entry's 16 columns
    make a batch of 62 entries there: 44 of the queries. Each organisation and
    budget year it creates writes its own audit entry (7 and 1).
    """
    dataset = dataset_read(csv_bytes(many_rows(1000)))
    user = importer()
    with django_assert_max_num_queries(120):
        result = applications_import(dataset=dataset, by=user)
    assert len(result.rows) == Application.objects.count() == 1000
    with django_assert_max_num_queries(15):
        again = applications_import(dataset=dataset, by=user)
    assert again.count("unchanged") == 1000


def test_the_service_raises_a_validation_error_with_every_message():
    dataset = dataset_read(csv_bytes([row(typ="x"), row(diarienummer="B", inkom="")]))
    with pytest.raises(ImportRejected) as caught:
        applications_import(dataset=dataset, by=importer())
    assert [(e.row, e.column) for e in caught.value.row_errors] == [
        (2, "typ"),
        (3, "inkom"),
    ]
    assert len(caught.value.messages) == 2
