"""Importing a file again: what a later file may change in stored applications,
and what it may not (exchange/imports.py)."""

from datetime import date
from decimal import Decimal

import pytest

from applications.models import (
    Application,
    Decision,
    Disbursement,
    Event,
    Outcome,
    Status,
)
from applications.services import application_start_review, disbursement_register
from tests.exchange.importfiles import (
    agency_row,
    import_rows,
    received_row,
    refused,
    rejected_row,
    row,
    stored,
)
from tests.factories import BudgetYearFactory, officer_user
from tests.scenarios import case_at, prepare

pytestmark = pytest.mark.django_db


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
    application_start_review(application=Application.objects.get(), by=officer_user())
    errors = refused(tmp_path, [received_row(sokt_belopp="1")])
    assert errors == [
        "Rad 2, kolumn status: ansökan har status ”under beredning” "
        "och kan inte ändras genom import"
    ]


def test_an_application_in_case_handling_with_an_equal_row_is_unchanged(tmp_path):
    import_rows(tmp_path, [received_row()])
    prepare(Application.objects.get(), by=officer_user(), outcome=Outcome.REJECTED)
    out, _ = import_rows(tmp_path, [received_row()])
    assert "oförändrade: 1" in out
    assert Application.objects.get().status == Status.PREPARED


def test_a_decision_made_in_the_system_is_not_changed(tmp_path):
    application = case_at(
        Status.GRANTED,
        budget_year=BudgetYearFactory(year=2022),
        reference_number="A1",
        requested="500000",
    )
    decision = application.decision
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
    # An imported decision and payment, and a second payment registered since.
    import_rows(tmp_path, [row(diarienummer="A1", utbetalt_belopp="100000")])
    disbursement_register(
        application=Application.objects.get(reference_number="A1"),
        by=officer_user(),
        amount=Decimal("100000"),
        paid_on=date(2022, 7, 1),
    )
    errors = refused(tmp_path, [row(diarienummer="A1", sokt_belopp="600000")])
    assert errors == [
        "Rad 2, kolumn status: ansökan har flera utbetalningar och kan inte ändras "
        "genom import"
    ]
