"""Geometric checks of a boundary's parts, each error tied to the file line it concerns.

Rules (issue "Validate", reference §7.1 coordinate checks): at least 3 distinct points per part; no
repeated point inside a part (the closing repeat of the first point has already been dropped by the
parser); no self-intersection or self-touching (two edges meeting anywhere but at their shared vertex);
a non-zero area; every plane point inside its zone's valid longitude range and China's latitude range.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely

from . import messages as msg
from .crs import Zone
from .model import Issue, Part
from .parse import LAT_RANGE, SAME_POINT_DEG, SAME_POINT_M, part_title

__all__ = [
    "ZONE_TOLERANCE_DEG",
    "check_part_points",
    "check_part_topology",
    "check_zone_range",
    "self_intersections",
]

FloatArray = npt.NDArray[np.float64]

#: Points may lie this far (degrees of longitude) beyond a zone's nominal edge before they are refused:
#: boundaries straddling a zone edge (Hulin at 133.5°E) are drawn in one zone, and Gauss–Krüger stays
#: accurate well beyond the edge.  Points past the nominal edge but within the margin get a warning.
ZONE_TOLERANCE_DEG = 0.5
#: Valid latitude range for plane points (China, as for geographic input).
LAT_LIMITS = LAT_RANGE
#: At most this many self-intersections are reported per part.
MAX_INTERSECTIONS_REPORTED = 5


def check_part_points(index: int, part: Part, geographic: bool) -> list[Issue]:
    """Errors for too few distinct points (< 3) and for repeated points within one part.

    A repeated point's error is on its later line and names the earlier one.
    """
    errors: list[Issue] = []
    tolerance = SAME_POINT_DEG if geographic else SAME_POINT_M
    seen: dict[tuple[int, int], int] = {}
    distinct = 0
    for i, point in enumerate(part.points):
        key = (round(point.x / tolerance), round(point.y / tolerance))
        if key in seen:
            other = part.points[seen[key]]
            text = msg.DUPLICATE_POINT.format(label=point.label, other=other.line, other_label=other.label)
            errors.append(Issue(point.line, text))
        else:
            seen[key] = i
            distinct += 1
    if distinct < 3:
        title = part_title(index, part)
        errors.insert(0, Issue(part.line, msg.TOO_FEW_POINTS.format(part=title, count=distinct)))
    return errors


def self_intersections(northing: FloatArray, easting: FloatArray) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of edges of a closed ring that cross, touch or overlap.

    Edge k joins vertex k to vertex k+1 (the last edge closes the ring).  Adjacent edges are reported
    only when they overlap along a line (a spike), not for the vertex they share.  Simple rings are
    recognised with one GEOS call; only non-simple rings pay for the segment-pair search (STRtree).
    """
    n = len(northing)
    if n < 3:
        return []
    coords = np.column_stack([easting, northing])
    if bool(shapely.is_simple(shapely.linearrings(coords))):
        return []
    segments = shapely.linestrings(np.stack([coords, np.roll(coords, -1, axis=0)], axis=1))
    tree = shapely.STRtree(segments)
    left, right = tree.query(segments, predicate="intersects")
    pairs: list[tuple[int, int]] = []
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        if j == i + 1 or (i == 0 and j == n - 1):
            shared = shapely.intersection(segments[i], segments[j])
            if shapely.get_type_id(shared) == 0:  # a single point: the shared vertex
                continue
        pairs.append((i, j))
    return pairs


def check_part_topology(
    index: int, part: Part, northing: FloatArray, easting: FloatArray, plane_area: float
) -> list[Issue]:
    """Errors for self-intersection (naming both edges by their lines) and for a zero plane area."""
    pairs = self_intersections(northing, easting)
    title = part_title(index, part)
    n = len(part.points)
    errors: list[Issue] = []
    for i, j in pairs[:MAX_INTERSECTIONS_REPORTED]:
        a1, a2 = part.points[i].line, part.points[(i + 1) % n].line
        b1, b2 = part.points[j].line, part.points[(j + 1) % n].line
        text = msg.SELF_INTERSECTION.format(part=title, a1=a1, a2=a2, b1=b1, b2=b2)
        errors.append(Issue(part.points[j].line, text))
    if not pairs and plane_area <= 0.0:
        errors.append(Issue(part.line, msg.ZERO_AREA.format(part=title)))
    return errors


def check_zone_range(part: Part, zone: Zone, lon: FloatArray, lat: FloatArray) -> tuple[list[Issue], int]:
    """Errors for plane points outside the zone's valid range; also counts points past the nominal edge.

    The valid range is the zone's nominal longitude range widened by :data:`ZONE_TOLERANCE_DEG`, and
    latitudes 3–54°N (China).  Returns (errors, number of points beyond the nominal edge but within
    the margin).
    """
    west, east = zone.lon_range(ZONE_TOLERANCE_DEG)
    nominal_west, nominal_east = zone.lon_range()
    errors: list[Issue] = []
    beyond = 0
    for point, lo, la in zip(part.points, lon.tolist(), lat.tolist(), strict=True):
        if not (west <= lo <= east):  # also catches NaN from a failed projection
            errors.append(
                Issue(
                    point.line,
                    msg.OUTSIDE_ZONE.format(
                        label=point.label, lon=lo, zone=zone.number, west=west, east=east
                    ),
                )
            )
            continue
        if not (LAT_LIMITS[0] <= la <= LAT_LIMITS[1]):
            errors.append(Issue(point.line, msg.OUTSIDE_LAT.format(label=point.label, lat=la)))
            continue
        if not (nominal_west <= lo <= nominal_east):
            beyond += 1
    return errors, beyond
