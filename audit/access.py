"""One-line read logging for views that show an individärende or serve a document.

Function view::

    log_access(request, application.individual_case)             # a page view
    log_access(request, document, AccessAction.DOWNLOAD)         # a download

Class-based detail view::

    class CaseDetailView(AccessLogMixin, DetailView): ...

Call it after the permission check and before the response is returned.
"""

from accounts.network import client_ip
from audit.services import AccessAction, access_log_record


def log_access(request, obj, action: str = AccessAction.VIEW) -> None:
    """Record that request.user read obj, with the address of the request."""
    access_log_record(user=request.user, obj=obj, action=action, ip=client_ip(request))


class AccessLogMixin:
    """For a DetailView: each successful GET records one read of ``self.object``
    (or of what ``get_logged_object`` returns)."""

    access_action = AccessAction.VIEW

    def get_logged_object(self):
        return self.object

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_access(request, self.get_logged_object(), self.access_action)
        return response
