"""Rate limits of the public objection intake, shared by the page and the API."""

from __future__ import annotations

from rest_framework.throttling import AnonRateThrottle


class ObjectionThrottle(AnonRateThrottle):
    """Objections from one address: a person writes a few, a script is slowed down. The count lives in
    Django's cache (per process by default; a shared cache such as Redis makes it one count per site)."""

    scope = "objection"
    rate = "30/minute"
