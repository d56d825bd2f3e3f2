from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's data and commands (`seed_bench`, `bench_session`).

    Installed only by avhopp/settings_bench.py (and the test settings), never by
    the production settings.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "bench"
