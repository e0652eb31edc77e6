"""The permission matrix: every URL pattern and API route × every role → the expected status.

Each app lists its routes in `<app>/tests/permission_matrix.py` as `ROUTES = [Route(...), ...]`;
`greenmine/core/tests/test_permission_matrix.py` requests each one as every role against real
fixture objects and fails on any route that has no entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from greenmine.core.testing.factories import ROLES, World

SIGNED_IN = [r for r in ROLES if r != "anonymous"]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return {**dict.fromkeys(SIGNED_IN, status), "anonymous": anonymous}


@dataclass(frozen=True)
class Route:
    """One request to make as every role. `expect` maps roles to statuses; unlisted roles get `default`."""

    name: str
    expect: dict[str, int]
    default: int = 403
    method: str = "get"
    kwargs: Callable[[World], dict[str, Any]] | None = None
    data: Callable[[World, str], dict[str, Any]] | None = None
    query: str = ""
    content_type: str | None = None
    setup: Callable[[World], Any] | None = None
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def status_for(self, role: str) -> int:
        return self.expect.get(role, self.default)

    @property
    def key(self) -> str:
        return self.label or f"{self.method.upper()} {self.name}"


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            yield from _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def project_route_names() -> set[str]:
    """Every named URL pattern of the project (API router routes included)."""
    return set(_walk(get_resolver().url_patterns))
