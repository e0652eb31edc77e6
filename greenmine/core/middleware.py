"""Request middleware: the audit context (client IP, request id)."""

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from greenmine.core.context import RequestContext, current_request


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. Behind the reverse proxy, REMOTE_ADDR is set by the proxy configuration
    (see docs/deploy.md); X-Forwarded-For is not trusted here because any client can send it."""
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.META.get("HTTP_X_REQUEST_ID", "")[:36] or str(uuid.uuid4())
        token = current_request.set(RequestContext(ip_address=client_ip(request), request_id=request_id))
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-ID"] = request_id
        return response
