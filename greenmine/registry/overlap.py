"""空间查重: which existing mining rights a boundary overlaps, and by how much.

Each server process keeps one `OverlapIndex` (a shapely STRtree) in memory, keyed on the rights'
`BoundaryVersion` counter. Every query first reads the counter (one tiny query) and rebuilds the index when
it changed, so a process never answers from an index older than the last committed boundary change —
whichever process made that change. The services bump the counter in the same transaction as the change.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from greenmine.core.permissions import VIEW
from greenmine.registry.models import BoundaryVersion, MiningRight
from greenmine.registry.rules import RIGHTS_VERSION, OverlapFound
from greenmine.spatial import OverlapIndex, footprint_from_geojson

# {version: index}; holds at most one entry. Module-level, i.e. per process (a test clears it to act as
# a second process).
_cache: dict[int, OverlapIndex[int]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class VisibleOverlap:
    """An overlap as shown to one user: the licence number only when the user may see that right."""

    right_id: int | None
    licence_no: str
    area_km2: float
    visible: bool

    @property
    def label(self) -> str:
        return self.licence_no if self.visible else _("an overlapping right (not visible to you)")


def current_version() -> int:
    """The rights' boundary version as committed (0 before any right was saved)."""
    row = BoundaryVersion.objects.filter(name=RIGHTS_VERSION).values_list("version", flat=True).first()
    return int(row or 0)


def _build() -> OverlapIndex[int]:
    items = []
    for pk, geojson in MiningRight.objects.exclude(geojson={}).values_list("pk", "geojson").iterator():
        footprint = _footprint(geojson)
        if footprint is not None:
            items.append((pk, footprint))
    return OverlapIndex(items)


def _footprint(geojson: Any) -> Any:
    """The union of a stored GeoJSON's parts, or None for an empty or unreadable value."""
    if not isinstance(geojson, dict) or not geojson:
        return None
    try:
        footprint = footprint_from_geojson(geojson)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return None if footprint.is_empty else footprint


def current_index() -> OverlapIndex[int]:
    """This process's index at the database's current boundary version (rebuilt when it changed).

    The version is read before the rows, so a change committed between the two reads leaves the index
    labelled with the older version and the next query rebuilds it: stale answers are never cached.
    """
    if connection.in_atomic_block:
        # Inside a transaction the rows (and the version) may include uncommitted changes; if it rolls
        # back, the same version number can later stand for other rows. Such an index is never cached.
        return _build()
    version = current_version()
    index = _cache.get(version)
    if index is not None:
        return index
    with _lock:
        index = _cache.get(version)
        if index is None:
            index = _build()
            _cache.clear()
            _cache[version] = index
    return index


def clear_cache() -> None:
    """Forget this process's index (tests use it to play a second process)."""
    _cache.clear()


def overlaps_for_boundary(geojson: Any, exclude_pk: int | None = None) -> list[OverlapFound]:
    """Every existing right the boundary overlaps, largest overlap first (ellipsoidal km²), excluding
    `exclude_pk` (the right itself). Not restricted: callers filter what a user may see."""
    footprint = _footprint(geojson)
    if footprint is None:
        return []
    hits = [o for o in current_index().query(footprint) if o.key != exclude_pk]
    numbers = dict(MiningRight.objects.filter(pk__in=[o.key for o in hits]).values_list("pk", "licence_no"))
    return [OverlapFound(o.key, numbers[o.key], o.area_km2) for o in hits if o.key in numbers]


def visible_overlaps(overlaps: list[OverlapFound], user: Any) -> list[VisibleOverlap]:
    """Restrict overlaps to what `user` may see: another enterprise's licence number is not disclosed,
    only that a right overlaps and by how much."""
    ids = [o.right_id for o in overlaps]
    seen = set(MiningRight.objects.restrict(user, VIEW).filter(pk__in=ids).values_list("pk", flat=True))
    return [
        VisibleOverlap(
            o.right_id if o.right_id in seen else None,
            o.licence_no if o.right_id in seen else "",
            o.area_km2,
            o.right_id in seen,
        )
        for o in overlaps
    ]


def overlaps_for_right(right: MiningRight, user: Any = None) -> list[VisibleOverlap]:
    """The rights `right` overlaps, as `user` may see them (all visible when no user is given, for
    internal callers such as reports run by the system)."""
    overlaps = overlaps_for_boundary(right.geojson, exclude_pk=right.pk)
    if user is None:
        return [VisibleOverlap(o.right_id, o.licence_no, o.area_km2, True) for o in overlaps]
    return visible_overlaps(overlaps, user)
