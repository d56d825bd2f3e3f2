"""Create the large invented data set that the benchmark runs on."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from bench.data.facts import DEFAULT_SEED
from bench.data.marks import (
    BenchDataError,
    bench_clear,
    bench_foreign_rows,
    bench_rows_exist,
)
from bench.data.seed import bench_analyze, bench_seed


class Command(BaseCommand):
    help = (
        "Create invented benchmark data (budget years, applications and everything "
        "that belongs to them) with bulk inserts. Never run it on a production "
        "database: it refuses a database that holds other data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--applications", type=int, default=100_000)
        parser.add_argument("--years", type=int, default=20)
        parser.add_argument(
            "--last-year",
            type=int,
            default=date.today().year,
            help="The newest budget year, with open cases (default: this year).",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--clear",
            action="store_true",
            help="Delete the rows an earlier seed_bench created, then seed again "
            "(with --applications 0: only delete).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write to (or clear bench rows from) a database that also holds "
            "data seed_bench did not create.",
        )

    def handle(self, *args, **options):
        foreign = bench_foreign_rows()
        if foreign and not options["force"]:
            found = ", ".join(f"{n} {name}" for name, n in foreign.items())
            raise CommandError(
                f"Databasen innehåller data som inte kommer från seed_bench ({found}). "
                "Avbryter; använd --force om du verkligen menar det."
            )
        started = time.perf_counter()
        if options["clear"]:
            try:
                deleted = bench_clear()
            except ProtectedError as exc:
                raise CommandError(
                    "Testdata kan inte tas bort: annan data hänvisar till den."
                ) from exc
            self.stdout.write(f"Deleted {deleted} bench rows.")
            if options["applications"] == 0:
                return
        elif bench_rows_exist():
            raise CommandError(
                "Testdata från seed_bench finns redan; använd --clear för att "
                "ersätta den."
            )
        try:
            counts = bench_seed(
                applications=options["applications"],
                years=options["years"],
                last_year=options["last_year"],
                seed=options["seed"],
            )
        except BenchDataError as exc:
            raise CommandError(str(exc)) from exc
        seeded = time.perf_counter() - started
        bench_analyze()
        for name, n in counts.items():
            self.stdout.write(f"{n:>10}  {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {sum(counts.values())} rows in {seeded:.1f} s "
                f"(vacuumed and analysed after {time.perf_counter() - started:.1f} s)."
            )
        )
