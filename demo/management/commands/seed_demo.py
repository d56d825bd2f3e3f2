"""python manage.py seed_demo: invented demo data and one login per role."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import DEMO_URL, demo_seed


class Command(BaseCommand):
    help = (
        "Create invented demo data consistent with the published 2022 figures and "
        "one demo login per role. Demo only: refuses to run unless DEBUG is on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never on a production database).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo skapar demodata med kända lösenord och körs bara när "
                "DEBUG är på. Kör med DEBUG=true, eller med --force om du verkligen "
                "vill fylla denna databas med demodata (aldrig i produktion)."
            )
        result = demo_seed()
        self.stdout.write(
            f"Demo data: {result.created_applications} applications created, "
            f"{result.skipped_applications} already present."
        )
        self.stdout.write(f"Avhopp: {DEMO_URL}")
        self.stdout.write("Demo logins (username / role / password):")
        for username, role, password in result.users:
            self.stdout.write(f"  {username:<15} {role:<28} {password}")
