"""What a superuser cannot do in the admin: read an authenticator's key or QR code,
add or change an authenticator, or add, change or delete a payment."""

import re
from base64 import b32encode
from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import totp_device_start
from applications.models import Disbursement
from tests.factories import DisbursementFactory, UserFactory

pytestmark = pytest.mark.django_db

DEVICES = "/admin/otp_totp/totpdevice/"


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def device():
    owner = UserFactory(username="owner")
    device = totp_device_start(user=owner)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def key_spellings(device: TOTPDevice) -> list[str]:
    """The key as hex (stored), as base32 (typed into an app) and in the QR URL."""
    base32 = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return [device.key, base32, device.key.upper(), base32.lower()]


def test_django_otp_config_and_qr_views_are_not_routed():
    for name in ("otp_totp_totpdevice_config", "otp_totp_totpdevice_qrcode"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:{name}", kwargs={"pk": 1})


@pytest.mark.parametrize("suffix", ["change/", "config/", "qrcode/"])
def test_a_superuser_gets_no_page_of_one_authenticator(
    superuser_client, device, suffix
):
    response = superuser_client.get(f"{DEVICES}{device.pk}/{suffix}", follow=True)
    assert response.status_code in (403, 404)
    for key in key_spellings(device):
        assert key not in response.content.decode()


def test_authenticators_are_listed_without_links_and_never_added_or_changed(
    superuser_client, device
):
    listing = superuser_client.get(DEVICES)
    assert listing.status_code == 200
    assert "owner" in listing.content.decode()
    assert f"{DEVICES}{device.pk}/change/" not in listing.content.decode()
    assert superuser_client.get(f"{DEVICES}add/").status_code == 403
    posted = superuser_client.post(
        f"{DEVICES}{device.pk}/change/",
        {"user": device.user_id, "name": "x", "key": "00" * 20, "confirmed": "on"},
    )
    assert posted.status_code == 403
    device.refresh_from_db()
    assert device.name != "x"


def test_a_superuser_can_delete_an_authenticator(superuser_client, device):
    page = superuser_client.get(f"{DEVICES}{device.pk}/delete/")
    assert page.status_code == 200
    response = superuser_client.post(f"{DEVICES}{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


# The index, each app, each list and add page; the pages of single objects only
# where a key could be: users, authenticators and the audit trail.
_WALKED = re.compile(
    r"/admin/([a-z_]+/([a-z]+/(add/)?)?"
    r"|(auth/user|otp_totp/totpdevice|auditlog/logentry)/\d+/([a-z]+/)?)?"
)


def _admin_links(html: str) -> set[str]:
    return {
        link
        for link in re.findall(r'href="(/admin/[^"?#]*)"', html)
        if _WALKED.fullmatch(link) and "logout" not in link
    }


def test_no_admin_page_shows_an_authenticator_key(superuser_client, device):
    """Every admin page reachable by links from the index, down to the pages of
    users, authenticators and audit entries, is free of the key."""
    start = {
        "/admin/",
        f"{DEVICES}{device.pk}/delete/",
        f"/admin/auth/user/{device.user_id}/change/",
        f"/admin/auth/user/{device.user_id}/password/",
        "/admin/auditlog/logentry/",
    }
    seen: set[str] = set()
    todo = sorted(start)
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = superuser_client.get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        for key in key_spellings(device):
            assert key not in html, url
        todo.extend(sorted(_admin_links(html) - seen))
    assert f"{DEVICES}" in seen
    assert any(url.startswith("/admin/auditlog/logentry/") for url in seen)
    assert len(seen) > 30, seen  # the walk reached the admin, not just the index


def test_the_stock_authenticator_admin_is_not_registered():
    model_admin = admin.site._registry[TOTPDevice]
    assert type(model_admin).__module__ == "accounts.admin"
    assert not hasattr(model_admin, "config_view")


def test_a_superuser_cannot_add_change_or_delete_a_payment(superuser_client):
    payment = DisbursementFactory(amount=Decimal("1000"))
    base = "/admin/applications/disbursement/"
    values = {
        "application": payment.application_id,
        "amount": "99999999",
        "paid_on": date(2022, 6, 2).isoformat(),
        "reference": "x",
    }
    assert superuser_client.get(f"{base}add/").status_code == 403
    assert superuser_client.post(f"{base}add/", values).status_code == 403
    assert (
        superuser_client.post(f"{base}{payment.pk}/change/", values).status_code == 403
    )
    deleted = superuser_client.post(f"{base}{payment.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    bulk = superuser_client.post(
        base,
        {"action": "delete_selected", "_selected_action": [payment.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    payment.refresh_from_db()
    assert payment.amount == Decimal("1000")
    assert Disbursement.objects.count() == 1
    assert superuser_client.get(f"{base}{payment.pk}/change/").status_code == 200
