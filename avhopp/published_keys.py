"""Every key value that is written down in this repository, now or in its history.

Anyone who has read the repository knows these values, so none of them may protect
real data: `avhopp.settings_production` refuses to start when `SECRET_KEY`, an entry
of `FIELD_ENCRYPTION_KEYS` or `IDENTITY_HMAC_KEY` is one of them.
`tests/avhopp/test_published_keys.py` reads every tracked file for values given to
those three names and fails when production would accept one, so a key added to the
repository later must be added here (and production refuses it from then on).
"""

# The development defaults of avhopp/settings.py (only used with DEBUG on).
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
# base64 of "dev-only-key-never-in-production"
DEVELOPMENT_FIELD_ENCRYPTION_KEY = "ZGV2LW9ubHkta2V5LW5ldmVyLWluLXByb2R1Y3Rpb24="
DEVELOPMENT_IDENTITY_HMAC_KEY = "dev-only-insecure-identity-hash-key"

# The test suite's keys (avhopp/settings_test.py).
TEST_SECRET_KEY = "test-only-secret-key-not-for-any-server"  # noqa: S105
# base64 of "test-only-key-one-not-for-server"
TEST_FIELD_ENCRYPTION_KEY = "dGVzdC1vbmx5LWtleS1vbmUtbm90LWZvci1zZXJ2ZXI="
TEST_IDENTITY_HMAC_KEY = "test-only-identity-hash-key"

PUBLISHED_KEYS: frozenset[str] = frozenset(
    {
        DEVELOPMENT_SECRET_KEY,
        DEVELOPMENT_FIELD_ENCRYPTION_KEY,
        DEVELOPMENT_IDENTITY_HMAC_KEY,
        TEST_SECRET_KEY,
        TEST_FIELD_ENCRYPTION_KEY,
        TEST_IDENTITY_HMAC_KEY,
        # .ci/run: the key of `manage.py check` and of the test runs.
        "ci-only-secret-key-for-checks-xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        # tests/applications/test_identity.py: the hash key after a rotation.
        "another-hash-key-after-rotation",
        # tests/bench/test_bench_tools.py before its keys were generated per run.
        "load-test-" + "k3y-" * 15,
        # tests/test_deployment.py before its keys were generated per run.
        "prod-test-" + "k3y-" * 15,
        "h" * 40,
        # Placeholders of docs/ and .env.example, in case one is copied as it stands.
        "…",
        "<new key>",
        "<old key>",
    }
)
