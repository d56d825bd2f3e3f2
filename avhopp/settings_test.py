"""Settings for the test suite: the real settings with throwaway keys.

They build on the bench settings, so `demo` and `bench` are installed: the suite
tests seed_demo, seed_bench and bench_session. Tests are never deployed, and
tests/test_deployment.py checks that the production settings install neither.

Two-factor login and the login lock-out are off here so that every test can log in
with the test client; the tests of accounts switch them on with override_settings.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-server")
# base64 of "test-only-key-one-not-for-server"
os.environ.setdefault(
    "FIELD_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWtleS1vbmUtbm90LWZvci1zZXJ2ZXI="
)
os.environ.setdefault("IDENTITY_HMAC_KEY", "test-only-identity-hash-key")

from avhopp.settings_bench import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

REQUIRE_2FA = False
AXES_ENABLED = False
