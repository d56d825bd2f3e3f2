"""Print a session cookie for an invented seed_bench user, for the load test."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.core.management.base import BaseCommand, CommandError
from django.test import RequestFactory

from applications.bench_data import BENCH_USER_PREFIX

MAX_MINUTES = 60


class Command(BaseCommand):
    help = (
        "Log in a seed_bench user (name starting with 'bench-', no usable "
        "password) and print NAME=VALUE of a session cookie that expires after "
        "--minutes. Refuses every other account, so it can never open a session "
        "for a real person."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--minutes", type=int, default=15)

    def handle(self, *args, username, minutes, **options):
        if not 1 <= minutes <= MAX_MINUTES:
            raise CommandError(f"--minutes måste vara mellan 1 och {MAX_MINUTES}.")
        user = get_user_model().objects.filter(username=username).first()
        if (
            user is None
            or not username.startswith(BENCH_USER_PREFIX)
            or user.has_usable_password()
            or not user.is_active
        ):
            raise CommandError(
                "Endast aktiva testanvändare från seed_bench (utan lösenord) kan "
                "få en session."
            )
        request = RequestFactory().get("/")
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.set_expiry(minutes * 60)
        request.session.save()
        self.stdout.write(
            f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}"
        )
