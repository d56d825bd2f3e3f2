"""python manage.py render_report --year 2022 --format pdf --output FILE"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grants.models import BudgetYear
from reports.context import InvalidYearRange, annual_report_context
from reports.rendering import report_html_render, report_pdf_render


class Command(BaseCommand):
    help = "Render the annual redovisning of a budget year as HTML or PDF."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Budget year.")
        parser.add_argument(
            "--format", choices=["html", "pdf"], default="pdf", dest="fmt"
        )
        parser.add_argument("--output", required=True, help="File to write.")
        parser.add_argument(
            "--from-year",
            type=int,
            default=None,
            help="First year of the trend in section 4 (default: the last three).",
        )

    def handle(self, *args, year: int, fmt: str, output: str, from_year, **options):
        started = time.monotonic()
        try:
            context = annual_report_context(year=year, from_year=from_year)
        except BudgetYear.DoesNotExist as exc:
            raise CommandError(f"Inget anslag är registrerat för {year}.") from exc
        except InvalidYearRange as exc:
            raise CommandError(str(exc)) from exc
        if fmt == "pdf":
            content = report_pdf_render(context=context)
        else:
            content = report_html_render(context=context, standalone=True).encode()
        path = Path(output)
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Kan inte skriva {path}: {exc.strerror}") from exc
        self.stdout.write(
            f"{path} ({len(content)} bytes, {time.monotonic() - started:.1f} s)"
        )
