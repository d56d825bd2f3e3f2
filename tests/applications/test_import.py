"""manage.py import_applications and the service behind it (applications/imports.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management.base import CommandError
from django.db import IntegrityError

from applications.imports import applications_import
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
from applications.tabular import COLUMNS, ImportRejected, dataset_read
from grants.models import BudgetYear, Organisation
from tests.applications.importfiles import (
    agency_row,
    csv_bytes,
    received_row,
    rejected_row,
    row,
    run,
    stored,
    write,
    xlsx_bytes,
)
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    DecisionFactory,
    DisbursementFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def import_rows(tmp_path, rows, **options):
    return run("import_applications", write(tmp_path, csv_bytes(rows, **options)))


def refused(tmp_path, rows, **options) -> list[str]:
    """The error lines of a refused file, after checking that nothing was stored."""
    before = stored()
    with pytest.raises(CommandError) as caught:
        import_rows(tmp_path, rows, **options)
    assert stored() == before
    first, *errors = str(caught.value).splitlines()
    assert first == f"Ingenting importerades: filen har {len(errors)} fel."
    return errors


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
    run("import_applications", write(tmp_path, content, "ansokningar.xlsx"))
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
    out, _ = run("import_applications", write(tmp_path, content))
    assert "nya: 1" in out


def test_blank_rows_are_skipped(tmp_path):
    blank = dict.fromkeys(COLUMNS, "")
    out, _ = import_rows(tmp_path, [blank, row(), blank])
    assert "nya: 1" in out


# --- bad rows -----------------------------------------------------------------------

BAD_ROWS = [
    pytest.param(
        row(typ="individ"),
        "Rad 2, kolumn typ: ”individ” är inte något av: "
        "individarende, myndighet, verksamhetsstod",
        id="bad typ",
    ),
    pytest.param(
        row(kommunkod="12a0"),
        "Rad 2, kolumn kommunkod: ”12a0” är inte en fyrsiffrig kommunkod",
        id="bad kommunkod",
    ),
    pytest.param(
        row(kommunkod="9999"),
        "Rad 2, kolumn kommunkod: det finns ingen kommun med kommunkod 9999",
        id="unknown kommun",
    ),
    pytest.param(
        row(kommunkod=""),
        "Rad 2, kolumn kommunkod: värde saknas",
        id="individual case without kommunkod",
    ),
    pytest.param(
        row(sokande="Göteborgs stad"),
        "Rad 2, kolumn sokande: ”Göteborgs stad” är inte kommun 1280 (Malmö)",
        id="sokande is another kommun",
    ),
    pytest.param(
        row(inkom="2022-02-30"),
        "Rad 2, kolumn inkom: ”2022-02-30” är inte ett giltigt datum",
        id="impossible date",
    ),
    pytest.param(
        row(beslutsdatum="1/4/2022"),
        "Rad 2, kolumn beslutsdatum: ”1/4/2022” är inte ett datum skrivet ÅÅÅÅ-MM-DD",
        id="bad date",
    ),
    pytest.param(
        row(sokt_belopp="5OO 000"),
        "Rad 2, kolumn sokt_belopp: ”5OO 000” är inte ett belopp "
        "(t.ex. 58 053 534 eller 1 234,50)",
        id="bad amount",
    ),
    pytest.param(
        row(sokt_belopp="-500 000"),
        "Rad 2, kolumn sokt_belopp: får inte vara negativt",
        id="negative amount",
    ),
    pytest.param(
        row(beviljat_belopp="500 000,01", utbetalt_belopp="", utbetalningsdatum=""),
        "Rad 2, kolumn beviljat_belopp: 500000,01 är mer än sokt_belopp 500000",
        id="granted more than requested",
    ),
    pytest.param(
        row(beviljat_belopp="0", utbetalt_belopp="", utbetalningsdatum=""),
        "Rad 2, kolumn beviljat_belopp: måste vara större än 0",
        id="granted nothing",
    ),
    pytest.param(
        rejected_row(avslagsgrund=""),
        "Rad 2, kolumn avslagsgrund: måste anges när status är avslagen",
        id="avslagen without reason",
    ),
    pytest.param(
        rejected_row(avslagsgrund="fel"),
        "Rad 2, kolumn avslagsgrund: ”fel” är inte något av: "
        "kriterier_ej_uppfyllda, ofullstandig, ej_kompletterad",
        id="unknown reason",
    ),
    pytest.param(
        rejected_row(beviljat_belopp="1000"),
        "Rad 2, kolumn beviljat_belopp: ska vara tom när status är avslagen",
        id="avslagen with an amount",
    ),
    pytest.param(
        row(beviljat_belopp="", utbetalt_belopp="", utbetalningsdatum=""),
        "Rad 2, kolumn beviljat_belopp: måste anges när status är beviljad",
        id="beviljad without amount",
    ),
    pytest.param(
        row(beslutsdatum=""),
        "Rad 2, kolumn beslutsdatum: måste anges när status är beviljad",
        id="beviljad without decision date",
    ),
    pytest.param(
        received_row(beslutsdatum="2022-04-01"),
        "Rad 2, kolumn beslutsdatum: ska vara tom när status är inkommen",
        id="inkommen with a decision date",
    ),
    pytest.param(
        row(utbetalt_belopp="450 000,01"),
        "Rad 2, kolumn utbetalt_belopp: 450000,01 är mer än beviljat_belopp 450000",
        id="payment more than granted",
    ),
    pytest.param(
        row(utbetalningsdatum=""),
        "Rad 2, kolumn utbetalningsdatum: måste anges när utbetalt_belopp är ifylld",
        id="payment without date",
    ),
    pytest.param(
        row(utbetalt_belopp=""),
        "Rad 2, kolumn utbetalt_belopp: måste anges när utbetalningsdatum är ifylld",
        id="payment date without amount",
    ),
    pytest.param(
        row(utbetalningsdatum="2022-03-31"),
        "Rad 2, kolumn utbetalningsdatum: är före beslutsdatum (2022-04-01)",
        id="paid before the decision",
    ),
    pytest.param(
        row(beslutsdatum="2022-02-28", utbetalningsdatum="2022-03-01"),
        "Rad 2, kolumn beslutsdatum: är före inkom (2022-03-01)",
        id="decided before received",
    ),
    pytest.param(
        agency_row(sokande=""),
        "Rad 2, kolumn sokande: måste anges för myndighet",
        id="organisation missing for myndighet",
    ),
    pytest.param(
        agency_row(kommunkod="1280"),
        "Rad 2, kolumn kommunkod: ska vara tom för myndighet",
        id="kommunkod for myndighet",
    ),
    pytest.param(
        agency_row(sokande="=HYPERLINK(1)"),
        "Rad 2, kolumn sokande: får inte börja med =, +, - eller @",
        id="formula as organisation name",
    ),
    pytest.param(
        row(budgetar="22"),
        "Rad 2, kolumn budgetar: ”22” är inte ett årtal",
        id="bad budget year",
    ),
    pytest.param(
        row(diarienummer=""),
        "Rad 2, kolumn diarienummer: värde saknas",
        id="no diarienummer",
    ),
    pytest.param(
        row(status="klar"),
        "Rad 2, kolumn status: ”klar” är inte något av: inkommen, beviljad, avslagen",
        id="bad status",
    ),
]


@pytest.mark.parametrize(("bad_row", "message"), BAD_ROWS)
def test_a_bad_row_is_named_by_row_column_and_reason(tmp_path, bad_row, message):
    assert refused(tmp_path, [bad_row]) == [message]


def test_every_error_of_every_row_is_reported(tmp_path):
    errors = refused(
        tmp_path,
        [
            row(),
            row(diarienummer="A2", typ="x", inkom="igår"),
            row(diarienummer="A3", kommunkod="0000"),
        ],
    )
    assert errors == [
        "Rad 3, kolumn typ: ”x” är inte något av: "
        "individarende, myndighet, verksamhetsstod",
        "Rad 3, kolumn inkom: ”igår” är inte ett datum skrivet ÅÅÅÅ-MM-DD",
        "Rad 4, kolumn kommunkod: det finns ingen kommun med kommunkod 0000",
    ]


def test_a_diarienummer_twice_in_the_file_is_refused(tmp_path):
    errors = refused(tmp_path, [row(), received_row(), row()])
    assert errors == ["Rad 4, kolumn diarienummer: A001.001/2022 finns också på rad 2"]


def test_a_missing_column_is_refused(tmp_path):
    header = [column for column in COLUMNS if column != "inkom"]
    assert refused(tmp_path, [row()], header=header) == [
        "Rad 1: kolumner saknas: inkom"
    ]


def test_an_unknown_column_is_refused(tmp_path):
    header = [*COLUMNS, "personnummer"]
    assert refused(tmp_path, [row()], header=header) == [
        "Rad 1: okända kolumner: ”personnummer”"
    ]


def test_a_column_given_twice_is_refused(tmp_path):
    header = [*COLUMNS, "status"]
    assert refused(tmp_path, [row()], header=header) == [
        "Rad 1: kolumner som finns två gånger: status"
    ]


def test_an_unreadable_file_is_refused(tmp_path):
    path = write(tmp_path, "diarienummer;budgetår\n".encode("utf-16"))
    with pytest.raises(CommandError, match="varken UTF-8-kodad text"):
        run("import_applications", path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Kan inte läsa"):
        run("import_applications", tmp_path / "saknas.csv")


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
    out, err = run("import_applications", path, "--dry-run")
    assert stored() == before
    assert (
        out.strip()
        == "Kontrollerad, ingenting sparat. nya: 2, uppdaterade: 0, oförändrade: 0"
    )
    assert "Budgetår 2022 finns inte och skulle skapas" in err


# --- importing again ----------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    rows = [row(), agency_row(), rejected_row(), received_row()]
    import_rows(tmp_path, rows)
    before = stored()
    updated_at = sorted(Application.objects.values_list("updated_at", flat=True))

    out, err = import_rows(tmp_path, rows)

    assert out.strip() == "nya: 0, uppdaterade: 0, oförändrade: 4"
    assert "Budgetår" not in err
    assert stored() == before
    assert sorted(Application.objects.values_list("updated_at", flat=True)) == (
        updated_at
    )


def test_a_changed_row_updates_the_application(tmp_path):
    import_rows(tmp_path, [received_row()])
    out, _ = import_rows(tmp_path, [received_row(sokt_belopp="600 000")])
    assert out.strip() == "nya: 0, uppdaterade: 1, oförändrade: 0"
    application = Application.objects.get()
    assert application.requested_amount == Decimal("600000")
    event = application.events.latest("pk")
    assert event.kind == Event.Kind.COMMENT
    assert event.text == "Ändrad genom import: sokt_belopp."


def test_a_decision_and_a_payment_can_be_added_by_a_later_file(tmp_path):
    import_rows(tmp_path, [received_row(diarienummer="A1")])
    import_rows(
        tmp_path,
        [row(diarienummer="A1", utbetalt_belopp="", utbetalningsdatum="")],
    )
    application = Application.objects.get()
    assert application.status == Status.GRANTED
    assert application.decision.granted_amount == Decimal("450000")
    assert application.events.latest("pk").to_status == Status.GRANTED

    import_rows(tmp_path, [row(diarienummer="A1")])
    application.refresh_from_db()
    assert application.status == Status.PAID
    assert application.disbursements.get().amount == Decimal("450000")


def test_an_imported_decision_and_payment_can_be_corrected(tmp_path):
    import_rows(tmp_path, [row()])
    first_update = Application.objects.get().updated_at
    import_rows(
        tmp_path,
        [row(beviljat_belopp="400 000", utbetalt_belopp="300 000")],
    )
    application = Application.objects.get()
    assert application.decision.granted_amount == Decimal("400000")
    assert application.disbursements.get().amount == Decimal("300000")
    assert Decision.objects.count() == Disbursement.objects.count() == 1
    assert application.updated_at > first_update
    assert application.events.latest("pk").text == (
        "Ändrad genom import: beviljat_belopp, utbetalt_belopp."
    )


def test_an_application_in_case_handling_is_not_changed(tmp_path):
    import_rows(tmp_path, [received_row()])
    Application.objects.update(status=Status.IN_REVIEW)
    errors = refused(tmp_path, [received_row(sokt_belopp="1")])
    assert errors == [
        "Rad 2, kolumn status: ansökan har status ”under beredning” "
        "och kan inte ändras genom import"
    ]


def test_an_application_in_case_handling_with_an_equal_row_is_unchanged(tmp_path):
    import_rows(tmp_path, [received_row()])
    Application.objects.update(status=Status.PREPARED)
    out, _ = import_rows(tmp_path, [received_row()])
    assert "oförändrade: 1" in out
    assert Application.objects.get().status == Status.PREPARED


def test_a_decision_made_in_the_system_is_not_changed(tmp_path):
    decision = DecisionFactory(
        application__reference_number="A1",
        application__status=Status.GRANTED,
        decided_by=UserFactory(),
    )
    errors = refused(
        tmp_path,
        [
            row(
                diarienummer="A1",
                inkom="2022-03-01",
                sokt_belopp="500000",
                beslutsdatum="2022-05-01",
                beviljat_belopp="1",
                utbetalt_belopp="",
                utbetalningsdatum="",
            )
        ],
    )
    assert errors == [
        "Rad 2, kolumn status: beslutet är fattat i systemet och kan inte ändras "
        "genom import"
    ]
    decision.refresh_from_db()
    assert decision.granted_amount == Decimal("500000")


def test_a_decision_cannot_be_turned_or_removed(tmp_path):
    import_rows(tmp_path, [row(utbetalt_belopp="", utbetalningsdatum="")])
    turned = refused(tmp_path, [rejected_row(diarienummer="A001.001/2022")])
    assert turned == [
        "Rad 2, kolumn status: ansökan är redan beviljad och kan inte bli avslagen "
        "genom import"
    ]
    removed = refused(tmp_path, [received_row(diarienummer="A001.001/2022")])
    assert removed == [
        "Rad 2, kolumn status: ansökan är redan beviljad och kan inte bli inkommen "
        "genom import"
    ]


def test_a_payment_cannot_be_removed_nor_the_kind_changed(tmp_path):
    import_rows(tmp_path, [row()])
    errors = refused(
        tmp_path,
        [
            row(
                utbetalt_belopp="",
                utbetalningsdatum="",
                typ="myndighet",
                sokande="SiS",
                kommunkod="",
            )
        ],
    )
    assert errors == [
        "Rad 2, kolumn typ: typ kan inte ändras för en ansökan som redan finns",
        "Rad 2, kolumn utbetalt_belopp: en registrerad utbetalning kan inte tas bort "
        "genom import",
    ]


def test_an_application_with_several_payments_is_not_changed(tmp_path):
    application = ApplicationFactory(reference_number="A1", status=Status.PAID)
    DecisionFactory(application=application)
    DisbursementFactory(application=application, paid_on=date(2022, 6, 1))
    DisbursementFactory(application=application, paid_on=date(2022, 7, 1))
    errors = refused(tmp_path, [row(diarienummer="A1", sokt_belopp="600000")])
    assert errors == [
        "Rad 2, kolumn status: ansökan har flera utbetalningar och kan inte ändras "
        "genom import"
    ]


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
    _, err = run("import_applications", write(tmp_path, csv_bytes([row()])), "-v0")
    assert err == ""


def test_a_large_file_is_stored_with_bulk_queries(
    tmp_path, django_assert_max_num_queries
):
    """The number of queries grows with 500-row chunks, not with rows."""
    dataset = dataset_read(csv_bytes(many_rows(1000)))
    with django_assert_max_num_queries(60):
        result = applications_import(dataset=dataset)
    assert len(result.rows) == Application.objects.count() == 1000
    with django_assert_max_num_queries(15):
        again = applications_import(dataset=dataset)
    assert again.count("unchanged") == 1000


def test_the_service_raises_a_validation_error_with_every_message():
    dataset = dataset_read(csv_bytes([row(typ="x"), row(diarienummer="B", inkom="")]))
    with pytest.raises(ImportRejected) as caught:
        applications_import(dataset=dataset)
    assert [(e.row, e.column) for e in caught.value.row_errors] == [
        (2, "typ"),
        (3, "inkom"),
    ]
    assert len(caught.value.messages) == 2
