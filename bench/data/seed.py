"""Write the benchmark data set: `bench_seed`, what `manage.py seed_bench` runs,
with PostgreSQL's COPY (batched INSERTs elsewhere), and `bench_analyze`."""

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, transaction

from accounts.roles import Role
from applications.models import ApplicationKind, Delegation, StaffProfile
from bench.data.builder import BenchBuilder
from bench.data.facts import DEFAULT_SEED, INSERT_BATCH
from bench.data.marks import BENCH_USER_PREFIX, BenchDataError
from bench.data.rows import Staff, Table
from grants.models import BudgetYear, Municipality, PoliceRegion


def _write(table: Table) -> None:
    if not table.rows:
        return
    meta = table.model._meta
    fields = [meta.get_field(name) for name in table.attnames]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
            with cursor.copy(sql) as copy:
                for row in table.rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        # Table and column names come from the models, never from input.
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
        for start in range(0, len(table.rows), INSERT_BATCH):
            batch = [
                tuple(
                    f.get_db_prep_save(v, connection)
                    for f, v in zip(fields, row, strict=True)
                )
                for row in table.rows[start : start + INSERT_BATCH]
            ]
            cursor.executemany(sql, batch)


@contextmanager
def _foreign_keys_checked_once(model_list):
    """Drop the foreign keys of the tables, load, then add them back (PostgreSQL).

    Adding a foreign key checks every row in one join, where a kept key checks
    each copied row on its own: the way PostgreSQL's manual advises to populate
    a database. It all happens inside the caller's transaction, so a failure
    leaves the constraints as they were.
    """
    tables = [m._meta.db_table for m in model_list]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Checks that are pending from earlier writes must not block ALTER TABLE.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' "
            "AND conrelid = ANY(%s::regclass[]) ORDER BY conrelid, conname",
            [tables],
        )
        keys = cursor.fetchall()
        for table, name, _ in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}"
            )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _reset_sequences(model_list) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _staff(years: list[int]) -> Staff:
    """Create the invented users in their role groups, without usable passwords."""
    user_model = get_user_model()
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}

    def make(name: str, role: Role | None, **extra) -> int:
        user = user_model(username=f"{BENCH_USER_PREFIX}{name}", **extra)
        user.set_unusable_password()
        user.save()
        if role:
            user.groups.add(groups[role])
        return user.pk

    staff = Staff(
        case_officers=[
            make(f"handlaggare-{i:02d}", Role.CASE_OFFICER) for i in range(1, 9)
        ],
        decision_makers=[
            make(f"beslutsfattare-{i}", Role.DECISION_MAKER) for i in range(1, 4)
        ],
        coordinators=[],
        readers=[make("lasare-1", Role.READER)],
        auditors=[make("granskare-1", Role.AUDITOR)],
        admin=make("admin", None, is_staff=True, is_superuser=True),
    )
    for i, region in enumerate(PoliceRegion.objects.order_by("name"), start=1):
        pk = make(f"samordnare-{i}", Role.COORDINATOR)
        StaffProfile.objects.create(user_id=pk, police_region=region)
        staff.coordinators.append(pk)
    valid_from = date(years[0], 1, 1)
    for pk in staff.decision_makers:
        for kind, limit in (
            (ApplicationKind.INDIVIDUAL, 2_000_000),
            (ApplicationKind.AGENCY, 10_000_000),
            (ApplicationKind.OPERATING_GRANT, 10_000_000),
        ):
            Delegation.objects.create(
                user_id=pk, kind=kind, max_amount=Decimal(limit), valid_from=valid_from
            )
    return staff


@transaction.atomic
def bench_seed(
    *, applications: int, years: int, last_year: int, seed: int = DEFAULT_SEED
) -> dict[str, int]:
    """Create the invented data set in one transaction; return rows per table."""
    if applications < 0 or years < 1:
        raise BenchDataError("Antalet ansökningar och år måste vara positiva.")
    year_list = list(range(last_year - years + 1, last_year + 1))
    taken = BudgetYear.objects.filter(year__in=year_list).values_list("year", flat=True)
    if taken:
        raise BenchDataError(
            "Budgetåren finns redan: " + ", ".join(str(y) for y in sorted(taken))
        )
    municipalities = list(
        Municipality.objects.order_by("code").values_list("pk", "code")
    )
    if not municipalities:
        raise BenchDataError("Kommunerna saknas; kör migrate först.")
    builder = BenchBuilder(
        applications=applications,
        years=year_list,
        seed=seed,
        staff=_staff(year_list),
        municipalities=municipalities,
    )
    builder.build_organisations()
    builder.build_years()
    builder.build_applications()
    builder.finish_years()
    tables = list(builder.tables.values())
    if connection.vendor == "postgresql":
        with _foreign_keys_checked_once([t.model for t in tables]):
            for table in tables:
                _write(table)
        _reset_sequences([t.model for t in tables])
    else:
        for table in tables:
            _write(table)
    return {t.model._meta.label: len(t.rows) for t in builder.tables.values()}


def bench_analyze() -> None:
    """Vacuum and refresh the planner's statistics after a bulk load (PostgreSQL).

    Without the vacuum, the visibility map is empty and every count reads the
    whole table instead of an index: the benchmark would measure the bulk load.
    VACUUM cannot run inside a transaction (as in the tests): there, only ANALYZE.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if connection.in_atomic_block:
                cursor.execute("ANALYZE")
            else:
                cursor.execute("VACUUM ANALYZE")
