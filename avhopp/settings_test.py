"""Settings for the test suite: the real settings with throwaway keys.

They build on the bench settings, so `demo` and `bench` are installed: the suite
tests seed_demo, seed_bench and bench_session. Tests are never deployed, and
tests/avhopp/test_production_settings.py checks that the production settings install
neither.

Two-factor login and the login lock-out are off here so that every test can log in
with the test client; the tests of accounts switch them on with override_settings.
"""

import os

from avhopp import published_keys

# Published keys (avhopp/published_keys.py): production refuses them.
os.environ.setdefault("SECRET_KEY", published_keys.TEST_SECRET_KEY)
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", published_keys.TEST_FIELD_ENCRYPTION_KEY)
os.environ.setdefault("IDENTITY_HMAC_KEY", published_keys.TEST_IDENTITY_HMAC_KEY)

from avhopp.settings_bench import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

REQUIRE_2FA = False
AXES_ENABLED = False
