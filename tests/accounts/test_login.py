"""Login: password, then a TOTP code when two-factor login is required; lock-out
after repeated failures; sessions that end after 30 idle minutes."""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.network import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LOGIN = reverse("login")
VERIFY = reverse("two_factor_verify")
SETUP = reverse("two_factor_setup")
ADMIN = reverse("admin:index")
AUDIT = reverse("audit:log")


def code_for(device: TOTPDevice, *, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += offset * device.step
    return f"{totp.token():0{device.digits}d}"


def log_in(client, user, next_url=ADMIN):
    return client.post(
        f"{LOGIN}?next={next_url}",
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def enrolled(staff):
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    return staff


@override_settings(REQUIRE_2FA=True)
def test_without_an_authenticator_the_user_must_enrol_first(client, staff):
    response = log_in(client, staff)
    assert response.status_code == 302
    assert client.get(ADMIN)["Location"].startswith(SETUP)
    assert client.get(AUDIT)["Location"].startswith(SETUP)

    page = client.get(f"{SETUP}?next={ADMIN}")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, drawn here
    device = TOTPDevice.objects.get(user=staff, confirmed=False)

    wrong = client.post(SETUP, {"token": "000000", "next": ADMIN})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert client.get(ADMIN).status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second
    done = client.post(SETUP, {"token": code_for(device), "next": ADMIN})
    assert done["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@override_settings(REQUIRE_2FA=True)
def test_an_enrolled_user_gives_the_code_before_anything_else(client, enrolled):
    log_in(client, enrolled)
    assert client.get(ADMIN)["Location"].startswith(VERIFY)
    assert client.get(SETUP)["Location"].startswith(VERIFY)  # no second enrolment

    wrong = client.post(VERIFY, {"token": "123456", "next": ADMIN})
    assert wrong.status_code == 200 and "token" in wrong.context["form"].errors
    assert client.get(ADMIN).status_code == 302

    device = enrolled.totpdevice_set.get()
    device.throttle_reset()  # a wrong code makes the next try wait a second
    ok = client.post(VERIFY, {"token": code_for(device), "next": ADMIN})
    assert ok["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


@override_settings(REQUIRE_2FA=True)
def test_a_used_code_cannot_be_replayed(client, enrolled):
    device = enrolled.totpdevice_set.get()
    code = code_for(device)
    log_in(client, enrolled)
    assert client.post(VERIFY, {"token": code, "next": ADMIN}).status_code == 302
    client.logout()
    log_in(client, enrolled)
    assert client.post(VERIFY, {"token": code, "next": ADMIN}).status_code == 200
    assert client.get(ADMIN).status_code == 302


def _cookie(client, name: str) -> str:
    return client.cookies[name].value


def _assert_new_session_and_old_key_dead(client, *, key_before, csrf_before):
    assert _cookie(client, settings.SESSION_COOKIE_NAME) != key_before
    assert _cookie(client, settings.CSRF_COOKIE_NAME) != csrf_before
    assert client.get(ADMIN).status_code == 200
    # Whoever kept the key from before the code gets no session with it.
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = key_before
    response = stale.get(AUDIT)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not SessionStore().exists(key_before)


@override_settings(REQUIRE_2FA=True)
def test_the_session_key_changes_when_the_code_is_accepted(client, enrolled):
    log_in(client, enrolled)
    client.get(f"{VERIFY}?next={ADMIN}")  # the form page sets the CSRF cookie
    key_before = _cookie(client, settings.SESSION_COOKIE_NAME)
    csrf_before = _cookie(client, settings.CSRF_COOKIE_NAME)
    device = enrolled.totpdevice_set.get()
    response = client.post(VERIFY, {"token": code_for(device), "next": ADMIN})
    assert response["Location"] == ADMIN
    _assert_new_session_and_old_key_dead(
        client, key_before=key_before, csrf_before=csrf_before
    )


@override_settings(REQUIRE_2FA=True)
def test_the_session_key_changes_when_enrolment_is_confirmed(client, staff):
    log_in(client, staff)
    client.get(f"{SETUP}?next={ADMIN}")
    key_before = _cookie(client, settings.SESSION_COOKIE_NAME)
    csrf_before = _cookie(client, settings.CSRF_COOKIE_NAME)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = client.post(SETUP, {"token": code_for(device), "next": ADMIN})
    assert response["Location"] == ADMIN
    _assert_new_session_and_old_key_dead(
        client, key_before=key_before, csrf_before=csrf_before
    )


@override_settings(REQUIRE_2FA=True)
def test_the_admin_is_behind_the_same_two_factor_login(client, staff):
    client.force_login(staff)  # password only, no second factor
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert not response["Location"].startswith(ADMIN)


@override_settings(REQUIRE_2FA=False)
def test_an_authenticator_is_asked_for_even_when_not_required(client, enrolled):
    log_in(client, enrolled)
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


@override_settings(REQUIRE_2FA=False)
def test_without_the_requirement_a_password_is_enough(client, staff):
    log_in(client, staff)
    assert client.get(ADMIN).status_code == 200
    assert "REQUIRE_2FA" in client.get(LOGIN).content.decode()


@override_settings(REQUIRE_2FA=True)
def test_an_unsafe_next_address_is_ignored(client, enrolled):
    log_in(client, enrolled)
    device = enrolled.totpdevice_set.get()
    response = client.post(
        VERIFY, {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == settings.LOGIN_REDIRECT_URL


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failed_logins_lock_the_account(client):
    user = UserFactory()
    for _ in range(3):
        response = client.post(LOGIN, {"username": user.username, "password": "wrong"})
    assert response.status_code == 429
    # Even the right password is refused while locked.
    locked = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    other = UserFactory()
    fresh = client.post(
        LOGIN,
        {"username": other.username, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.99",
    )
    assert fresh.status_code == 302  # another user from another address logs in


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_a_success_before_the_limit_resets_the_count(client):
    user = UserFactory()
    for _ in range(2):
        client.post(LOGIN, {"username": user.username, "password": "wrong"})
    assert log_in(client, user).status_code == 302
    client.logout()
    for _ in range(2):
        client.post(LOGIN, {"username": user.username, "password": "wrong"})
    assert log_in(client, user).status_code == 302


def test_sessions_end_after_30_idle_minutes_and_at_browser_close(client, staff):
    assert settings.SESSION_COOKIE_AGE == 1800
    assert settings.SESSION_SAVE_EVERY_REQUEST
    log_in(client, staff)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # browser session
    assert cookie["httponly"]
    assert 1790 <= client.session.get_expiry_age() <= 1800


def test_passwords_need_twelve_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Kort-lösen1")
    validate_password("en betydligt längre lösenfras 2024")


def test_there_is_no_self_registration(client):
    page = client.get(LOGIN).content.decode()
    assert not re.search(r"regist|sign.?up|skapa konto", page, re.IGNORECASE)
    for path in ("/register/", "/signup/", "/accounts/signup/", "/registrera/"):
        assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("hops", "remote", "forwarded", "expected"),
    [
        (0, "10.0.0.1", "203.0.113.9", "10.0.0.1"),  # no proxy: header ignored
        (1, "127.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, "127.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # forged left part
        (1, "127.0.0.1", "", "127.0.0.1"),
        (1, "127.0.0.1", "not-an-ip", "127.0.0.1"),
        (2, "127.0.0.1", "203.0.113.9, 10.0.0.2", "203.0.113.9"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    rf, hops, remote, forwarded, expected
):
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=hops):
        assert client_ip(request) == expected


@override_settings(REQUIRE_2FA=True)
def test_guessing_codes_is_slowed_down(client, enrolled):
    log_in(client, enrolled)
    client.post(VERIFY, {"token": "111111", "next": ADMIN})
    device = enrolled.totpdevice_set.get()
    # Right after a wrong code even the right one is refused until the wait is over.
    assert (
        client.post(VERIFY, {"token": code_for(device), "next": ADMIN}).status_code
        == 200
    )
    assert client.get(ADMIN).status_code == 302


def test_users_cannot_be_deleted_in_the_admin_only_deactivated(client, staff):
    other = UserFactory()
    client.force_login(staff)
    response = client.post(
        reverse("admin:auth_user_delete", args=[other.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert type(other).objects.filter(pk=other.pk).exists()
