"""GreenMine coordinates: framework-free, typed handling of mining-right boundaries (CGCS2000).

Parses licence and transfer-announcement boundary texts, validates them, computes the TD/T 1055-2019
annex D ellipsoidal area and the Gauss–Krüger plane area, converts to GeoJSON, writes licence text and
indexes boundaries for overlap checks.  See ``/work/shared/reference/green-mine-rules.md`` §7.
"""

from __future__ import annotations

from .area import ellipsoidal_area_m2, ellipsoidal_trapezoid_area, plane_area_m2
from .check import check_boundary, compare_licensed_area
from .crs import Zone, epsg_code, gk_to_lonlat, lonlat_to_gk, zone_from_number, zone_of_longitude
from .errors import SpatialError
from .index import Overlap, OverlapIndex, footprint_from_geojson
from .model import Boundary, CheckResult, Issue, ParseResult, Part, PartResult, Point
from .parse import parse_boundary
from .write import write_licence_text

__all__ = [
    "Boundary",
    "CheckResult",
    "Issue",
    "Overlap",
    "OverlapIndex",
    "ParseResult",
    "Part",
    "PartResult",
    "Point",
    "SpatialError",
    "Zone",
    "check_boundary",
    "compare_licensed_area",
    "ellipsoidal_area_m2",
    "ellipsoidal_trapezoid_area",
    "epsg_code",
    "footprint_from_geojson",
    "gk_to_lonlat",
    "lonlat_to_gk",
    "parse_boundary",
    "plane_area_m2",
    "write_licence_text",
    "zone_from_number",
    "zone_of_longitude",
]
