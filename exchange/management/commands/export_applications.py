"""python manage.py export_applications FILE: the applications as an exchange file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

from exchange.resources import ApplicationResource

FORMATS = {".csv": CSV, ".xlsx": XLSX}


class Command(BaseCommand):
    help = (
        "Export applications to CSV (comma separated, UTF-8) or XLSX, in the "
        "import format and without identity data."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="ends in .csv or .xlsx")
        parser.add_argument("--year", type=int, help="only this budget year")

    def handle(self, *args, file: Path, year: int | None, **options):
        file_format = FORMATS.get(file.suffix.lower())
        if file_format is None:
            raise CommandError(_("The file name must end in .csv or .xlsx."))
        native = file_format is XLSX
        dataset = ApplicationResource().export(year=year, force_native_type=native)
        data = file_format().export_data(dataset)
        try:
            if native:
                file.write_bytes(data)
            else:
                file.write_text(data, encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": file, "error": error.strerror}
            ) from error
        self.stdout.write(
            _("Exported %(count)s applications to %(file)s.")
            % {"count": len(dataset), "file": file}
        )
