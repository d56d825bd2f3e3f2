"""The demo logins: one user per role with a known password, and the admin.

Demo only: seed_demo refuses to run without DEBUG, so these passwords never reach
a production database by accident.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import Role
from applications.models import ApplicationKind, Delegation, StaffProfile
from grants.models import PoliceRegion

# username -> (role, password).
DEMO_USERS: dict[str, tuple[Role, str]] = {
    "handlaggare": (Role.CASE_OFFICER, "demo-handlaggare-2022"),
    "handlaggare2": (Role.CASE_OFFICER, "demo-handlaggare2-2022"),
    "beslutsfattare": (Role.DECISION_MAKER, "demo-beslutsfattare-2022"),
    "samordnare": (Role.COORDINATOR, "demo-samordnare-2022"),
    "lasare": (Role.READER, "demo-lasare-2022"),
    "granskare": (Role.AUDITOR, "demo-granskare-2022"),
}
ADMIN_USER = ("admin", "demo-admin-2022")
COORDINATOR_REGION = "Region Stockholm"


def ensure_users(*, current_year: int) -> dict:
    """Create the demo logins in their role groups, the coordinator's region and
    the decider's delegations; return the users by name."""
    User = get_user_model()
    users = {}
    for username, (role, password) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        users[username] = user
    StaffProfile.objects.get_or_create(
        user=users["samordnare"],
        defaults={"police_region": PoliceRegion.objects.get(name=COORDINATOR_REGION)},
    )
    for kind, limit in [
        (ApplicationKind.INDIVIDUAL, Decimal("1500000")),
        (ApplicationKind.AGENCY, Decimal("2000000")),
        (ApplicationKind.OPERATING_GRANT, Decimal("5000000")),
    ]:
        Delegation.objects.get_or_create(
            user=users["beslutsfattare"],
            kind=kind,
            valid_from=date(2020, 1, 1),
            defaults={"max_amount": limit, "valid_to": date(current_year, 12, 31)},
        )
    username, password = ADMIN_USER
    if not User.objects.filter(username=username).exists():
        User.objects.create_superuser(username=username, password=password, email="")
    return users


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, role label, password) for every demo login, admin last."""
    rows = [(u, str(role.label), pw) for u, (role, pw) in DEMO_USERS.items()]
    rows.append((ADMIN_USER[0], "superuser (Django admin)", ADMIN_USER[1]))
    return rows
