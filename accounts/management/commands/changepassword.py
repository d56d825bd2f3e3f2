"""Django's changepassword, for a password someone else sets: at their next login
the user chooses their own and enrols their authenticator again.

It replaces django.contrib.auth's command because accounts comes before
django.contrib.auth in INSTALLED_APPS.
"""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import changepassword
from django.db import transaction

from accounts.services import user_password_change_require


class Command(changepassword.Command):
    help = (
        "Set a user's password. At their next login the user chooses their own "
        "and enrols their authenticator again."
    )

    def handle(self, *args, **options):
        username = options["username"] or getpass.getuser()
        with transaction.atomic(using=options["database"]):
            super().handle(*args, **options)
            User = get_user_model()
            user = User._default_manager.using(options["database"]).get(
                **{User.USERNAME_FIELD: username}
            )
            user_password_change_require(user=user)
        self.stdout.write(
            f"'{user}' must choose a new password and enrol an authenticator again "
            "at the next login."
        )
