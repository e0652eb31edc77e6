"""Areas of boundaries: the TD/T 1055-2019 annex D ellipsoidal area and the Gauss–Krüger plane area.

The ellipsoidal area is what the 2022 MNR notice on a unified area method requires for mining rights
(reference §7.1 and §7.1a).  Method, as in annex D (国土调查办发〔2008〕32号):

1. the boundary's vertices are Gauss plane coordinates; each edge is a straight line in that plane;
2. every edge is cut into pieces no longer than :data:`DENSIFY_STEP_M` (straight in the plane), and all
   resulting points are converted to geodetic (B, L) by the inverse Gauss projection;
3. each piece (B1, L1)–(B2, L2) with the central meridian L0 bounds an east–west ellipsoidal trapezoid
   between the parallels B1 and B2 and of longitude width ΔL = (L1 + L2)/2 − L0; its signed area is
   the annex D formula

       S = 2b²ΔL[A·sin(½(B2−B1))·cos Bm − B·sin(3/2(B2−B1))·cos 3Bm + C·sin(5/2(B2−B1))·cos 5Bm
                 − D·sin(7/2(B2−B1))·cos 7Bm + E·sin(9/2(B2−B1))·cos 9Bm],   Bm = (B1+B2)/2;

4. the signed trapezoids of a closed ring sum to ± the ring's area.

Cutting the edges into short pieces is what makes the "narrow trapezoids" narrow: the annex's analysis
paper shows the strip sum converges to the true area as the strips narrow (the error falls with the
square of the piece length).  Without cutting, a 2 km² part 116 km from the central meridian is off by
~100 m² — a whole unit of the 4th decimal in km².  With 50 m pieces the strip sum agrees with the limit
(1 m pieces) and with a geodesic area of the same boundary to about 0.1 m² even for 10–50 km² parts far
from the central meridian (see the tests): three orders of magnitude below the 0.0001 km² (100 m²)
reporting precision, at half the cost of 25 m pieces.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .crs import CGCS2000_A, CGCS2000_F, Zone, gk_to_lonlat

__all__ = [
    "DENSIFY_STEP_M",
    "DenseRings",
    "densify_ring",
    "densify_rings",
    "ellipsoidal_area_m2",
    "ellipsoidal_areas_m2",
    "ellipsoidal_trapezoid_area",
    "plane_area_m2",
    "ring_centroid",
    "ring_strip_area_m2",
    "strip_sums_m2",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Longest straight piece an edge is cut into before the inverse projection (metres).
DENSIFY_STEP_M = 50.0

_E2 = CGCS2000_F * (2.0 - CGCS2000_F)  # e² = (a² − b²)/a²
_B_AXIS = CGCS2000_A * (1.0 - CGCS2000_F)  # semi-minor axis b
_E4, _E6, _E8 = _E2**2, _E2**3, _E2**4
# Annex D series constants (they already include the 1/3, 1/5, … of the integration).
_K_A = 1.0 + (3.0 / 6.0) * _E2 + (30.0 / 80.0) * _E4 + (35.0 / 112.0) * _E6 + (630.0 / 2304.0) * _E8
_K_B = (1.0 / 6.0) * _E2 + (15.0 / 80.0) * _E4 + (21.0 / 112.0) * _E6 + (420.0 / 2304.0) * _E8
_K_C = (3.0 / 80.0) * _E4 + (7.0 / 112.0) * _E6 + (180.0 / 2304.0) * _E8
_K_D = (1.0 / 112.0) * _E6 + (45.0 / 2304.0) * _E8
_K_E = (5.0 / 2304.0) * _E8


def ellipsoidal_trapezoid_area(
    delta_l: FloatArray | float, b1: FloatArray | float, b2: FloatArray | float
) -> FloatArray:
    """Annex D: signed area (m²) of ellipsoidal trapezoids on the CGCS2000 ellipsoid.

    ``delta_l`` is the longitude width and ``b1``, ``b2`` the bounding latitudes, all in radians.
    The result is negative when ``b2 < b1`` or ``delta_l < 0``, which is what the strip sum needs.
    """
    dl = np.asarray(delta_l, dtype=np.float64)
    lat1 = np.asarray(b1, dtype=np.float64)
    lat2 = np.asarray(b2, dtype=np.float64)
    db = lat2 - lat1
    bm = (lat1 + lat2) / 2.0
    series = (
        _K_A * np.sin(0.5 * db) * np.cos(bm)
        - _K_B * np.sin(1.5 * db) * np.cos(3.0 * bm)
        + _K_C * np.sin(2.5 * db) * np.cos(5.0 * bm)
        - _K_D * np.sin(3.5 * db) * np.cos(7.0 * bm)
        + _K_E * np.sin(4.5 * db) * np.cos(9.0 * bm)
    )
    return np.asarray(2.0 * _B_AXIS**2 * dl * series, dtype=np.float64)


def _next(a: FloatArray) -> FloatArray:
    """The ring's values shifted by one (a[1], …, a[n−1], a[0]); cheaper than ``np.roll`` on small arrays."""
    return np.concatenate((a[1:], a[:1]))


def densify_ring(
    northing: FloatArray, easting: FloatArray, step_m: float = DENSIFY_STEP_M
) -> tuple[FloatArray, FloatArray]:
    """Cut every edge of a closed ring (closing vertex not repeated) into straight pieces ≤ ``step_m``.

    Returns the open ring of points (each original vertex followed by its edge's intermediate points).
    Vectorised: no Python loop over edges.
    """
    dense = densify_rings([(northing, easting)], step_m)
    return dense.northing, dense.easting


@dataclass(frozen=True, slots=True)
class DenseRings:
    """Several densified rings concatenated: ring r occupies ``[starts[r], starts[r] + sizes[r])``.

    ``vertex_index`` holds the position of every original vertex (rings concatenated), so one inverse
    projection of the dense points also yields the vertices' geodetic coordinates.
    """

    northing: FloatArray
    easting: FloatArray
    starts: IntArray
    sizes: IntArray
    vertex_index: IntArray


def densify_rings(rings: list[tuple[FloatArray, FloatArray]], step_m: float = DENSIFY_STEP_M) -> DenseRings:
    """Densify many rings at once (see :func:`densify_ring`); every ring must have at least one vertex."""
    x0 = np.concatenate([np.asarray(r[0], dtype=np.float64) for r in rings])
    y0 = np.concatenate([np.asarray(r[1], dtype=np.float64) for r in rings])
    counts = np.array([len(r[0]) for r in rings], dtype=np.int64)
    first = np.cumsum(counts) - counts
    # Successor of each vertex within its own ring (the last vertex closes back to the first).
    successor = np.arange(len(x0)) + 1
    successor[first + counts - 1] = first
    dxe, dye = x0[successor] - x0, y0[successor] - y0
    pieces = np.maximum(np.ceil(np.hypot(dxe, dye) / step_m), 1.0).astype(np.int64)
    edge = np.repeat(np.arange(len(x0)), pieces)
    vertex_index = np.cumsum(pieces) - pieces
    # Fraction along the edge for each generated point: 0, 1/k, …, (k−1)/k.
    t = (np.arange(int(pieces.sum())) - vertex_index[edge]) / pieces[edge]
    ring_of_vertex = np.repeat(np.arange(len(rings)), counts)
    sizes = np.bincount(ring_of_vertex, weights=pieces, minlength=len(rings)).astype(np.int64)
    return DenseRings(
        northing=x0[edge] + t * dxe[edge],
        easting=y0[edge] + t * dye[edge],
        starts=np.cumsum(sizes) - sizes,
        sizes=sizes,
        vertex_index=vertex_index,
    )


def strip_sums_m2(
    lon_deg: FloatArray, lat_deg: FloatArray, dense: DenseRings, central_meridian: float
) -> FloatArray:
    """Annex D strip sums (m², ≥ 0; NaN where a projection failed) of every ring of ``dense``.

    ``lon_deg``/``lat_deg`` are the inverse-projected dense points.  Each consecutive pair of points
    with the central meridian bounds one trapezoid; ΔL is measured from the central meridian so the
    widths stay small and the sum does not lose precision.
    """
    lam = np.radians(np.asarray(lon_deg, dtype=np.float64) - central_meridian)
    phi = np.radians(np.asarray(lat_deg, dtype=np.float64))
    successor = np.arange(len(lam)) + 1
    successor[dense.starts + dense.sizes - 1] = dense.starts
    strips = ellipsoidal_trapezoid_area((lam + lam[successor]) / 2.0, phi, phi[successor])
    return np.abs(np.add.reduceat(strips, dense.starts)) if len(strips) else np.zeros(0)


def ring_strip_area_m2(lon_deg: FloatArray, lat_deg: FloatArray, central_meridian: float) -> float:
    """Annex D strip sum for one closed ring of geodetic points (closing point not repeated); m², ≥ 0."""
    n = len(lon_deg)
    dense = DenseRings(np.zeros(n), np.zeros(n), np.array([0]), np.array([n]), np.arange(n))
    return float(strip_sums_m2(lon_deg, lat_deg, dense, central_meridian)[0])


def ellipsoidal_area_m2(
    zone: Zone, northing: FloatArray, easting: FloatArray, step_m: float = DENSIFY_STEP_M
) -> float:
    """TD/T 1055-2019 annex D ellipsoidal area (m²) of one ring given in unprefixed GK coordinates.

    Edges are straight lines in the Gauss–Krüger plane of ``zone``; see the module docstring.
    """
    if len(northing) < 3:
        return 0.0
    return ellipsoidal_areas_m2(zone, [(northing, easting)], step_m)[0]


def plane_area_m2(northing: FloatArray, easting: FloatArray) -> float:
    """Gauss–Krüger plane area (m²) of one ring by the shoelace formula (closing vertex not repeated).

    Coordinates are shifted to their mean first so that products of 7–8 digit numbers do not
    cancel catastrophically.
    """
    if len(northing) < 3:
        return 0.0
    x = np.asarray(northing, dtype=np.float64)
    y = np.asarray(easting, dtype=np.float64)
    x = x - x.mean()
    y = y - y.mean()
    return abs(float(np.dot(x, _next(y)) - np.dot(_next(x), y))) / 2.0


def ellipsoidal_areas_m2(
    zone: Zone,
    rings: list[tuple[FloatArray, FloatArray]],
    step_m: float = DENSIFY_STEP_M,
) -> list[float]:
    """Annex D areas (m²) of several rings of one zone with a single inverse projection call.

    Same method as :func:`ellipsoidal_area_m2`; batching the projection is what keeps a many-part
    licence (or a bench of thousands) fast.  NaN for a ring whose points could not be projected.
    """
    if not rings:
        return []
    dense = densify_rings(rings, step_m)
    lon, lat = gk_to_lonlat(zone, dense.northing, dense.easting)
    return [float(a) for a in strip_sums_m2(lon, lat, dense, zone.central_meridian)]


def ring_centroid(x: FloatArray, y: FloatArray) -> tuple[float, float, float]:
    """(cx, cy, |area|) of a ring by the shoelace formulas; the vertex mean and 0 if the area is zero.

    The |area| is the plane area (same computation as :func:`plane_area_m2`, coordinates shifted to
    their mean so 7–8 digit values do not cancel).
    """
    n = len(x)
    x0, y0 = float(x.sum()) / n, float(y.sum()) / n
    u = x - x0
    v = y - y0
    u1, v1 = _next(u), _next(v)
    cross = u * v1 - u1 * v
    area = float(cross.sum()) / 2.0
    if area == 0.0 or not math.isfinite(area):
        return x0, y0, 0.0
    cx = float(((u + u1) * cross).sum()) / (6.0 * area)
    cy = float(((v + v1) * cross).sum()) / (6.0 * area)
    return x0 + cx, y0 + cy, abs(area)
