"""This process's layer index, keyed on the set of current layer versions.

Each check reads the current version ids (one small query); when they differ from the cached index's key
the index is rebuilt. A new import is a new version, so a process never answers from old layers.
"""

from __future__ import annotations

import threading

from django.db.models import Max
from shapely.geometry import shape

from greenmine.admission.engine import FeatureItem, LayerIndex
from greenmine.admission.models import LayerFeature, LayerVersion

_cache: dict[tuple[tuple[int, str, int], ...], LayerIndex] = {}
_lock = threading.Lock()


def current_versions() -> list[LayerVersion]:
    """The newest version of every layer (the versions a check uses)."""
    newest = LayerVersion.objects.values("layer_id").annotate(top=Max("number"))
    wanted = {(row["layer_id"], row["top"]) for row in newest}
    versions = LayerVersion.objects.select_related("layer").filter(layer_id__in=[w[0] for w in wanted])
    return sorted((v for v in versions if (v.layer_id, v.number) in wanted), key=lambda v: v.pk)


def _build(versions: list[LayerVersion]) -> LayerIndex:
    kinds = {v.pk: (v.layer_id, v.layer.kind) for v in versions}
    items = []
    rows = LayerFeature.objects.filter(version_id__in=list(kinds)).values_list(
        "pk", "version_id", "name", "zone", "geometry"
    )
    for pk, version_id, name, zone, geometry in rows.iterator(chunk_size=5000):
        layer_id, kind = kinds[version_id]
        try:
            geom = shape(geometry)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # a stored geometry is always valid GeoJSON; skip rather than fail a check if not
        items.append(FeatureItem(pk, layer_id, kind, name, geom, zone))
    return LayerIndex(items)


def current_index() -> tuple[LayerIndex, list[LayerVersion]]:
    """The index over the current layer versions, and those versions."""
    versions = current_versions()
    # Ids alone are not enough: an id can come back after a rolled-back import (SQLite reuses it), so the
    # key also names each version's content.
    key = tuple((v.pk, v.sha256, v.feature_count) for v in versions)
    index = _cache.get(key)
    if index is None:
        with _lock:
            index = _cache.get(key)
            if index is None:
                index = _build(versions)
                _cache.clear()
                _cache[key] = index
    return index, versions


def clear_cache() -> None:
    _cache.clear()
