"""django-import-export glue for the exchange file of applications.

The resource writes the export (one row per ansökan, no identity data) and lets
the admin's import preview and confirm run through `applications_import`, so the
admin applies exactly the rules of `manage.py import_applications`: every row is
checked first, all errors are shown, and the file is stored whole or not at all.
"""

from collections import defaultdict

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Max, QuerySet, Sum
from django.utils.html import format_html
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats import base_formats
from import_export.results import Error, InvalidRow, Result, RowResult

from accounts.text import spreadsheet_row
from applications.models import Application
from exchange.imports import ImportResult, applications_import
from exchange.records import (
    NEW,
    UNCHANGED,
    UPDATE,
    RowPlan,
    record_cells,
    record_from_application,
)
from exchange.tabular import (
    COLUMNS,
    FIRST_DATA_ROW,
    ImportRejected,
    RowError,
    cell_text,
    column_name,
    dataset_read,
)

IMPORT_TYPES = {
    NEW: RowResult.IMPORT_TYPE_NEW,
    UPDATE: RowResult.IMPORT_TYPE_UPDATE,
    UNCHANGED: RowResult.IMPORT_TYPE_SKIP,
}


def export_queryset(queryset: QuerySet, *, year: int | None = None) -> QuerySet:
    """Applications with everything one export row needs, in a stable order."""
    if year is not None:
        queryset = queryset.filter(budget_year__year=year)
    return (
        queryset.select_related(
            "budget_year",
            "applicant_organisation",
            "applicant_municipality",
            "decision",
        )
        .annotate(
            paid_total=Sum("disbursements__amount"),
            paid_last=Max("disbursements__paid_on"),
        )
        .order_by("budget_year__year", "reference_number")
    )


class ApplicationImportResult(Result):
    """import-export's result, plus what the import service decided and warned."""

    def __init__(self):
        super().__init__()
        self.diff_headers = list(COLUMNS)
        self.import_result: ImportResult | None = None
        self.warnings: list[str] = []
        self.rejection: ImportRejected | None = None


class ApplicationResource(resources.ModelResource):
    diarienummer = fields.Field(column_name="diarienummer")
    budgetar = fields.Field(column_name="budgetar")
    typ = fields.Field(column_name="typ")
    sokande = fields.Field(column_name="sokande")
    kommunkod = fields.Field(column_name="kommunkod")
    inkom = fields.Field(column_name="inkom")
    sokt_belopp = fields.Field(column_name="sokt_belopp")
    status = fields.Field(column_name="status")
    beslutsdatum = fields.Field(column_name="beslutsdatum")
    beviljat_belopp = fields.Field(column_name="beviljat_belopp")
    avslagsgrund = fields.Field(column_name="avslagsgrund")
    utbetalt_belopp = fields.Field(column_name="utbetalt_belopp")
    utbetalningsdatum = fields.Field(column_name="utbetalningsdatum")

    class Meta:
        model = Application
        fields = COLUMNS
        import_order = COLUMNS
        export_order = COLUMNS
        import_id_fields = ("diarienummer",)

    @classmethod
    def get_display_name(cls) -> str:
        return _("Applications (diarienummer, budgetar, typ …)")

    # export

    def filter_export(self, queryset, **kwargs):
        return export_queryset(queryset, year=kwargs.get("year"))

    def export_resource(self, instance, selected_fields=None, **kwargs):
        native = bool(kwargs.get("force_native_type"))
        cells = record_cells(record_from_application(instance), native=native)
        return spreadsheet_row(
            cells[field.column_name]
            for field in self.get_export_fields(selected_fields)
        )

    # import

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """Check (dry run: the preview) or store the whole dataset, never part."""
        try:
            outcome = applications_import(
                dataset=dataset, by=kwargs.get("user"), dry_run=dry_run
            )
        except ImportRejected as rejected:
            if raise_errors:
                raise
            return rejected_result(rejected, dataset)
        return accepted_result(outcome)


def accepted_result(outcome: ImportResult) -> ApplicationImportResult:
    """The admin's preview (or its report after storing) of an accepted file."""
    result = ApplicationImportResult()
    result.import_result = outcome
    result.total_rows = len(outcome.rows)
    for plan in outcome.rows:
        row = RowResult()
        row.import_type = IMPORT_TYPES[plan.action]
        row.diff = preview_cells(plan)
        row.add_instance_info(plan.application)
        row.instance = plan.application
        result.append_row_result(row)
        result.increment_row_result_total(row)
    result.warnings = import_warnings(outcome)
    return result


def preview_cells(plan: RowPlan) -> list:
    """The row as it will be stored; a changed cell shows old and new."""
    new = record_cells(plan.record)
    if plan.action != UPDATE:
        return [new[column] for column in COLUMNS]
    old = record_cells(plan.previous)
    return [
        format_html("<del>{}</del> <ins>{}</ins>", old[column], new[column])
        if column in plan.changed
        else new[column]
        for column in COLUMNS
    ]


def import_warnings(outcome: ImportResult) -> list[str]:
    """What the import creates besides applications, to be told to the user."""
    if outcome.dry_run:
        year_message = _("Budget year %(year)s does not exist and would be created.")
    else:
        year_message = _(
            "Budget year %(year)s was created with ceiling 0: enter its anslag."
        )
    warnings = [year_message % {"year": year} for year in outcome.created_years]
    if outcome.created_organisations:
        warnings.append(
            _("New organisations: %(names)s")
            % {"names": ", ".join(outcome.created_organisations)}
        )
    return warnings


def rejected_result(
    rejected: ImportRejected, dataset: tablib.Dataset
) -> ApplicationImportResult:
    """Every error of a refused file: per row and column, or for the whole file."""
    result = ApplicationImportResult()
    result.rejection = rejected
    by_row: dict[int, list[RowError]] = defaultdict(list)
    for error in rejected.row_errors:
        if error.row is None or error.row < FIRST_DATA_ROW:
            result.append_base_error(Error(ValueError(str(error)), number=error.row))
        else:
            by_row[error.row].append(error)
    headers = [column_name(header) for header in dataset.headers or []]
    for number in sorted(by_row):
        messages = defaultdict(list)
        for error in by_row[number]:
            messages[error.column or NON_FIELD_ERRORS].append(error.message)
        cells = dict(zip(headers, dataset[number - FIRST_DATA_ROW], strict=False))
        values = tuple(cell_text(cells.get(column)) for column in COLUMNS)
        result.invalid_rows.append(
            InvalidRow(number, ValidationError(dict(messages)), values)
        )
    return result


class ApplicationCSV(base_formats.CSV):
    """CSV read as bytes, so that the import detects BOM and separator itself."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream):
        return dataset_read(in_stream)


class ApplicationXLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        return dataset_read(in_stream)
