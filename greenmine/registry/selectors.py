"""Read-side queries of the registry. Every list starts from the permission primitive (`restrict`);
the one sanctioned exception is the audit timeline of a record the caller already may see (see
`timeline_for`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from greenmine.core.models import AuditEvent
from greenmine.core.permissions import VIEW
from greenmine.registry.choices import GreenStatus, MineKind, MineStatus, RightStatus, ScaleClass
from greenmine.registry.models import (
    EXPIRY_WARNING_DAYS,
    ExplorationProject,
    ExplorationRight,
    Mine,
    MiningRight,
)
from greenmine.registry.overlap import VisibleOverlap
from greenmine.registry.overlap import overlaps_for_right as _overlaps_for_right

MINE_SORTS = {
    "name",
    "-name",
    "scale_class",
    "-scale_class",
    "status",
    "-status",
    "created_at",
    "-created_at",
    "township",
    "-township",
}
RIGHT_SORTS = {"licence_no", "-licence_no", "valid_until", "-valid_until", "area_km2", "-area_km2"}


def _choice(params: Mapping[str, str], name: str, values: Iterable[str]) -> str | None:
    value = params.get(name, "")
    return value if value and value in set(values) else None


def _int(params: Mapping[str, str], name: str) -> int | None:
    try:
        return int(params.get(name, ""))
    except (TypeError, ValueError):
        return None


def mines_for(user: Any, params: Mapping[str, str] | None = None) -> QuerySet[Mine]:
    """Mines the user may see, searched (name, enterprise), filtered and sorted from query parameters;
    unknown values are ignored rather than refused (a list page never fails on its query string)."""
    params = params or {}
    mines = Mine.objects.restrict(user, VIEW).select_related("enterprise", "township", "mineral", "division")
    query = (params.get("q") or "").strip()
    if query:
        mines = mines.filter(Q(name__icontains=query) | Q(enterprise__name__icontains=query))
    township = _int(params, "township")
    if township is not None:
        mines = mines.filter(township_id=township)
    if params.get("mineral"):
        mines = mines.filter(mineral_id=params["mineral"])
    for name, choices in (("kind", MineKind), ("status", MineStatus), ("green_status", GreenStatus)):
        value = _choice(params, name, choices.values)
        if value:
            mines = mines.filter(**{"mine_kind" if name == "kind" else name: value})
    if params.get("scale_class") in ScaleClass.values or params.get("scale_class") == "none":
        mines = mines.filter(scale_class="" if params["scale_class"] == "none" else params["scale_class"])
    sort = params.get("sort", "name")
    if sort in MINE_SORTS:
        mines = mines.order_by(sort.replace("township", "township__name"), "pk")
    return mines


def mining_rights_for(user: Any, params: Mapping[str, str] | None = None) -> QuerySet[MiningRight]:
    """Mining rights the user may see, searched (licence number, mine, holder) and filtered; `expiry`
    = 'expiring' (valid, ending within 90 days) or 'expired'."""
    params = params or {}
    rights = MiningRight.objects.restrict(user, VIEW).select_related("mine", "holder", "mine__township")
    query = (params.get("q") or "").strip()
    if query:
        rights = rights.filter(
            Q(licence_no__icontains=query) | Q(mine__name__icontains=query) | Q(holder__name__icontains=query)
        )
    expiry = params.get("expiry")
    if expiry == "expiring":
        rights = rights.expiring()
    elif expiry == "expired":
        rights = rights.expired()
    status = _choice(params, "status", RightStatus.values)
    if status:
        rights = rights.filter(status=status)
    mine = _int(params, "mine")
    if mine is not None:
        rights = rights.filter(mine_id=mine)
    township = _int(params, "township")
    if township is not None:
        rights = rights.filter(mine__township_id=township)
    sort = params.get("sort", "licence_no")
    if sort in RIGHT_SORTS:
        rights = rights.order_by(sort, "pk")
    return rights


def exploration_rights_for(user: Any, params: Mapping[str, str] | None = None) -> QuerySet[ExplorationRight]:
    """Exploration rights the user may see, searched and filtered like mining rights."""
    params = params or {}
    rights = ExplorationRight.objects.restrict(user, VIEW).select_related("holder", "township", "mineral")
    query = (params.get("q") or "").strip()
    if query:
        rights = rights.filter(
            Q(licence_no__icontains=query)
            | Q(project_name__icontains=query)
            | Q(holder__name__icontains=query)
        )
    if params.get("expiry") == "expiring":
        rights = rights.expiring()
    elif params.get("expiry") == "expired":
        rights = rights.expired()
    stage = params.get("stage")
    if stage:
        rights = rights.filter(stage=stage)
    sort = params.get("sort", "licence_no")
    if sort in RIGHT_SORTS:
        rights = rights.order_by(sort, "pk")
    return rights


def projects_of(user: Any, right: ExplorationRight) -> QuerySet[ExplorationProject]:
    return (
        ExplorationProject.objects.restrict(user, VIEW).filter(right=right).select_related("exploration_unit")
    )


def expiry_state(valid_until: date | None, status: str = RightStatus.VALID, today: date | None = None) -> str:
    """'expired', 'expiring' (valid and ending within 90 days) or '' — the flag shown on lists."""
    if valid_until is None:
        return ""
    today = today or timezone.localdate()
    if valid_until < today:
        return "expired"
    if status == RightStatus.VALID and valid_until <= today + timedelta(days=EXPIRY_WARNING_DAYS):
        return "expiring"
    return ""


def flag_expiry(rights: Iterable[Any]) -> list[Any]:
    """Set `.expiry` on each right (for the templates' badges) and return them as a list."""
    today = timezone.localdate()
    items = list(rights)
    for right in items:
        right.expiry = expiry_state(right.valid_until, right.status, today)
        right.days_left = (right.valid_until - today).days
    return items


def expiring_rights(user: Any) -> QuerySet[MiningRight]:
    """The user's visible mining rights that are valid and end within 90 days."""
    return MiningRight.objects.restrict(user, VIEW).expiring()


def timeline_for(objects: Iterable[Any], limit: int = 100) -> QuerySet[AuditEvent]:
    """Audit events about the given records, newest first.

    The one sanctioned query without `restrict`: AuditEvent's own scope is the bureau's audit log, but a
    record's history is shown to whoever may see the record. Callers pass only records they fetched through
    `access_object`/`restrict`, so visibility is decided by those records, not by this query.
    """
    by_type: dict[str, list[str]] = {}
    for obj in objects:
        by_type.setdefault(obj._meta.label_lower, []).append(str(obj.pk))
    if not by_type:
        return AuditEvent.objects.none()
    condition = Q(pk__in=[])
    for object_type, ids in by_type.items():
        condition |= Q(object_type=object_type, object_id__in=ids)
    return AuditEvent.objects.filter(condition).select_related("actor").order_by("-id")[:limit]


def overlaps_for_right(right: MiningRight, user: Any = None) -> list[VisibleOverlap]:
    """The rights `right`'s boundary overlaps (licence number + ellipsoidal overlap area in km²), as `user`
    may see them: another enterprise's licence number is replaced by a 'not visible to you' label."""
    return _overlaps_for_right(right, user)
