"""Who may import the exchange file: the admin and the command ask the same."""

IMPORT_PERMISSIONS = ("applications.add_application", "applications.change_application")


def can_import_applications(user) -> bool:
    """An active user allowed to add and change applications imports the file."""
    return bool(
        user is not None and user.is_active and user.has_perms(IMPORT_PERMISSIONS)
    )
