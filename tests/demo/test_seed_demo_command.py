"""seed_demo as a command: logins, idempotency, and refusal outside DEBUG."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from accounts.roles import Role
from applications.models import Application, ApplicationKind
from demo.seed import demo_seed
from grants.models import Municipality

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)


def test_demo_users_exist_in_their_role_groups():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=None)
    User = get_user_model()
    expected = {
        "handlaggare": Role.CASE_OFFICER,
        "handlaggare2": Role.CASE_OFFICER,
        "beslutsfattare": Role.DECISION_MAKER,
        "samordnare": Role.COORDINATOR,
        "lasare": Role.READER,
        "granskare": Role.AUDITOR,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role.value]
    coordinator = User.objects.get(username="samordnare")
    region = coordinator.staff_profile.police_region
    assert Municipality.objects.filter(
        police_region=region, applications__isnull=False
    ).exists()
    decider = User.objects.get(username="beslutsfattare")
    kinds = set(decider.delegations.values_list("kind", flat=True))
    assert kinds == set(ApplicationKind.values)
    assert User.objects.get(username="admin").is_superuser


def test_command_prints_the_url_and_the_demo_passwords(capsys):
    with override_settings(DEBUG=True):
        call_command("seed_demo")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out
    assert "demo-beslutsfattare-2022" in out
    User = get_user_model()
    assert User.objects.get(username="lasare").check_password("demo-lasare-2022")


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"grants", "applications", "auth", "reports"}
    }


def test_running_twice_changes_nothing():
    demo_seed(today=TODAY)
    before = row_counts()
    demo_seed(today=TODAY)
    assert row_counts() == before


@override_settings(DEBUG=False)
def test_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not Application.objects.exists()


@override_settings(DEBUG=False)
def test_force_runs_even_without_debug():
    call_command("seed_demo", "--force", stdout=None)
    assert Application.objects.filter(budget_year__year=2022).count() == 126
