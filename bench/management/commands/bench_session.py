"""Print a session cookie for an invented seed_bench user, for the load test."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.core.management.base import BaseCommand, CommandError
from django.test import RequestFactory
from django_otp import login as otp_login

from bench.data.marks import bench_otp_device, is_bench_user

MAX_MINUTES = 60


class Command(BaseCommand):
    help = (
        "Log in a seed_bench user (name starting with 'bench-', no usable "
        "password), mark the session as verified with the user's bench "
        "authenticator (two-factor), and print NAME=VALUE of a session cookie that "
        "expires after --minutes. Refuses every other account, so it can never "
        "open a session for a real person."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--minutes", type=int, default=15)

    def handle(self, *args, username, minutes, **options):
        if not 1 <= minutes <= MAX_MINUTES:
            raise CommandError(f"--minutes måste vara mellan 1 och {MAX_MINUTES}.")
        user = get_user_model().objects.filter(username=username).first()
        if not is_bench_user(user):
            raise CommandError(
                "Endast aktiva testanvändare från seed_bench (utan lösenord) kan "
                "få en session."
            )
        request = RequestFactory().get("/")
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.user = user
        # Two-factor: the session is verified with the bench user's own device,
        # exactly as django-otp marks it after a correct code.
        otp_login(request, bench_otp_device(user))
        request.session.set_expiry(minutes * 60)
        request.session.save()
        self.stdout.write(
            f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}"
        )
