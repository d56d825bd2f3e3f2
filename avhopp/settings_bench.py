"""Settings for the benchmark: the project's settings and the `bench` app.

    DJANGO_SETTINGS_MODULE=avhopp.settings_bench

Only these settings (and the test suite's) install `bench`, with the commands
`seed_bench` (bulk invented data) and `bench_session` (a two-factor-verified
session cookie for an invented bench user). The production settings never do.
"""

from avhopp.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
