"""What marks a row as seed_bench's, and what is built on that: the check for
other data, the bench users' sessions and the clearing of every bench row.

Diarienummer and case codes start with ``BENCH_PREFIX``, budget years and
organisations carry ``BENCH_MARK``, user names start with ``BENCH_USER_PREFIX``.
"""

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from applications.models import (
    ActionPlan,
    Application,
    CompletionRequest,
    CriterionRecord,
    Decision,
    Delegation,
    Disbursement,
    Document,
    Event,
    FollowUpReport,
    IndividualCase,
    Intervention,
    Proposal,
    StaffProfile,
)
from grants.models import BudgetYear, Organisation

BENCH_PREFIX = "BENCH-"
BENCH_MARK = "seed_bench"
BENCH_USER_PREFIX = "bench-"


class BenchDataError(Exception):
    """The database is not one that seed_bench may write to or clear."""


# --- safety ----------------------------------------------------------------


def bench_foreign_rows() -> dict[str, int]:
    """Count the rows of the domain tables that seed_bench did not create."""
    counts = {
        "applications": Application.objects.exclude(
            reference_number__startswith=BENCH_PREFIX
        ).count(),
        "budget years": BudgetYear.objects.exclude(
            appropriation_reference=BENCH_MARK
        ).count(),
        "organisations": Organisation.objects.exclude(notes=BENCH_MARK).count(),
    }
    return {name: n for name, n in counts.items() if n}


def _bench_users():
    return get_user_model().objects.filter(username__startswith=BENCH_USER_PREFIX)


def is_bench_user(user) -> bool:
    """True for an active user that seed_bench created: bench name, no password."""
    return (
        user is not None
        and user.username.startswith(BENCH_USER_PREFIX)
        and not user.has_usable_password()
        and user.is_active
    )


def bench_otp_device(user) -> TOTPDevice:
    """The confirmed authenticator of a seed_bench user, created on first use.

    Its key is random and never shown, so nobody holds its codes; it exists so that
    the benchmark and `bench_session` can mark a bench user's session as verified
    the way django-otp does after a correct code. Refuses every other user.
    """
    if not is_bench_user(user):
        raise BenchDataError("Endast testanvändare från seed_bench.")
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name=BENCH_MARK, defaults={"confirmed": True}
    )
    return device


def bench_rows_exist() -> bool:
    return (
        Application.objects.filter(reference_number__startswith=BENCH_PREFIX).exists()
        or BudgetYear.objects.filter(appropriation_reference=BENCH_MARK).exists()
        or _bench_users().exists()
    )


@transaction.atomic
def bench_clear() -> int:
    """Delete every row that seed_bench created and nothing else; return the count.

    The change history (django-auditlog) is off meanwhile: the rows are invented,
    were never logged when created, and would otherwise add one immutable log entry
    per deleted row.
    """
    with disable_auditlog():
        return _bench_delete()


def _bench_delete() -> int:
    bench_apps = Application.objects.filter(reference_number__startswith=BENCH_PREFIX)
    by_application = [
        Event,
        CriterionRecord,
        Intervention,
        ActionPlan,
        IndividualCase,
        CompletionRequest,
        Proposal,
        Decision,
        FollowUpReport,
        Document,
        Disbursement,
    ]
    deleted = 0
    for model in by_application:
        if model is CriterionRecord:
            qs = model.objects.filter(case__application__in=bench_apps)
        elif model is Intervention:
            qs = model.objects.filter(action_plan__application__in=bench_apps)
        else:
            qs = model.objects.filter(application__in=bench_apps)
        deleted += qs.delete()[0]
    deleted += bench_apps.delete()[0]
    deleted += BudgetYear.objects.filter(appropriation_reference=BENCH_MARK).delete()[0]
    deleted += Organisation.objects.filter(notes=BENCH_MARK).delete()[0]
    deleted += _bench_users_delete()
    return deleted


def _bench_users_delete() -> int:
    """Delete the bench users; retire those the audit trail names instead.

    Audit entries are immutable (a PostgreSQL trigger refuses UPDATE), so a user
    that an entry names as actor cannot be deleted (that would null the actor).
    Such a user is deactivated, loses groups, delegations, profile and devices,
    and gets a name outside the bench prefix so a new seed can reuse the names.
    """
    users = _bench_users()
    logged = set(
        LogEntry.objects.filter(actor__in=users).values_list("actor_id", flat=True)
    )
    for user in users.filter(pk__in=logged):
        user.username = f"retired{user.pk}-{user.username}"[:150]
        user.is_active = False
        user.save(update_fields=["username", "is_active"])
        user.groups.clear()
    Delegation.objects.filter(user_id__in=logged).delete()
    StaffProfile.objects.filter(user_id__in=logged).delete()
    TOTPDevice.objects.filter(user_id__in=logged).delete()
    return users.exclude(pk__in=logged).delete()[0]
