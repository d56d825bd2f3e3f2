"""Changes made in the admin go to the audit trail with the administrator as actor:
delegations, staff profiles, roles and their members, budget years, organisations,
authenticators and passwords. A password change names who changed whose password,
never the hash; an authenticator's key never enters the trail."""

import json
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.db.models import Max
from django.forms import MultiWidget
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import PasswordChangeRequired
from accounts.roles import Role
from applications.models import ApplicationKind, Delegation, StaffProfile
from grants.models import (
    AllocationDecision,
    BudgetAmendment,
    BudgetYear,
    Organisation,
    PoliceRegion,
)
from tests.factories import BudgetYearFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = "192.0.2.44"


@pytest.fixture
def admin_user():
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    client.defaults["REMOTE_ADDR"] = ADDRESS
    return client


def _field_values(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        bound = form[name]
        value = bound.value()
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


def admin_form_data(response) -> dict:
    """What the admin's change form shows, as the browser would post it back."""
    data = _field_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_field_values(formset.management_form))
        for form in formset.forms:
            data.update(_field_values(form))
    return data


def last_entry_pk() -> int:
    return LogEntry.objects.aggregate(last=Max("pk"))["last"] or 0


def entries(model, **filters):
    return LogEntry.objects.get_for_model(model).filter(**filters).order_by("pk")


def assert_by_admin(entry, admin_user):
    assert entry.actor == admin_user
    assert entry.remote_addr == ADDRESS


def test_a_delegation_added_in_the_admin_names_the_administrator(
    admin_client, admin_user
):
    decider = UserFactory(roles=[Role.DECISION_MAKER])
    response = admin_client.post(
        reverse("admin:applications_delegation_add"),
        {
            "user": decider.pk,
            "kind": ApplicationKind.INDIVIDUAL,
            "max_amount": "500000",
            "valid_from": "2024-01-01",
            "valid_to": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    delegation = Delegation.objects.get(user=decider)
    entry = entries(Delegation).get(object_pk=str(delegation.pk))
    assert entry.action == LogEntry.Action.CREATE
    assert_by_admin(entry, admin_user)


def test_a_changed_delegation_records_the_old_and_new_amount(admin_client, admin_user):
    delegation = Delegation.objects.create(
        user=UserFactory(),
        kind=ApplicationKind.AGENCY,
        max_amount=Decimal("100000"),
        valid_from=date(2024, 1, 1),
    )
    url = reverse("admin:applications_delegation_change", args=[delegation.pk])
    data = admin_form_data(admin_client.get(url))
    data["max_amount"] = "99999999"
    assert admin_client.post(url, data).status_code == 302
    entry = entries(Delegation, action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["max_amount"] == ["100000.00", "99999999"]
    assert_by_admin(entry, admin_user)


def test_a_staff_profile_changed_in_the_admin_names_the_administrator(
    admin_client, admin_user
):
    regions = list(PoliceRegion.objects.order_by("pk")[:2])
    profile = StaffProfile.objects.create(user=UserFactory(), police_region=regions[0])
    url = reverse("admin:applications_staffprofile_change", args=[profile.pk])
    data = admin_form_data(admin_client.get(url))
    data["police_region"] = str(regions[1].pk)
    assert admin_client.post(url, data).status_code == 302
    entry = entries(StaffProfile, action=LogEntry.Action.UPDATE).get()
    assert "police_region" in entry.changes_dict
    assert_by_admin(entry, admin_user)


def test_a_role_given_in_the_admin_names_the_administrator(admin_client, admin_user):
    user = UserFactory()
    group = Group.objects.get_or_create(name=Role.DECISION_MAKER.value)[0]
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = admin_form_data(admin_client.get(url))
    data["groups"] = [str(group.pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(user.groups.all()) == [group]
    (entry,) = [
        e for e in entries(type(user), object_pk=str(user.pk)) if "groups" in e.changes
    ]
    assert entry.changes_dict["groups"]["operation"] == "add"
    assert entry.changes_dict["groups"]["objects"] == [group.name]
    assert_by_admin(entry, admin_user)


def test_a_role_group_made_in_the_admin_names_the_administrator(
    admin_client, admin_user
):
    permission = Permission.objects.get(codename="view_organisation")
    response = admin_client.post(
        reverse("admin:auth_group_add"),
        {"name": "Ny roll", "permissions": [permission.pk]},
    )
    assert response.status_code == 302
    group = Group.objects.get(name="Ny roll")
    logged = entries(Group, object_pk=str(group.pk))
    assert [e.action for e in logged] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
    ]
    assert "permissions" in logged.last().changes_dict
    for entry in logged:
        assert_by_admin(entry, admin_user)


def test_a_budget_year_and_its_amendment_changed_in_the_admin_name_the_administrator(
    admin_client, admin_user
):
    year = BudgetYearFactory(year=2024)
    url = reverse("admin:grants_budgetyear_change", args=[year.pk])
    data = admin_form_data(admin_client.get(url))
    data["ceiling"] = "80000000"
    prefix = "amendments"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-decided_on": "2024-05-01",
            f"{prefix}-0-reference": "Ä 1/2024",
            f"{prefix}-0-new_ceiling": "80000000",
            f"{prefix}-0-budget_year": str(year.pk),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    changed = entries(BudgetYear, action=LogEntry.Action.UPDATE).get()
    assert changed.changes_dict["ceiling"] == ["72500000.00", "80000000"]
    assert_by_admin(changed, admin_user)
    amendment = BudgetAmendment.objects.get(budget_year=year)
    added = entries(BudgetAmendment).get(object_pk=str(amendment.pk))
    assert added.action == LogEntry.Action.CREATE
    assert_by_admin(added, admin_user)


def test_an_allocation_decision_made_in_the_admin_names_the_administrator(
    admin_client, admin_user
):
    year = BudgetYearFactory(year=2024)
    response = admin_client.post(
        reverse("admin:grants_allocationdecision_add"),
        {
            "budget_year": year.pk,
            "decided_on": "2024-02-01",
            "reference": "F 1/2024",
            "summary": "",
            "shares-TOTAL_FORMS": "0",
            "shares-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    decision = AllocationDecision.objects.get(reference="F 1/2024")
    assert_by_admin(
        entries(AllocationDecision).get(object_pk=str(decision.pk)), admin_user
    )


def test_an_organisation_changed_in_the_admin_names_the_administrator_not_the_notes(
    admin_client, admin_user
):
    organisation = OrganisationFactory(name="Stiftelsen Exit")
    url = reverse("admin:grants_organisation_change", args=[organisation.pk])
    data = admin_form_data(admin_client.get(url))
    data["notes"] = "Kontakt: Anna Hemlig"
    data["organisation_number"] = "802000-0000"
    assert admin_client.post(url, data).status_code == 302
    entry = entries(Organisation, action=LogEntry.Action.UPDATE).get()
    assert_by_admin(entry, admin_user)
    assert entry.changes_dict["organisation_number"] == ["", "802000-0000"]
    assert "Anna Hemlig" not in json.dumps(entry.changes)


def test_an_authenticator_deleted_in_the_admin_names_the_administrator(
    admin_client, admin_user
):
    device = TOTPDevice.objects.create(user=UserFactory(), name="app", confirmed=True)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    entry = entries(TOTPDevice, action=LogEntry.Action.DELETE).get()
    assert entry.object_pk == str(device.pk)
    assert_by_admin(entry, admin_user)
    assert device.key not in json.dumps(entry.changes)


def test_an_enrolment_is_recorded_with_its_user_and_without_the_key(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    entry = entries(TOTPDevice, action=LogEntry.Action.CREATE).get()
    assert entry.actor == user
    assert set(entry.changes_dict) <= {"id", "user", "name", "confirmed"}
    assert device.key not in json.dumps(entry.changes)
    # A login's counters (last use, drift, throttling) leave no entry.
    device.last_used_at = device.created_at
    device.throttling_failure_count = 3
    device.save()
    assert entries(TOTPDevice).count() == 1


def test_a_password_set_in_the_admin_is_one_entry_naming_who_and_whose(
    admin_client, admin_user
):
    user = UserFactory()
    old_hash = user.password
    before = last_entry_pk()
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {
            "password1": "ett nytt langt losenord",
            "password2": "ett nytt langt losenord",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    entry = entries(type(user), object_pk=str(user.pk), pk__gt=before).get()
    assert entry.action == LogEntry.Action.UPDATE
    assert_by_admin(entry, admin_user)
    assert entry.changes_dict == {"password": ["***", "***"]}
    recorded = json.dumps(entry.changes) + entry.object_repr
    for secret in (old_hash, user.password, *user.password.split("$")[1:]):
        assert secret not in recorded
    required = entries(PasswordChangeRequired).get()
    assert_by_admin(required, admin_user)


def test_a_users_own_password_change_is_one_entry_naming_them(client):
    user = UserFactory()
    client.force_login(user)
    before = last_entry_pk()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct-horse-battery",
            "new_password1": "mitt eget langa losenord",
            "new_password2": "mitt eget langa losenord",
        },
    )
    assert response.status_code == 302
    entry = entries(type(user), object_pk=str(user.pk), pk__gt=before).get()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == user
    assert entry.changes_dict == {"password": ["***", "***"]}
