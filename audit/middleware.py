"""Names the logged-in user and their address in every change history entry."""

from auditlog.middleware import AuditlogMiddleware

from accounts.network import client_ip


class AuditActorMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, reading the address the way the lock-out does
    (accounts.network.client_ip) instead of trusting any X-Forwarded-For."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        return None
