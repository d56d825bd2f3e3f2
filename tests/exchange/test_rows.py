"""Rows and headers the import refuses, each error named by row and column
(exchange/rows.py, and the checks against the database in exchange/imports.py)."""

import pytest

from applications.models import Application
from exchange.tabular import COLUMNS
from grants.models import Organisation
from tests.exchange.importfiles import (
    agency_row,
    import_rows,
    received_row,
    refused,
    rejected_row,
    row,
)
from tests.factories import ApplicationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


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
        "Rad 2, kolumn sokande: Texten får inte börja med =, +, - eller @: ett "
        "kalkylprogram skulle läsa den som en formel.",
        id="formula as organisation name",
    ),
    pytest.param(
        agency_row(sokande="\uff0bHYPERLINK(1)"),
        "Rad 2, kolumn sokande: Texten får inte börja med =, +, - eller @: ett "
        "kalkylprogram skulle läsa den som en formel.",
        id="full-width formula sign as organisation name",
    ),
    pytest.param(
        row(diarienummer="A002.001/2022\u200b"),
        "Rad 2, kolumn diarienummer: Texten får inte innehålla styrtecken eller "
        "osynliga formateringstecken (till exempel ett nollbreddsmellanslag).",
        id="zero-width space in diarienummer",
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


def test_a_look_alike_of_a_diarienummer_in_the_file_is_refused(tmp_path):
    errors = refused(tmp_path, [row(), row(diarienummer="a001.001 / 2022")])
    assert errors == [
        "Rad 3, kolumn diarienummer: a001.001 / 2022 finns också på rad 2"
    ]


def test_a_look_alike_of_a_stored_diarienummer_is_refused(tmp_path):
    ApplicationFactory(reference_number="A100.000/2026")
    errors = refused(tmp_path, [row(diarienummer="a100.000/2026")])
    assert errors == [
        "Rad 2, kolumn diarienummer: a100.000/2026 liknar det befintliga "
        "diarienumret A100.000/2026: de skiljer sig bara i stora och små "
        "bokstäver, mellanslag eller osynliga tecken."
    ]


def test_a_look_alike_of_a_known_organisation_is_that_organisation(tmp_path):
    known = OrganisationFactory(name="Statens institutionsstyrelse")
    import_rows(tmp_path, [agency_row(sokande="ＳＴＡＴＥＮＳ institutionsstyrelse")])
    assert Application.objects.get().applicant_organisation == known
    assert Organisation.objects.count() == 1


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
