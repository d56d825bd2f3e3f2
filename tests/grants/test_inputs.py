"""The rule for typed amounts and dates (grants/inputs.py) and its form fields."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from applications.models import Delegation
from grants.inputs import (
    MAX_AMOUNT,
    IsoDateField,
    MoneyField,
    amount_from_text,
    amount_text,
)
from grants.models import AllocationDecision, BudgetYear, Organisation

AMOUNT_MESSAGE = (
    "Skriv beloppet i kronor med siffror och högst två decimaler, "
    "till exempel 125 000 eller 1 234,50."
)
DATE_MESSAGE = "Skriv ett datum mellan 1900-01-01 och 2100-12-31."


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("58053534", "58053534"),
        ("58 053 534", "58053534"),
        ("58\u00a0053\u00a0534", "58053534"),
        ("58\u202f053\u202f534", "58053534"),
        ("1 250,50", "1250.50"),
        ("1250.50", "1250.50"),
        ("1250,5", "1250.50"),
        (" 905 000 ", "905000"),
        ("0", "0"),
        ("-5", "-5"),
        ("\u2212 5 000", "-5000"),
    ],
)
def test_amounts_are_read_as_people_write_them(text, amount):
    assert amount_from_text(text) == Decimal(amount)


@pytest.mark.parametrize(
    "text",
    [
        "1e3",
        "1E3",
        "1e-2",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "1_000",
        "12 34",
        "1 2345",
        "1.234",
        "1,234",
        "1,005",
        "+5",
        ".50",
        "1250,",
        "\u0661\u0662\u0663",  # Arabic-Indic digits, which Decimal() would read
        "",
        "tusen",
    ],
)
def test_mistyped_amounts_are_not_read(text):
    with pytest.raises(ValueError):
        amount_from_text(text)


@given(st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2))
def test_an_amount_shown_in_a_form_reads_back_as_itself(amount):
    field = MoneyField()
    assert field.clean(field.prepare_value(amount)) == amount
    assert amount_from_text(amount_text(amount)) == amount


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("58 053 534", "58053534"),
        ("1 250,50 kr", "1250.50"),
        ("1 250kr", "1250"),
        ("125\u00a0000", "125000"),
        (Decimal("12.50"), "12.50"),
        (1000, "1000"),
    ],
)
def test_money_field_keeps_the_formats_it_took(value, amount):
    assert MoneyField().clean(value) == Decimal(amount)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e3", AMOUNT_MESSAGE),
        ("1E3", AMOUNT_MESSAGE),
        ("NaN", AMOUNT_MESSAGE),
        ("Infinity", AMOUNT_MESSAGE),
        ("1 250,505", AMOUNT_MESSAGE),
        (Decimal("NaN"), AMOUNT_MESSAGE),
        (Decimal("1.005"), AMOUNT_MESSAGE),
        (1.5, AMOUNT_MESSAGE),
        (True, AMOUNT_MESSAGE),
        ("-5", "Beloppet kan inte vara negativt."),
        ("1 000 000 000 000", "Beloppet är för stort."),
        (Decimal("1E+12"), "Beloppet är för stort."),
        ("  ", "Detta fält måste fyllas i."),
    ],
)
def test_money_field_refuses_mistyped_amounts_in_swedish(value, message):
    with pytest.raises(ValidationError) as refused:
        MoneyField().clean(value)
    assert refused.value.messages == [message]


def test_money_field_takes_the_largest_amount_that_fits_the_column():
    assert MoneyField().clean("999 999 999 999,99") == MAX_AMOUNT


def test_optional_money_field_is_empty_when_blank():
    assert MoneyField(required=False).clean(" ") is None


@pytest.mark.parametrize("value", ["1900-01-01", "2022-06-30", "2100-12-31"])
def test_date_field_takes_dates_from_1900_to_2100(value):
    assert IsoDateField().clean(value) == date.fromisoformat(value)


@pytest.mark.parametrize(
    "value", ["1899-12-31", "2101-01-01", "9999-08-01", "0001-01-01", date(1, 1, 1)]
)
def test_date_field_refuses_dates_outside_1900_to_2100(value):
    with pytest.raises(ValidationError) as refused:
        IsoDateField().clean(value)
    assert refused.value.messages == [DATE_MESSAGE]


# --- the admin's forms use the same fields --------------------------------------


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (BudgetYear, {"ceiling": MoneyField, "report_deadline": IsoDateField}),
        (Organisation, {"vetted_on": IsoDateField}),
        (AllocationDecision, {"decided_on": IsoDateField}),
        (Delegation, {"max_amount": MoneyField, "valid_from": IsoDateField}),
    ],
)
def test_admin_forms_read_amounts_and_dates_with_the_same_rule(
    rf, admin_user, model, fields
):
    request = rf.get("/")
    request.user = admin_user
    form_class = admin.site._registry[model].get_form(request)
    for name, field_class in fields.items():
        assert isinstance(form_class.base_fields[name], field_class), name


def test_admin_inlines_read_amounts_and_dates_with_the_same_rule(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    for model in (BudgetYear, AllocationDecision):
        model_admin = admin.site._registry[model]
        for inline in model_admin.get_inline_instances(request):
            form = inline.get_formset(request).form
            for field in form.base_fields.values():
                assert not type(field).__name__.startswith(("Decimal", "Date")), field


def test_admin_budget_year_form_refuses_a_mistyped_ceiling(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    form_class = admin.site._registry[BudgetYear].get_form(request)
    form = form_class(data={"ceiling": "1e3", "report_deadline": "0001-01-01"})
    assert not form.is_valid()
    assert form.errors["ceiling"] == [AMOUNT_MESSAGE]
    assert form.errors["report_deadline"] == [DATE_MESSAGE]
