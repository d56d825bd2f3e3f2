"""A password someone else set is the user's only until their next login: then
they choose their own and enrol their authenticator again. Users change their own
password themselves, behind the two-factor login."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import PasswordChangeRequired
from tests.accounts.test_login import PASSWORD, code_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
CHOOSE = reverse("password_choose")
CHANGE = reverse("password_change")
SETUP = reverse("two_factor_setup")
VERIFY = reverse("two_factor_verify")
AUDIT = reverse("audit:log")
ADMIN = reverse("admin:index")
HOME = "/"
SET_BY_ADMIN = "admin-valt losenord 2024"
OWN = "mitt eget langa losenord 2024"


@pytest.fixture
def admin_user():
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def user():
    user = UserFactory(username="anna", is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user


def log_in_verified(client, user):
    """Password and code, as two-factor login asks where it is required."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="app", defaults={"confirmed": True}
    )
    client.force_login(user)
    client.post(VERIFY, {"token": code_for(device), "next": ADMIN})


def admin_sets_password(client, admin_user, user, password=SET_BY_ADMIN):
    log_in_verified(client, admin_user)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": password, "password2": password},
    )
    assert response["Location"] == reverse("admin:auth_user_change", args=[user.pk])
    client.logout()


def log_in(client, username, password, next_url=ADMIN):
    response = client.post(
        f"{LOGIN}?next={next_url}",
        {"username": username, "password": password, "next": next_url},
    )
    assert response.status_code == 302
    return response


@override_settings(REQUIRE_2FA=True)
def test_after_an_admin_sets_a_password_the_user_chooses_one_then_enrols_again(
    client, admin_user, user
):
    admin_sets_password(client, admin_user, user)
    assert PasswordChangeRequired.objects.filter(user=user).exists()
    assert not TOTPDevice.objects.filter(user=user).exists()

    log_in(client, "anna", SET_BY_ADMIN)
    for url in (ADMIN, AUDIT, HOME, SETUP, VERIFY, CHANGE):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(CHOOSE), url
    assert client.get(f"{CHOOSE}?next={ADMIN}").status_code == 200

    short = client.post(CHOOSE, {"new_password1": "kort", "new_password2": "kort"})
    assert short.status_code == 200 and short.context["form"].errors
    same = {"new_password1": SET_BY_ADMIN, "new_password2": SET_BY_ADMIN}
    kept = client.post(CHOOSE, same)
    assert kept.status_code == 200 and "new_password1" in kept.context["form"].errors
    assert client.get(ADMIN)["Location"].startswith(CHOOSE)
    done = client.post(
        CHOOSE, {"new_password1": OWN, "new_password2": OWN, "next": ADMIN}
    )
    assert done["Location"] == ADMIN
    user.refresh_from_db()
    assert user.check_password(OWN)
    assert not PasswordChangeRequired.objects.filter(user=user).exists()

    # Still logged in, and now sent to enrol a new authenticator.
    assert client.get(ADMIN)["Location"].startswith(SETUP)
    client.get(f"{SETUP}?next={ADMIN}")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    enrolled = client.post(SETUP, {"token": code_for(device), "next": ADMIN})
    assert enrolled["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


@override_settings(REQUIRE_2FA=False)
def test_enrolment_is_asked_again_even_where_two_factor_login_is_optional(
    client, admin_user, user
):
    admin_sets_password(client, admin_user, user)
    log_in(client, "anna", SET_BY_ADMIN)
    client.post(CHOOSE, {"new_password1": OWN, "new_password2": OWN, "next": ADMIN})
    assert client.get(ADMIN)["Location"].startswith(SETUP)


def test_a_user_whose_password_is_their_own_is_not_asked_to_change_it(client, user):
    user.totpdevice_set.all().delete()
    log_in(client, user.username, PASSWORD)
    assert client.get(ADMIN).status_code == 200
    assert client.get(CHOOSE)["Location"] == HOME


def test_a_new_user_made_in_the_admin_chooses_their_own_password(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "ny",
            "usable_password": "true",
            "password1": SET_BY_ADMIN,
            "password2": SET_BY_ADMIN,
        },
    )
    assert response.status_code == 302, response.content.decode()
    new = get_user_model().objects.get(username="ny")
    assert PasswordChangeRequired.objects.filter(user=new).exists()


def test_changepassword_makes_the_user_choose_again_and_enrol_again(user):
    with mock.patch("getpass.getpass", return_value=SET_BY_ADMIN):
        call_command("changepassword", "anna", stdout=mock.MagicMock())
    user.refresh_from_db()
    assert user.check_password(SET_BY_ADMIN)
    assert PasswordChangeRequired.objects.filter(user=user).exists()
    assert not TOTPDevice.objects.filter(user=user).exists()


@override_settings(REQUIRE_2FA=True)
def test_users_change_their_own_password_and_keep_their_authenticator(client, user):
    device = user.totpdevice_set.get()
    log_in(client, "anna", PASSWORD, next_url=CHANGE)
    client.post(VERIFY, {"token": code_for(device), "next": CHANGE})
    page = client.get(HOME)
    assert f'href="{CHANGE}"' in page.content.decode()  # linked from the header

    assert client.get(CHANGE).status_code == 200
    wrong = client.post(
        CHANGE,
        {"old_password": "fel", "new_password1": OWN, "new_password2": OWN},
    )
    assert wrong.status_code == 200 and "old_password" in wrong.context["form"].errors
    done = client.post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": OWN, "new_password2": OWN},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(OWN)
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    assert not PasswordChangeRequired.objects.filter(user=user).exists()
    assert client.get(ADMIN).status_code == 200  # the session stays verified


@override_settings(REQUIRE_2FA=True)
def test_the_password_change_page_is_behind_the_second_factor(client, user):
    log_in(client, "anna", PASSWORD, next_url=CHANGE)
    assert client.get(CHANGE)["Location"].startswith(VERIFY)
    assert client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": OWN, "new_password2": OWN}
    )["Location"].startswith(VERIFY)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_admin_password_change_is_the_same_page(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:password_change"))["Location"] == CHANGE
