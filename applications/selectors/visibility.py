"""Which applications a user may see at all."""

from django.db.models import QuerySet

from accounts.roles import has_role
from applications.models import Application, ApplicationKind
from applications.permissions import CASE_READERS, coordinator_region_id


def application_visible_to(*, user) -> QuerySet[Application]:
    """The applications the user may see: all for case readers, a region for a
    coordinator, none for anyone else."""
    applications = Application.objects.all()
    if any(has_role(user, role) for role in CASE_READERS):
        return applications
    region_id = coordinator_region_id(user)
    if region_id is not None:
        return applications.filter(
            kind=ApplicationKind.INDIVIDUAL,
            applicant_municipality__police_region_id=region_id,
        )
    return applications.none()
