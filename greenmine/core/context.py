"""Per-request context the audit log reads (IP address, request id). The actor is always passed
explicitly by services; only these network facts come from the request."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None
    request_id: str = ""


# The default is a frozen (immutable) dataclass, so sharing one instance between contexts is safe.
current_request: ContextVar[RequestContext] = ContextVar("greenmine_request", default=RequestContext())  # noqa: B039
