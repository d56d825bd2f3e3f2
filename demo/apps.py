from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Invented demo data (`manage.py seed_demo`); never installed in production."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
