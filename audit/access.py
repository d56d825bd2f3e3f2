"""One-line read logging for views that show an individärende or serve a document.

Every page of an individärende records its read through the permission decorator
(`applications.views.common.permission_required_for`); a view records a more
precise read itself only when it serves something else than the case page::

    log_access(request, document, AccessAction.DOWNLOAD)         # a download

Class-based detail view::

    class CaseDetailView(AccessLogMixin, DetailView): ...

A request records one read, once: a second call in the same request records
nothing, so a page that loads its case again, or a view that records a download
before its decorator records the page, still leaves one entry. Call it after the
permission check and before the response is returned.
"""

from accounts.network import client_ip
from audit.services import AccessAction, access_log_record

_READ_RECORDED = "_audit_read_recorded"


def log_access(request, obj, action: str = AccessAction.VIEW) -> None:
    """Record that request.user read obj, with the address of the request, unless
    this request has already recorded its read."""
    if getattr(request, _READ_RECORDED, False):
        return
    access_log_record(user=request.user, obj=obj, action=action, ip=client_ip(request))
    setattr(request, _READ_RECORDED, True)


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
