"""Helpers shared by the supervision pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied

from greenmine.core.choices import OrganisationKind
from greenmine.core.evidence_services import store_evidence
from greenmine.core.models import EvidenceFile, Organisation
from greenmine.core.permissions import CHANGE, has_role_in, memberships_of, role_allows


def is_bureau(user: Any, action: str = CHANGE) -> bool:
    return has_role_in(user, [OrganisationKind.BUREAU], action)


def require_bureau(user: Any, action: str = CHANGE) -> None:
    """Pages only the bureau's staff and admins open (create forms)."""
    if not is_bureau(user, action):
        raise PermissionDenied


def acting_organisation(user: Any) -> Organisation | None:
    """The organisation the user uploads evidence for: their inspector organisation, else the first one
    they may add to."""
    inspector = getattr(user, "inspector", None) if user.is_authenticated else None
    if inspector is not None:
        return inspector.organisation
    for membership in memberships_of(user):
        if role_allows(membership.role, "add"):
            return membership.organisation
    return None


def store_files(user: Any, organisation: Organisation | None, files: Iterable[Any]) -> list[EvidenceFile]:
    files = list(files)
    if not files:
        return []
    if organisation is None:
        raise PermissionDenied
    return [store_evidence(actor=user, organisation=organisation, uploaded_file=f) for f in files]
