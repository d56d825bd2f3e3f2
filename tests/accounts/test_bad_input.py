"""Whatever is typed into the login and two-factor forms, the answer is a page with
a message, never a server error, and no one is logged in by it."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.forms import TokenForm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ANY_TEXT = st.text(max_size=300)
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@PROPERTY
@given(username=ANY_TEXT, password=ANY_TEXT, next_url=ANY_TEXT)
def test_the_login_form_never_fails_on_any_input(client, username, password, next_url):
    response = client.post(
        reverse("login"), {"username": username, "password": password, "next": next_url}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@PROPERTY
@given(token=ANY_TEXT)
def test_the_token_form_accepts_only_six_digits(token):
    form = TokenForm({"token": token})
    if form.is_valid():
        assert len(form.cleaned_data["token"]) == 6
        assert form.cleaned_data["token"].isascii()
        assert form.cleaned_data["token"].isdigit()


@override_settings(REQUIRE_2FA=True)
@PROPERTY
@given(token=ANY_TEXT, next_url=ANY_TEXT)
def test_the_verification_page_never_fails_and_never_lets_a_guess_in(
    client, token, next_url
):
    user = UserFactory(username="verify-user")
    TOTPDevice.objects.get_or_create(user=user, name="app", confirmed=True)
    client.force_login(user)
    response = client.post(
        reverse("two_factor_verify"), {"token": token, "next": next_url}
    )
    assert response.status_code in (200, 302)
    assert client.get(reverse("admin:index")).status_code == 302


@override_settings(REQUIRE_2FA=True)
@PROPERTY
@given(token=ANY_TEXT)
def test_the_enrolment_page_never_fails(client, token):
    client.force_login(UserFactory(username="enrol-user"))
    response = client.post(reverse("two_factor_setup"), {"token": token})
    assert response.status_code in (200, 302)
