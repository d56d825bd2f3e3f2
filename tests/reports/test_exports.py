"""The report's figures as XLSX and CSV for the ministry."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from reports.exports import figures_databook


@pytest.fixture
def logged_in(demo_db, client, reader):
    client.force_login(reader)
    return client


def test_xlsx_has_the_three_tables_with_the_published_figures(logged_in):
    response = logged_in.get(reverse("reports:export", args=[2022, "xlsx"]))
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "3.1 Utbetalningar",
        "3.2 Individärenden",
        "4 Utveckling",
    ]
    payments = [tuple(r) for r in book["3.1 Utbetalningar"].iter_rows(values_only=True)]
    assert payments[0] == ("Mottagare", "Beviljat belopp (kr)", "Utbetalt (kr)")
    assert payments[1] == ("Kommuner", 58053534, 58053534)
    assert payments[-1] == ("Totalt", 59249534, 59249534)
    individual = dict(
        r for r in book["3.2 Individärenden"].iter_rows(min_row=2, values_only=True)
    )
    assert individual["Hanterade ansökningar"] == 124
    assert individual["Beviljade ansökningar"] == 113
    assert individual["Avslagna ansökningar"] == 11
    assert individual["Kommuner som beviljats medel"] == 28
    trend = list(book["4 Utveckling"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2]) for r in trend] == [
        (2020, 5130000, 12),
        (2021, 12000000, 28),
        (2022, 58053534, 113),
    ]


@pytest.mark.parametrize(
    ("table", "expected_row"),
    [
        ("payments", ["Statens institutionsstyrelse", "905000", "905000"]),
        ("individual", ["Hanterade ansökningar", "124"]),
        ("trend", ["2020", "5130000", "12", "10", "7500000"]),
    ],
)
def test_csv_per_table(logged_in, table, expected_row):
    url = reverse("reports:export", args=[2022, "csv"])
    response = logged_in.get(url, {"table": table})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert expected_row in rows


def test_unknown_table_or_format_is_not_found(logged_in):
    url = reverse("reports:export", args=[2022, "csv"])
    assert logged_in.get(url, {"table": "people"}).status_code == 404
    assert (
        logged_in.get(reverse("reports:export", args=[2022, "pdf"])).status_code == 404
    )


def test_export_holds_no_personal_data(demo_db, db):
    book = figures_databook(year=2022)
    text = "".join(sheet.export("csv") for sheet in book.sheets())
    assert "IND-" not in text
    assert "handlaggare" not in text
    assert "58053534" in text  # plain numbers, no thousands separators
