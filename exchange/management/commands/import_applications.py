"""python manage.py import_applications FILE --user NAME: the exchange file into the
database, imported by the named user, who is the actor in the audit trail."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange.imports import CHECK, applications_import
from exchange.records import NEW, UNCHANGED, UPDATE
from exchange.tabular import ImportRejected, dataset_read


class Command(BaseCommand):
    help = (
        "Import applications from a CSV or XLSX file (format: README, Import "
        "format). All rows are stored, or none when any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV (comma or semicolon) or XLSX")
        parser.add_argument(
            "--user",
            required=True,
            help="username of the person importing: an active user allowed to add "
            "and change applications, named as actor in the audit trail",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, store nothing",
        )

    def handle(
        self, *args, file: Path, user: str, dry_run: bool, verbosity: int, **options
    ):
        importer = _active_user(user)
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s")
                % {"file": file, "error": error.strerror}
            ) from error
        progress = self._progress if verbosity > 0 else None
        try:
            dataset = dataset_read(content)
            result = applications_import(
                dataset=dataset, by=importer, dry_run=dry_run, progress=progress
            )
        except ImportRejected as rejected:
            raise CommandError(_rejection_text(rejected)) from rejected
        except PermissionDenied as denied:
            raise CommandError(
                _(
                    "%(user)s may not import applications: that takes the "
                    "permissions to add and change applications."
                )
                % {"user": user}
            ) from denied
        for year in result.created_years:
            self.stderr.write(self.style.WARNING(_year_warning(year, dry_run)))
        summary = _("new: %(new)s, updated: %(updated)s, unchanged: %(unchanged)s") % {
            "new": result.count(NEW),
            "updated": result.count(UPDATE),
            "unchanged": result.count(UNCHANGED),
        }
        if dry_run:
            summary = _("Checked, nothing stored. %(summary)s") % {"summary": summary}
        self.stdout.write(summary)

    def _progress(self, stage: str, done: int, total: int) -> None:
        values = {"done": done, "total": total}
        if stage == CHECK:
            self.stderr.write(_("Checked %(done)s of %(total)s rows") % values)
        else:
            self.stderr.write(_("Stored %(done)s of %(total)s rows") % values)


def _active_user(username: str):
    """The active user of that name; the command stops when there is none."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("No active user is named %(user)s.") % {"user": username})
    return user


def _rejection_text(rejected: ImportRejected) -> str:
    lines = [
        _("Nothing was imported: the file has %(count)s errors.")
        % {"count": len(rejected.row_errors)}
    ]
    lines.extend(str(error) for error in rejected.row_errors)
    return "\n".join(lines)


def _year_warning(year: int, dry_run: bool) -> str:
    if dry_run:
        message = _("Budget year %(year)s does not exist and would be created.")
    else:
        message = _(
            "Budget year %(year)s was created with ceiling 0: enter its anslag."
        )
    return message % {"year": year}
