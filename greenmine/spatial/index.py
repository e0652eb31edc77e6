"""In-process spatial index answering "which existing rights does this boundary overlap, by how much".

Input geometries are shapely (Multi)Polygons in **CGCS2000 longitude/latitude** (x = lon, y = lat,
EPSG:4490) — the same coordinates as the GeoJSON of :func:`~greenmine.spatial.check_boundary` and what a
PostGIS column with SRID 4490 holds.  Internally every geometry is projected once to an Albers
equal-area projection on the CGCS2000 ellipsoid: because the projection preserves area, the area of an
intersection computed in that plane *is* its ellipsoidal area (edges straight in the Albers plane
rather than the Gauss plane: for mining-right sized parts the difference is far below 0.0001 km²).

The index is immutable; the Django side rebuilds it when its version counter changes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from .crs import CGCS2000_A, CGCS2000_F, EPSG_CGCS2000_GEOGRAPHIC

__all__ = ["DEFAULT_MIN_OVERLAP_KM2", "Overlap", "OverlapIndex", "footprint_from_geojson"]

FloatArray = npt.NDArray[np.float64]

#: Overlaps smaller than this (1 m²) are treated as touching boundaries: floating-point slivers along a
#: shared edge are not overlaps.
DEFAULT_MIN_OVERLAP_KM2 = 1e-6


@dataclass(frozen=True, slots=True)
class Overlap[K: Hashable]:
    """One existing right overlapped by a query: overlap area (km², ellipsoidal) and its shares."""

    key: K
    area_km2: float
    share_of_query: float
    share_of_existing: float


def footprint_from_geojson(geojson: Mapping[str, Any]) -> BaseGeometry:
    """Footprint (union of all parts) of a GeoJSON FeatureCollection / Feature / geometry in lon/lat.

    Parts of one licence at different elevations can lie over each other; for overlap with other rights
    what matters is the ground they cover, hence the union.
    """
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        geoms = [shape(f["geometry"]) for f in geojson.get("features", []) if f.get("geometry")]
    elif kind == "Feature":
        geoms = [shape(geojson["geometry"])] if geojson.get("geometry") else []
    else:
        geoms = [shape(geojson)]
    return shapely.union_all(shapely.make_valid(np.array(geoms, dtype=object)))


def _equal_area_transformer(lon_0: float) -> Transformer:
    """lon/lat → Albers equal-area on the CGCS2000 ellipsoid (standard parallels 25°N and 47°N)."""
    albers = CRS.from_proj4(
        f"+proj=aea +lat_0=0 +lon_0={lon_0:.1f} +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 "
        f"+a={CGCS2000_A} +rf={1.0 / CGCS2000_F} +units=m +no_defs"
    )
    return Transformer.from_crs(CRS.from_epsg(EPSG_CGCS2000_GEOGRAPHIC), albers, always_xy=True)


class OverlapIndex[K: Hashable]:
    """STRtree over existing rights' footprints answering overlap queries with ellipsoidal areas.

    ``items`` are (key, lon/lat polygon) pairs; invalid polygons are repaired with ``make_valid`` and
    empty ones are ignored.  ``min_area_km2`` is the smallest intersection reported as an overlap.
    """

    def __init__(
        self,
        items: Iterable[tuple[K, BaseGeometry]],
        *,
        min_area_km2: float = DEFAULT_MIN_OVERLAP_KM2,
    ) -> None:
        pairs = [(k, g) for k, g in items if g is not None and not g.is_empty]
        self._keys: list[K] = [k for k, _ in pairs]
        geoms = np.array([g for _, g in pairs], dtype=object)
        self._min_area_m2 = min_area_km2 * 1e6
        if len(geoms):
            bounds = shapely.total_bounds(geoms)
            lon_0 = float((bounds[0] + bounds[2]) / 2.0)
        else:
            lon_0 = 105.0
        self._transformer = _equal_area_transformer(lon_0)
        projected = self._project(shapely.make_valid(geoms)) if len(geoms) else geoms
        shapely.prepare(projected)
        self._geoms = projected
        self._areas: FloatArray = np.asarray(shapely.area(projected), dtype=np.float64)
        self._tree = shapely.STRtree(projected)

    def __len__(self) -> int:
        return len(self._keys)

    def _project(self, geoms: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
        def forward(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
            px, py = self._transformer.transform(x, y)
            return np.asarray(px), np.asarray(py)

        return np.asarray(shapely.transform(geoms, forward, interleaved=False), dtype=object)

    def query(self, polygon: BaseGeometry) -> list[Overlap[K]]:
        """Existing rights whose footprint overlaps ``polygon`` (lon/lat), largest overlap first.

        Touching boundaries (overlap below ``min_area_km2``) are not reported.
        """
        if polygon is None or polygon.is_empty or not len(self._keys):
            return []
        query = self._project(np.array([shapely.make_valid(polygon)], dtype=object))[0]
        candidates = self._tree.query(query, predicate="intersects")
        if not len(candidates):
            return []
        areas = np.asarray(
            shapely.area(shapely.intersection(query, self._geoms[candidates])), dtype=np.float64
        )
        query_area = float(shapely.area(query))
        overlaps: list[Overlap[K]] = []
        for index, area in zip(candidates.tolist(), areas.tolist(), strict=True):
            if area < self._min_area_m2:
                continue
            existing = float(self._areas[index])
            overlaps.append(
                Overlap(
                    key=self._keys[index],
                    area_km2=area / 1e6,
                    share_of_query=area / query_area if query_area > 0 else 0.0,
                    share_of_existing=area / existing if existing > 0 else 0.0,
                )
            )
        overlaps.sort(key=lambda o: o.area_km2, reverse=True)
        return overlaps
