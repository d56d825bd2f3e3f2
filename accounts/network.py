"""The address a request comes from, for the audit trail and the lock-out."""

import ipaddress

from django.conf import settings


def _valid_ip(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse
    proxies the address the outermost of them saw (X-Forwarded-For read from the
    right, so a client cannot forge it by sending its own header)."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    if len(forwarded) < hops:
        return remote
    return _valid_ip(forwarded[-hops]) or remote
