"""Encryption at rest of identity data, and the keyed hash that finds a person again.

Identity fields are stored as Fernet tokens (AES-128-CBC with HMAC-SHA256). The keys
come from ``settings.FIELD_ENCRYPTION_KEYS``: the first one encrypts, every one of
them decrypts, so a key is rotated by putting a new key first, running
``manage.py rotate_identity_keys`` and then dropping the old key. A missing or wrong
key fails loudly with ``ImproperlyConfigured``; it never yields garbage.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class IdentityKeyError(ImproperlyConfigured):
    """The keys in the environment cannot encrypt or decrypt identity data."""


@lru_cache(maxsize=8)
def _multi_fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise IdentityKeyError(
            "FIELD_ENCRYPTION_KEYS is not set: identity data can be neither "
            "encrypted nor read (see docs/security.md)."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError):
        raise IdentityKeyError(
            "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key "
            "(32 url-safe base64-encoded bytes; see docs/security.md)."
        ) from None


def identity_cipher() -> MultiFernet:
    """The cipher built from the keys configured now."""
    keys = tuple(key.strip() for key in settings.FIELD_ENCRYPTION_KEYS if key.strip())
    return _multi_fernet(keys)


def encrypt_text(text: str) -> str:
    """Encrypt with the first key; the result is ASCII."""
    return identity_cipher().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    """Decrypt with any configured key, or fail loudly."""
    try:
        return identity_cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise IdentityKeyError(
            "Identity data cannot be decrypted with FIELD_ENCRYPTION_KEYS: the key "
            "that encrypted it is missing or wrong (see docs/security.md)."
        ) from None


def reencrypt_text(token: str) -> str:
    """Encrypt again with the first key a token any configured key can read."""
    try:
        return identity_cipher().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise IdentityKeyError(
            "Identity data cannot be re-encrypted: none of FIELD_ENCRYPTION_KEYS "
            "opens it (see docs/security.md)."
        ) from None


def personal_number_digest(number: str) -> str:
    """The keyed HMAC-SHA256 of a normalised 12-digit personnummer."""
    key = settings.IDENTITY_HMAC_KEY
    if not key:
        raise IdentityKeyError(
            "IDENTITY_HMAC_KEY is not set: the same person cannot be looked up "
            "(see docs/security.md)."
        )
    return hmac.new(
        key.encode("utf-8"), number.encode("ascii"), hashlib.sha256
    ).hexdigest()


class EncryptedTextField(models.TextField):
    """Text encrypted in the database; the empty string is stored as is.

    The stored token differs at every save, so the field cannot be searched: only
    ``isnull`` lookups are allowed. Search by the keyed hash instead.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)
