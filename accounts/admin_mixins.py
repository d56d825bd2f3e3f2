"""Admin building blocks shared by the apps."""


class ReadOnlyAdminMixin:
    """An admin (or inline) that shows rows and never adds, changes or deletes one.

    For records that change only through services, or never: applications, sent
    report versions, the audit trail. Put it before the admin class it restricts.
    """

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
