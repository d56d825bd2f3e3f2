"""Building exchange files and running the import in tests. All data is invented."""

import csv
import io
from contextlib import contextmanager
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from import_export.formats.base_formats import CSV

from applications.models import Application, Decision, Disbursement, Event
from exchange.resources import ApplicationResource
from exchange.tabular import COLUMNS
from grants.models import BudgetYear, Organisation
from tests.factories import UserFactory

MALMO = "1280"  # Malmö, in the kommun reference data loaded by the migrations


def row(**changes) -> dict:
    """A valid row: an individärende from Malmö, granted and paid out."""
    values = {
        "diarienummer": "A001.001/2022",
        "budgetar": "2022",
        "typ": "individarende",
        "sokande": "",
        "kommunkod": MALMO,
        "inkom": "2022-03-01",
        "sokt_belopp": "500000",
        "status": "beviljad",
        "beslutsdatum": "2022-04-01",
        "beviljat_belopp": "450000",
        "avslagsgrund": "",
        "utbetalt_belopp": "450000",
        "utbetalningsdatum": "2022-05-02",
    }
    values.update(changes)
    return values


def agency_row(**changes) -> dict:
    values = row(
        diarienummer="A002.001/2022",
        typ="myndighet",
        sokande="Statens institutionsstyrelse",
        kommunkod="",
        sokt_belopp="905000",
        beviljat_belopp="905000",
        utbetalt_belopp="",
        utbetalningsdatum="",
    )
    values.update(changes)
    return values


def rejected_row(**changes) -> dict:
    values = row(
        diarienummer="A003.001/2022",
        status="avslagen",
        beviljat_belopp="",
        avslagsgrund="ofullstandig",
        utbetalt_belopp="",
        utbetalningsdatum="",
    )
    values.update(changes)
    return values


def received_row(**changes) -> dict:
    values = row(
        diarienummer="A004.001/2022",
        status="inkommen",
        beslutsdatum="",
        beviljat_belopp="",
        utbetalt_belopp="",
        utbetalningsdatum="",
    )
    values.update(changes)
    return values


def csv_bytes(rows, *, delimiter=",", bom=False, header=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def xlsx_bytes(rows, *, header=COLUMNS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for values in rows:
        sheet.append([values.get(column) for column in header])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write(tmp_path, content: bytes, name="ansokningar.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def run(command: str, *args, **options) -> tuple[str, str]:
    """Run a management command; its (stdout, stderr)."""
    stdout, stderr = StringIO(), StringIO()
    call_command(
        command, *[str(a) for a in args], stdout=stdout, stderr=stderr, **options
    )
    return stdout.getvalue(), stderr.getvalue()


def importer():
    """The user who imports in these tests: allowed to add and change applications."""
    user = UserFactory(username="importer")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="applications",
            codename__in=["add_application", "change_application"],
        )
    )
    return user


def import_file(path, *args) -> tuple[str, str]:
    """Run import_applications on a file, as the importer; its (stdout, stderr)."""
    return run("import_applications", path, "--user", importer().username, *args)


def import_rows(tmp_path, rows, **options):
    return import_file(write(tmp_path, csv_bytes(rows, **options)))


def refused(tmp_path, rows, **options) -> list[str]:
    """The error lines of a refused file, after checking that nothing was stored."""
    before = stored()
    with pytest.raises(CommandError) as caught:
        import_rows(tmp_path, rows, **options)
    assert stored() == before
    first, *errors = str(caught.value).splitlines()
    assert first == f"Ingenting importerades: filen har {len(errors)} fel."
    return errors


def stored() -> dict:
    """How many rows of each kind the import may write."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Application,
            Decision,
            Disbursement,
            Event,
            Organisation,
            BudgetYear,
        )
    }


def export_csv(**options) -> str:
    return CSV().export_data(ApplicationResource().export(**options))


@contextmanager
def rolled_back():
    """Run a block in a savepoint that is always rolled back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
