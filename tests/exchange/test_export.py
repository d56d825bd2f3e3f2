"""manage.py export_applications, and importing what it wrote (the round trip)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management.base import CommandError
from openpyxl import load_workbook

from applications.models import (
    Application,
    ApplicationKind,
    Decision,
    Disbursement,
    Event,
    IndividualCase,
    Outcome,
    RejectionReason,
    Status,
)
from applications.services import disbursement_register
from exchange.resources import ApplicationResource
from exchange.tabular import COLUMNS
from grants.models import BudgetYear, Organisation
from tests.exchange.importfiles import import_file, run, stored
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    IndividualCaseFactory,
    OrganisationFactory,
    officer_user,
)
from tests.scenarios import case_at, registered

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)


def export_lines(tmp_path, *args) -> list[str]:
    path = tmp_path / "export.csv"
    run("export_applications", path, *args)
    return path.read_text(encoding="utf-8").splitlines()


def decided(status, outcome=Outcome.GRANTED, *, budget_year=None, **registration):
    """An individärende of 500 000 kr brought to a status through the services,
    decided on 1 May 2022: granted 400 000 kr, or rejected for unmet criteria."""
    return case_at(
        status,
        budget_year=budget_year or BudgetYearFactory(year=2022),
        outcome=outcome,
        requested=registration.pop("requested", "500000"),
        amount="400000",
        decided_on=date(2022, 5, 1),
        rejection_reason=RejectionReason.CRITERIA_NOT_MET,
        **registration,
    )


def pay(application, amount: str, paid_on: date) -> None:
    disbursement_register(
        application=application,
        by=officer_user(),
        amount=Decimal(amount),
        paid_on=paid_on,
    )


def test_the_export_writes_the_import_format(tmp_path):
    individual = decided(Status.GRANTED, reference_number="A1")
    pay(individual, "100000", date(2022, 6, 1))
    pay(individual, "50000.50", date(2022, 9, 1))
    registered(
        budget_year=individual.budget_year,
        kind=ApplicationKind.AGENCY,
        reference_number="A2",
        organisation=OrganisationFactory(name="Socialstyrelsen"),
        requested="291000",
        received_on=date(2022, 2, 1),
    )

    assert export_lines(tmp_path) == [
        HEADER,
        "A1,2022,individarende,Malmö,1280,2022-03-01,500000,beviljad,2022-05-01,"
        '400000,,"150000,50",2022-09-01',
        "A2,2022,myndighet,Socialstyrelsen,,2022-02-01,291000,inkommen,,,,,",
    ]


@pytest.mark.parametrize(
    ("status", "outcome", "exported"),
    [
        (Status.RECEIVED, None, "inkommen"),
        (Status.IN_REVIEW, None, "inkommen"),
        (Status.COMPLETION_REQUESTED, None, "inkommen"),
        (Status.PREPARED, None, "inkommen"),
        (Status.WITHDRAWN, None, "inkommen"),
        (Status.GRANTED, Outcome.GRANTED, "beviljad"),
        (Status.PAID, Outcome.GRANTED, "beviljad"),
        (Status.REPORTED, Outcome.GRANTED, "beviljad"),
        (Status.CLOSED, Outcome.GRANTED, "beviljad"),
        (Status.REJECTED, Outcome.REJECTED, "avslagen"),
        (Status.CLOSED, Outcome.REJECTED, "avslagen"),
    ],
)
def test_each_status_is_exported_as_what_the_file_can_say(
    tmp_path, status, outcome, exported
):
    if outcome:
        decided(status, outcome)
    else:
        case_at(status, budget_year=BudgetYearFactory(year=2022))
    cells = export_lines(tmp_path)[1].split(",")
    assert cells[COLUMNS.index("status")] == exported
    decision_cells = cells[COLUMNS.index("beslutsdatum") :]
    if exported == "beviljad":
        assert decision_cells[:3] == ["2022-05-01", "400000", ""]
    elif exported == "avslagen":
        assert decision_cells[:3] == ["2022-05-01", "", "kriterier_ej_uppfyllda"]
    else:
        assert decision_cells == ["", "", "", "", ""]


def test_the_export_holds_no_identity_data(tmp_path):
    case = IndividualCaseFactory(
        case_code="AVH-HEMLIG-01",
        birth_year=1987,
        application__purpose="Flytt från Rosengård",
        coordinator_statement="Samordnaren känner personen",
    )
    text = "\n".join(export_lines(tmp_path))
    assert case.application.reference_number in text
    for secret in ("AVH-HEMLIG-01", "1987", "Rosengård", "Samordnaren"):
        assert secret not in text


def test_the_export_can_be_limited_to_one_budget_year(tmp_path):
    ApplicationFactory(reference_number="A2022")
    ApplicationFactory(
        reference_number="A2021", budget_year=BudgetYearFactory(year=2021)
    )
    lines = export_lines(tmp_path, "--year", "2021")
    assert [line.split(",")[0] for line in lines[1:]] == ["A2021"]


def test_the_export_is_ordered_by_budget_year_and_diarienummer(tmp_path):
    for reference, year in (("B", 2022), ("A", 2022), ("C", 2021)):
        ApplicationFactory(
            reference_number=reference, budget_year=BudgetYearFactory(year=year)
        )
    assert [line.split(",")[0] for line in export_lines(tmp_path)[1:]] == [
        "C",
        "A",
        "B",
    ]


def test_the_export_reads_the_database_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    for n in range(30):
        decided(Status.PAID, reference_number=f"A{n:02d}")
    with django_assert_max_num_queries(2):
        dataset = ApplicationResource().export()
    assert len(dataset) == 30


def test_other_file_types_are_refused(tmp_path):
    with pytest.raises(CommandError, match="måste sluta på .csv eller .xlsx"):
        run("export_applications", tmp_path / "export.json")


def test_xlsx_export_has_text_codes_and_number_amounts(tmp_path):
    decided(
        Status.GRANTED,
        reference_number="A1",
        municipality_code="0114",
    )
    path = tmp_path / "export.xlsx"
    run("export_applications", path)
    sheet = load_workbook(path).active
    header, values = list(sheet.iter_rows(values_only=True))
    assert header == COLUMNS
    cells = dict(zip(header, values, strict=True))
    assert cells["kommunkod"] == "0114"
    assert cells["budgetar"] == 2022
    assert cells["sokt_belopp"] == 500000
    assert cells["beviljat_belopp"] == 400000
    assert cells["inkom"] == "2022-03-01"
    assert cells["utbetalt_belopp"] is None


# --- round trip --------------------------------------------------------------------


def varied_applications():
    """Applications in every state the export distinguishes, with öre and payments."""
    year_2021 = BudgetYearFactory(year=2021)
    paid = decided(Status.GRANTED, reference_number="A077.001/2022")
    pay(paid, "100000.25", date(2022, 6, 1))
    pay(paid, "200000", date(2022, 8, 1))
    decided(Status.REPORTED, reference_number="A077.002/2022")
    decided(Status.REJECTED, Outcome.REJECTED, reference_number="A077.003/2022")
    decided(
        Status.CLOSED,
        Outcome.REJECTED,
        reference_number="A077.004/2021",
        budget_year=year_2021,
    )
    year_2022 = paid.budget_year
    case_at(Status.IN_REVIEW, budget_year=year_2022, reference_number="A077.005/2022")
    registered(
        budget_year=year_2022,
        kind=ApplicationKind.AGENCY,
        reference_number="A077.006/2022",
        organisation=OrganisationFactory(name="Statens institutionsstyrelse"),
        requested="905000.50",
    )
    decided(
        Status.GRANTED,
        budget_year=year_2021,
        kind=ApplicationKind.OPERATING_GRANT,
        reference_number="A077.007/2021",
        organisation=OrganisationFactory(
            name="Fryshuset, Passus", kind=Organisation.Kind.NON_PROFIT
        ),
    )


def empty_the_database():
    """Back to a freshly migrated database: only the reference data is left."""
    Event.objects.all().delete()
    Disbursement.objects.all().delete()
    Decision.objects.all().delete()
    IndividualCase.objects.all().delete()
    Application.objects.all().delete()
    Organisation.objects.all().delete()
    BudgetYear.objects.all().delete()
    assert set(stored().values()) == {0}


def test_csv_round_trip_into_an_empty_database(tmp_path):
    varied_applications()
    first = tmp_path / "first.csv"
    run("export_applications", first)
    empty_the_database()

    out, _ = import_file(first)
    assert out.strip() == "nya: 7, uppdaterade: 0, oförändrade: 0"
    second = tmp_path / "second.csv"
    run("export_applications", second)

    assert second.read_bytes() == first.read_bytes()
    out, _ = import_file(second)
    assert out.strip() == "nya: 0, uppdaterade: 0, oförändrade: 7"


def test_xlsx_round_trip_into_an_empty_database(tmp_path):
    varied_applications()
    first = tmp_path / "first.xlsx"
    run("export_applications", first)
    empty_the_database()

    import_file(first)
    second = tmp_path / "second.xlsx"
    run("export_applications", second)

    assert sheet_values(second.read_bytes()) == sheet_values(first.read_bytes())
    assert len(sheet_values(first.read_bytes())) == 8


def test_an_import_round_trips_through_the_export(tmp_path):
    """A file in the export's own spelling comes back byte for byte."""
    content = (
        HEADER + "\r\n"
        "A1,2022,individarende,Malmö,1280,2022-03-01,500000,beviljad,2022-04-01,"
        '"450000,50",,"450000,50",2022-05-02\r\n'
        "A2,2022,myndighet,Socialstyrelsen,,2022-02-01,291000,inkommen,,,,,\r\n"
        "A3,2022,verksamhetsstod,Fryshuset,,2022-02-01,10000,avslagen,2022-03-01"
        ",,ej_kompletterad,,\r\n"
    ).encode()
    source = tmp_path / "source.csv"
    source.write_bytes(content)
    import_file(source)
    exported = tmp_path / "exported.csv"
    run("export_applications", exported)
    assert exported.read_bytes() == content


def sheet_values(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
