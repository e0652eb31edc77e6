"""Hand-built geometries and fixtures for the admission tests.

Squares are built in the Gauss–Krüger plane of zone 44 (CM 132°E, around Hulin) and converted to lon/lat,
so their plane overlaps are exact: two 1000 m squares offset 500 m overlap by 0.5 km² in the plane.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import shapely

from greenmine.admission import services
from greenmine.spatial.crs import gk_to_lonlat, zone_from_number

ZONE_44 = zone_from_number(44)
assert ZONE_44 is not None


def gk_square(
    x0: float, y0: float, size: float = 1000.0, width: float | None = None
) -> list[tuple[float, float]]:
    """Corners (northing X, unprefixed easting Y) of a rectangle, counter-clockwise."""
    w = width if width is not None else size
    return [(x0, y0), (x0, y0 + w), (x0 + size, y0 + w), (x0 + size, y0)]


def lonlat_polygon(corners: list[tuple[float, float]], densify: float = 50.0) -> shapely.Polygon:
    """A zone-44 GK polygon in lon/lat, its edges densified so they stay straight in the GK plane."""
    ring = shapely.segmentize(shapely.Polygon([(y, x) for x, y in corners]), densify)
    coords = np.asarray(ring.exterior.coords)
    lon, lat = gk_to_lonlat(ZONE_44, coords[:, 1], coords[:, 0])
    return shapely.Polygon(np.column_stack([lon, lat]))


def licence_text(corners: list[tuple[float, float]]) -> str:
    """Licence text (zone-prefixed Y) for the rectangle."""
    lines = ["点号,X,Y"] + [f"{i},{x:.2f},{44_000_000 + y:.2f}" for i, (x, y) in enumerate(corners, 1)]
    return "\n".join(lines) + "\n"


def geojson_bytes(features: list[tuple[dict[str, Any], shapely.Geometry]]) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": p, "geometry": shapely.geometry.mapping(g)}
                for p, g in features
            ],
        }
    ).encode()


# Application: X 5 085 000–5 086 000, Y 577 000–578 000 (as registry's BOUNDARY_44_A).
APP = gk_square(5_085_000, 577_000)
# Reserve 500 m north of the application: overlaps it by 1000 m × 500 m = 0.5 km² in the plane.
RESERVE = gk_square(5_085_500, 577_000)
# A red-line square 300 m east of the application (no overlap).
REDLINE_NEAR = gk_square(5_085_000, 578_300)


def import_geojson(
    actor: Any, kind: str, name: str, features: list[tuple[dict[str, Any], shapely.Geometry]]
) -> Any:
    return services.import_layer(
        actor=actor, data=geojson_bytes(features), filename=f"{name}.geojson", kind=kind, name=name
    )


def hulin_layers(actor: Any) -> None:
    import_geojson(
        actor,
        "nature_reserve",
        "测试保护区",
        [({"名称": "测试保护区北", "功能区": "缓冲区"}, lonlat_polygon(RESERVE))],
    )
    import_geojson(
        actor, "ecological_redline", "测试红线", [({"name": "红线东"}, lonlat_polygon(REDLINE_NEAR))]
    )
