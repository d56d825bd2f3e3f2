"""The report's figures (3.1, 3.2 and the trend table) as tablib datasets, for
XLSX and CSV. Amounts are plain numbers (no thousands separators); no text cell
begins like a spreadsheet formula (accounts.text.spreadsheet_dataset)."""

from decimal import Decimal

import tablib
from django.utils.translation import gettext as _

from accounts.text import spreadsheet_dataset
from reports import selectors
from reports.context import trend_start

TABLES = ("payments", "individual", "trend")
CENT = Decimal("0.01")


def amount(value: Decimal | None) -> int | Decimal | None:
    """Whole kronor as an integer; an amount with öre keeps two decimals."""
    if value is None:
        return None
    value = Decimal(value).quantize(CENT)
    return int(value) if value == value.to_integral_value() else value


def payments_dataset(*, year: int) -> tablib.Dataset:
    payments = selectors.payments_by_recipient(year=year)
    data = tablib.Dataset(
        headers=[_("Recipient"), _("Granted amount (SEK)"), _("Paid (SEK)")],
        title=_("3.1 Payments"),
    )
    for row in payments.rows:
        name = _("Municipalities") if row.is_municipalities else row.name
        data.append([name, amount(row.granted), amount(row.paid)])
    data.append(
        [_("Total"), amount(payments.granted_total), amount(payments.paid_total)]
    )
    return spreadsheet_dataset(data)


def individual_dataset(*, year: int) -> tablib.Dataset:
    figures = selectors.individual_case_figures(year=year)
    data = tablib.Dataset(
        headers=[_("Figure"), _("Value")], title=_("3.2 Individual cases")
    )
    data.append([_("Applications handled"), figures.handled])
    data.append([_("Applications granted"), figures.granted])
    data.append([_("Granted amount (SEK)"), amount(figures.granted_amount)])
    data.append([_("Municipalities granted funds"), figures.municipalities])
    data.append([_("Counties"), ", ".join(figures.counties)])
    data.append([_("Applications rejected"), figures.rejected])
    for _reason, label, n in figures.rejections:
        data.append([_("Rejected: %(reason)s") % {"reason": label}, n])
    for _kind, label, n in figures.interventions:
        data.append([_("Cases with intervention: %(kind)s") % {"kind": label}, n])
    return spreadsheet_dataset(data)


def trend_dataset(*, year: int, from_year: int | None = None) -> tablib.Dataset:
    rows = selectors.trend(
        from_year=trend_start(year=year, from_year=from_year), to_year=year
    )
    data = tablib.Dataset(
        headers=[
            _("Year"),
            _("Sum granted to individual cases (SEK)"),
            _("Granted applications, individual cases"),
            _("Municipalities granted funds"),
            _("Appropriation (SEK)"),
        ],
        title=_("4 Development"),
    )
    for r in rows:
        data.append(
            [
                r.year,
                amount(r.granted_amount),
                r.granted,
                r.municipalities,
                amount(r.ceiling),
            ]
        )
    return spreadsheet_dataset(data)


def figures_dataset(*, year: int, table: str, from_year: int | None = None):
    """One table of figures by name: payments, individual or trend."""
    if table == "payments":
        return payments_dataset(year=year)
    if table == "individual":
        return individual_dataset(year=year)
    if table == "trend":
        return trend_dataset(year=year, from_year=from_year)
    raise ValueError(table)


def figures_databook(*, year: int, from_year: int | None = None) -> tablib.Databook:
    """All three tables, one sheet each."""
    return tablib.Databook(
        [
            payments_dataset(year=year),
            individual_dataset(year=year),
            trend_dataset(year=year, from_year=from_year),
        ]
    )
