"""GeoJSON (RFC 7946) output of a boundary in CGCS2000 longitude/latitude.

One Feature per part (parts are sections or elevation slices of one licence and are kept apart),
each a Polygon whose exterior ring is counter-clockwise and explicitly closed.  RFC 7946 has no CRS
member; the coordinates are CGCS2000 (EPSG:4490) longitude, latitude in degrees, which agree with
WGS 84 to a few centimetres.  Only the boundary's vertices are written (edges are straight in the
Gauss–Krüger plane; between vertices 1 km apart that differs from a lon/lat straight line by millimetres).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from .model import Part

__all__ = ["COORDINATE_DECIMALS", "feature_collection", "ring_coordinates"]

FloatArray = npt.NDArray[np.float64]

#: 1e-9° is about 0.1 mm: finer than the 0.01 m the licence coordinates carry.
COORDINATE_DECIMALS = 9


def ring_coordinates(lon: FloatArray, lat: FloatArray) -> list[list[float]]:
    """Closed, counter-clockwise ring positions [lon, lat] for an open ring of vertices."""
    x = np.asarray(lon, dtype=np.float64)
    y = np.asarray(lat, dtype=np.float64)
    u, v = x - x[0], y - y[0]  # shifted so the shoelace sum keeps its precision
    signed = float(np.dot(u[:-1], v[1:]) - np.dot(u[1:], v[:-1]))
    if signed < 0.0:  # clockwise: reverse to follow the RFC 7946 right-hand rule
        x, y = x[::-1], y[::-1]
    xs = np.round(x, COORDINATE_DECIMALS).tolist()
    ys = np.round(y, COORDINATE_DECIMALS).tolist()
    positions = [[a, b] for a, b in zip(xs, ys, strict=True)]
    positions.append([xs[0], ys[0]])
    return positions


def feature_collection(
    parts: list[tuple[Part, FloatArray, FloatArray, float | None]],
) -> dict[str, Any]:
    """FeatureCollection of the parts: (part, lon, lat, ellipsoidal area km² or None) each.

    Properties carry the part's name, elevations (m), number of points and area so a map can label it.
    """
    features: list[dict[str, Any]] = []
    for index, (part, lon, lat, area) in enumerate(parts, start=1):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "part": index,
                    "name": part.name,
                    "top_elevation": part.top_elevation,
                    "bottom_elevation": part.bottom_elevation,
                    "points": len(part.points),
                    "area_km2": area,
                },
                "geometry": {"type": "Polygon", "coordinates": [ring_coordinates(lon, lat)]},
            }
        )
    return {"type": "FeatureCollection", "features": features}
