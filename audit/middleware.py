"""Names the logged-in user and their address in every change history entry."""

from auditlog.context import auditlog_value
from auditlog.middleware import AuditlogMiddleware

from accounts.network import client_ip


class AuditActorMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, reading the address the way the lock-out does
    (accounts.network.client_ip) instead of trusting any X-Forwarded-For.

    django-auditlog leaves the request's context in place after the response; here
    it ends with the request, so a later change in the same thread (another
    request's code before its middleware, a job, a test) never takes this
    request's user or address.
    """

    def __call__(self, request):
        token = auditlog_value.set(None)
        try:
            return super().__call__(request)
        finally:
            auditlog_value.reset(token)

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        return None
