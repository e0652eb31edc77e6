"""Helpers shared by the registry's pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import ADD, has_role_in
from greenmine.registry.models import Mineral
from greenmine.spatial import CheckResult

BUREAU = [OrganisationKind.BUREAU]


def may_write_registry(user: Any) -> bool:
    """Registry records are written by bureau staff and admins (the services check the division too)."""
    return bool(user.is_authenticated) and has_role_in(user, BUREAU, ADD)


def require_registry_writer(request: HttpRequest) -> None:
    if not may_write_registry(request.user):
        raise PermissionDenied


def check_context(result: CheckResult | None) -> dict[str, Any]:
    """Template context of a boundary check result (the preview partial and the check page)."""
    if result is None:
        return {"result": None}
    return {
        "result": result,
        "result_json": result.to_json_dict(),
        "licensed_match": result.licensed_area_match,
    }


def minerals() -> list[Mineral]:
    return list(Mineral.objects.all())


def filters_querystring(request: HttpRequest) -> str:
    """The list's query string without page and sort, for the column headers' sort links."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    return params.urlencode()
