"""Admission engine (准入审查): overlaps, distances and verdicts of a boundary against reference layers.

Framework-free and typed (no Django). Geometries come in as shapely (Multi)Polygons in CGCS2000
longitude/latitude (EPSG:4490), as the spatial library's GeoJSON gives them.

* **Areas** are ellipsoidal: every feature is projected once, when the index is built, to the same Albers
  equal-area projection on the CGCS2000 ellipsoid that ``greenmine.spatial.OverlapIndex`` uses, so overlap
  areas agree with the registry's 空间查重 figures.
* **Distances** are metres in the Gauss–Krüger plane of the application's 3° zone (the zone of its
  centroid), never degrees: only the few candidate features near the application are projected there.
* **Verdicts** come from rules per layer kind (``Rule``); the worst outcome wins (prohibited > review >
  pass) and every outcome that is not a pass gives a reason.

The index is immutable; the Django side caches one per set of current layer versions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry

from greenmine.spatial.crs import (
    CGCS2000_A,
    CGCS2000_F,
    EPSG_CGCS2000_GEOGRAPHIC,
    lonlat_to_gk,
    zone_of_longitude,
)

__all__ = [
    "KIND_LABELS",
    "PASS",
    "PLANNING_ZONE",
    "PROHIBITED",
    "REVIEW",
    "Assessment",
    "AuditHit",
    "Conflict",
    "FeatureItem",
    "LayerIndex",
    "Nearby",
    "Rule",
    "equal_area_km2",
    "evaluate",
    "worst",
]

FloatArray = npt.NDArray[np.float64]
ObjArray = npt.NDArray[np.object_]

PROHIBITED = "prohibited"
REVIEW = "review"
PASS = "pass"  # noqa: S105 — a verdict, not a password
_SEVERITY = {PASS: 0, REVIEW: 1, PROHIBITED: 2}
PLANNING_ZONE = "planning_zone"

#: Chinese names of the layer kinds, for the reasons (the product's language, as the spatial library's
#: messages).
KIND_LABELS: dict[str, str] = {
    "ecological_redline": "生态保护红线",
    "nature_reserve": "自然保护区",
    "scenic_area": "风景名胜区",
    "geopark": "地质公园",
    "forest_park": "森林公园",
    "wetland_park": "湿地公园",
    "water_source": "饮用水水源保护区",
    "planning_zone": "开采规划区块",
    "prohibited_zone": "禁止开采区",
    "restricted_zone": "限制开采区",
}
ZONE_LABELS = {"core": "核心区", "buffer": "缓冲区", "experimental": "实验区"}
VERDICT_LABELS = {PROHIBITED: "禁止", REVIEW: "需核实", PASS: "通过"}

#: Overlaps below this (1 m²) are boundaries touching, not overlaps (as ``OverlapIndex``).
MIN_OVERLAP_M2 = 1.0
#: An application at least this share inside the planning zones counts as inside (float slivers).
INSIDE_SHARE = 0.9999
_M_PER_DEG_LAT = 110_574.0  # the shortest degree of latitude on the ellipsoid (at the equator)
_M_PER_DEG_LON_EQ = 111_320.0


def worst(verdicts: Iterable[str]) -> str:
    """The most severe verdict (prohibited > review > pass); pass for none."""
    return max(verdicts, key=lambda v: _SEVERITY[v], default=PASS)


@dataclass(frozen=True, slots=True)
class FeatureItem:
    """One feature of a layer version: ``key`` is the caller's id, ``geometry`` lon/lat."""

    key: int
    layer_id: int
    layer_kind: str
    name: str
    geometry: BaseGeometry
    zone: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule for one layer kind (``right_kind`` '' = every kind of right).

    ``overlap`` is the verdict when the application overlaps a feature; ``within_m`` with ``within`` the
    verdict when a feature lies within that distance (not overlapping); ``outside`` the verdict when
    features of the kind exist but the application is not inside them (planning zones).
    """

    layer_kind: str
    overlap: str = ""
    within_m: float | None = None
    within: str = ""
    outside: str = ""
    right_kind: str = ""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One feature the application overlaps: ellipsoidal km² and the share of the application's area."""

    key: int
    layer_id: int
    layer_kind: str
    feature: str
    overlap_km2: float
    share: float
    zone: str = ""


@dataclass(frozen=True, slots=True)
class Nearby:
    """The nearest feature of one layer not overlapping the application, within the radius (GK metres)."""

    key: int
    layer_id: int
    layer_kind: str
    feature: str
    distance_m: float


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything the layers say about one application (before the rules)."""

    area_km2: float
    gk_zone: int
    conflicts: tuple[Conflict, ...]
    nearby: tuple[Nearby, ...]
    planning_zones_exist: bool
    planning_share: float
    planning_names: tuple[str, ...] = ()

    @property
    def inside_planning_zone(self) -> bool:
        return self.planning_share >= INSIDE_SHARE


@dataclass(frozen=True, slots=True)
class AuditHit:
    """One right overlapping one feature (the overlap audit)."""

    right_key: int
    feature_key: int
    overlap_km2: float
    share_of_right: float


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _equal_area(lon_0: float) -> Transformer:
    """lon/lat → Albers equal-area, CGCS2000 ellipsoid, parallels 25°N and 47°N (as OverlapIndex)."""
    albers = CRS.from_proj4(
        f"+proj=aea +lat_0=0 +lon_0={lon_0:.1f} +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 "
        f"+a={CGCS2000_A} +rf={1.0 / CGCS2000_F} +units=m +no_defs"
    )
    return Transformer.from_crs(CRS.from_epsg(EPSG_CGCS2000_GEOGRAPHIC), albers, always_xy=True)


def _transform(geoms: ObjArray, transformer: Transformer) -> ObjArray:
    def forward(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        px, py = transformer.transform(x, y)
        return np.asarray(px), np.asarray(py)

    return np.asarray(shapely.transform(geoms, forward, interleaved=False), dtype=object)


def _to_gk(geoms: ObjArray, zone_number: int) -> ObjArray:
    """lon/lat → the unprefixed Gauss–Krüger plane of a 3° zone (x easting, y northing)."""
    zone = zone_of_longitude(3.0 * zone_number)

    def forward(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        northing, easting = lonlat_to_gk(zone, x, y)
        return easting, northing

    return np.asarray(shapely.transform(geoms, forward, interleaved=False), dtype=object)


def equal_area_km2(geoms: Sequence[BaseGeometry]) -> list[float]:
    """Ellipsoidal areas (km²) of lon/lat polygons, through the equal-area projection."""
    if not geoms:
        return []
    arr = np.array(list(geoms), dtype=object)
    lon_0 = float(np.mean(shapely.bounds(arr)[:, [0, 2]]))
    projected = _transform(arr, _equal_area(lon_0))
    return [float(a) / 1e6 for a in np.asarray(shapely.area(projected), dtype=np.float64).tolist()]


class LayerIndex:
    """STRtree over every feature of the current layer versions, in an equal-area plane."""

    def __init__(self, items: Sequence[FeatureItem], *, lon_0: float | None = None) -> None:
        kept = [i for i in items if i.geometry is not None and not i.geometry.is_empty]
        self.items: list[FeatureItem] = kept
        lonlat = np.array([i.geometry for i in kept], dtype=object)
        if len(lonlat):
            lonlat = np.asarray(shapely.make_valid(lonlat), dtype=object)
        self._lonlat: ObjArray = lonlat
        if lon_0 is None:
            bounds = shapely.total_bounds(lonlat) if len(lonlat) else np.array([105.0, 0.0, 105.0, 0.0])
            lon_0 = float((bounds[0] + bounds[2]) / 2.0)
        self.transformer = _equal_area(lon_0)
        self._albers: ObjArray = _transform(lonlat, self.transformer) if len(lonlat) else lonlat
        shapely.prepare(self._albers)
        self._tree = shapely.STRtree(self._albers)
        self._kinds = np.array([i.layer_kind for i in kept], dtype=object)
        self.has_planning = bool(np.any(self._kinds == PLANNING_ZONE)) if len(kept) else False

    def __len__(self) -> int:
        return len(self.items)

    def project(self, geoms: Sequence[BaseGeometry]) -> ObjArray:
        """lon/lat geometries → this index's equal-area plane (repaired first)."""
        arr = np.asarray(shapely.make_valid(np.array(list(geoms), dtype=object)), dtype=object)
        return _transform(arr, self.transformer)

    def assess(self, footprint: BaseGeometry, *, radius_m: float = 1000.0) -> Assessment:
        """Overlaps with every feature, the nearest feature of each layer within ``radius_m`` (GK metres)
        and the share of the application inside the planning zones."""
        footprint = shapely.make_valid(footprint)
        lon_c = float(footprint.centroid.x)
        zone_number = zone_of_longitude(lon_c).number
        query = self.project([footprint])[0]
        area_m2 = float(shapely.area(query))
        conflicts: list[Conflict] = []
        nearby: list[Nearby] = []
        planning_share = 0.0
        planning_names: list[str] = []
        if len(self.items) and area_m2 > 0:
            hits = self._tree.query(query, predicate="intersects")
            overlap_m2 = (
                np.asarray(shapely.area(shapely.intersection(query, self._albers[hits])), dtype=np.float64)
                if len(hits)
                else np.zeros(0)
            )
            overlapping: set[int] = set()
            planning_parts: list[BaseGeometry] = []
            for index, area in zip(hits.tolist(), overlap_m2.tolist(), strict=True):
                if area < MIN_OVERLAP_M2:
                    continue
                overlapping.add(index)
                item = self.items[index]
                if item.layer_kind == PLANNING_ZONE:
                    planning_parts.append(self._albers[index])
                    planning_names.append(item.name)
                    continue
                conflicts.append(
                    Conflict(
                        item.key,
                        item.layer_id,
                        item.layer_kind,
                        item.name,
                        area / 1e6,
                        area / area_m2,
                        item.zone,
                    )
                )
            if planning_parts:
                # Planning zones may overlap each other: the covered share is of their union.
                covered = shapely.area(shapely.intersection(query, shapely.union_all(planning_parts)))
                planning_share = min(1.0, float(covered) / area_m2)
            nearby = self._nearby(footprint, query, overlapping, zone_number, radius_m)
        conflicts.sort(key=lambda c: (-c.overlap_km2, c.layer_kind, c.feature))
        return Assessment(
            area_km2=area_m2 / 1e6,
            gk_zone=zone_number,
            conflicts=tuple(conflicts),
            nearby=tuple(nearby),
            planning_zones_exist=self.has_planning,
            planning_share=planning_share,
            planning_names=tuple(planning_names),
        )

    def _nearby(
        self, footprint: BaseGeometry, query: BaseGeometry, skip: set[int], zone_number: int, radius_m: float
    ) -> list[Nearby]:
        if radius_m <= 0:
            return []
        # Candidate search in the equal-area plane with a generous margin (Albers is not conformal: its
        # scale along a direction stays within a few per cent over China); exact distances follow in GK.
        margin = radius_m * 1.25 + 10.0
        minx, miny, maxx, maxy = shapely.bounds(query).tolist()
        box = shapely.box(minx - margin, miny - margin, maxx + margin, maxy + margin)
        candidates = [i for i in self._tree.query(box).tolist() if i not in skip]
        if not candidates:
            return []
        idx = np.array(candidates, dtype=np.int64)
        app_gk = _to_gk(np.array([footprint], dtype=object), zone_number)[0]
        cand_gk = _to_gk(self._lonlat[idx], zone_number)
        distances = np.asarray(shapely.distance(app_gk, cand_gk), dtype=np.float64)
        best: dict[int, tuple[float, int]] = {}
        for index, dist in zip(candidates, distances.tolist(), strict=True):
            if dist > radius_m or math.isnan(dist):
                continue
            layer = self.items[index].layer_id
            if layer not in best or dist < best[layer][0]:
                best[layer] = (dist, index)
        out = []
        for dist, index in best.values():
            item = self.items[index]
            out.append(Nearby(item.key, item.layer_id, item.layer_kind, item.name, dist))
        out.sort(key=lambda n: (n.distance_m, n.layer_kind))
        return out

    def audit(self, rights: Sequence[tuple[int, BaseGeometry]]) -> list[AuditHit]:
        """Every (right, feature) pair overlapping by at least 1 m², vectorised over all rights at once.

        Planning zones are left out: lying inside one is where a right belongs.
        """
        pairs = [(k, g) for k, g in rights if g is not None and not g.is_empty]
        if not pairs or not len(self.items):
            return []
        keys = np.array([k for k, _ in pairs], dtype=np.int64)
        projected = self.project([g for _, g in pairs])
        right_idx, feat_idx = self._tree.query(projected, predicate="intersects")
        if not len(right_idx):
            return []
        keep = self._kinds[feat_idx] != PLANNING_ZONE
        right_idx, feat_idx = right_idx[keep], feat_idx[keep]
        areas = np.asarray(
            shapely.area(shapely.intersection(projected[right_idx], self._albers[feat_idx])), dtype=np.float64
        )
        right_areas = np.asarray(shapely.area(projected[right_idx]), dtype=np.float64)
        hits: list[AuditHit] = []
        for r, f, a, ra in zip(
            right_idx.tolist(), feat_idx.tolist(), areas.tolist(), right_areas.tolist(), strict=True
        ):
            if a >= MIN_OVERLAP_M2:
                hits.append(AuditHit(int(keys[r]), self.items[f].key, a / 1e6, a / ra if ra > 0 else 0.0))
        return hits


def evaluate(
    assessment: Assessment,
    rules: Sequence[Rule],
    *,
    right_kind: str,
    rights: Sequence[tuple[str, float]] = (),
    rights_verdict: str = REVIEW,
) -> Verdict:
    """Apply the active rules to an assessment: the worst verdict, with one reason per finding.

    An overlap with an existing right (other than the one being extended or changed) is ``rights_verdict``
    (需核实 by default: 空间查重 must be resolved before a right is granted).
    """
    reasons: list[tuple[int, str]] = []
    verdicts: list[str] = []

    def add(verdict: str, text: str) -> None:
        if verdict and verdict != PASS:
            verdicts.append(verdict)
            reasons.append((-_SEVERITY[verdict], f"{VERDICT_LABELS[verdict]}：{text}"))

    applicable = [r for r in rules if r.right_kind in ("", right_kind)]
    for rule in applicable:
        label = KIND_LABELS.get(rule.layer_kind, rule.layer_kind)
        if rule.overlap:
            for c in assessment.conflicts:
                if c.layer_kind == rule.layer_kind:
                    zone = f"（{ZONE_LABELS.get(c.zone, c.zone)}）" if c.zone else ""
                    add(
                        rule.overlap,
                        f"与{label}“{c.feature}”{zone}重叠 {c.overlap_km2:.4f} 平方公里"
                        f"（占申请范围 {c.share:.1%}）",
                    )
        if rule.within and rule.within_m is not None:
            for n in assessment.nearby:
                if n.layer_kind == rule.layer_kind and n.distance_m <= rule.within_m:
                    add(
                        rule.within,
                        f"距{label}“{n.feature}” {n.distance_m:.0f} 米，在 {rule.within_m:.0f} 米范围内",
                    )
        outside = assessment.planning_zones_exist and not assessment.inside_planning_zone
        if rule.outside and rule.layer_kind == PLANNING_ZONE and outside:
            where = "部分位于" if assessment.planning_share > 0 else "不在"
            add(rule.outside, f"申请范围{where}开采规划区块内（区块内占 {assessment.planning_share:.1%}）")
    for licence_no, area in rights:
        add(rights_verdict, f"与已设矿业权 {licence_no} 重叠 {area:.4f} 平方公里")
    reasons.sort(key=lambda r: r[0])
    return Verdict(worst(verdicts), tuple(text for _, text in reasons))


def result_json(
    assessment: Assessment,
    verdict: Verdict,
    *,
    area_km2: float,
    rights: Sequence[tuple[str, float]],
) -> dict[str, Any]:
    """The CLI JSON (fixed shape): verdict, area, conflicts, nearby, rights overlapped, reasons."""
    return {
        "verdict": verdict.verdict,
        "area_km2": round(area_km2, 6),
        "conflicts": [
            {
                "layer_kind": c.layer_kind,
                "feature": c.feature,
                "overlap_km2": round(c.overlap_km2, 6),
                "share": round(c.share, 6),
            }
            for c in assessment.conflicts
        ],
        "nearby": [
            {"layer_kind": n.layer_kind, "feature": n.feature, "distance_m": round(n.distance_m, 2)}
            for n in assessment.nearby
        ],
        "rights_overlapped": [{"licence_no": no, "overlap_km2": round(a, 6)} for no, a in rights],
        "reasons": list(verdict.reasons),
    }
