"""The coordinate check behind ``greenmine check_coords``: parse, validate, measure, convert.

:func:`check_boundary` never raises for any input.  Its result's :meth:`CheckResult.to_json_dict` is the
CLI JSON (fixed shape, every key always present).  Areas follow the 2022 MNR notice: the ellipsoidal
area on the CGCS2000 ellipsoid by TD/T 1055-2019 annex D, in km² to 4 decimals; the Gauss–Krüger
plane area is reported beside it because older licences state that one.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from typing import Literal

import numpy as np
import numpy.typing as npt

from . import messages as msg
from .area import densify_rings, ring_centroid, strip_sums_m2
from .crs import (
    EPSG_CGCS2000_GEOGRAPHIC,
    Zone,
    epsg_code,
    gk_to_lonlat,
    lonlat_to_gk,
    zone_from_number,
    zone_of_longitude,
)
from .geojson import COORDINATE_DECIMALS, feature_collection
from .model import Boundary, CheckResult, Issue, PartResult
from .parse import parse_boundary, part_title
from .text import find_refused_datum
from .validate import check_part_points, check_part_topology, check_zone_range

__all__ = ["AREA_DECIMALS", "MAX_ERRORS", "check_boundary", "compare_licensed_area", "datum_issue"]

logger = logging.getLogger(__name__)
FloatArray = npt.NDArray[np.float64]

#: Areas are reported in km² to 4 decimals (2022 MNR notice).
AREA_DECIMALS = 4
#: A licensed area "matches" a computed one within one unit of the 4th decimal.
AREA_MATCH_TOLERANCE_KM2 = 0.0001
#: At most this many errors are listed; the rest are summarised in one message.
MAX_ERRORS = 200
# Internal error (a bug, never an input problem): the input could not be checked.
INTERNAL_ERROR = "系统内部错误，坐标未能检查，请联系管理员"

_CGCS2000_NAMES = re.compile(
    r"\s*(?:cgcs\s*-?\s*2000|epsg\s*:?\s*4490|2000\s*国家大地坐标系|国家\s*2000(?:坐标系)?|2000\s*坐标系"
    r"|china\s+geodetic\s+coordinate\s+system\s+2000)\s*",
    re.IGNORECASE,
)


def datum_issue(datum: str) -> Issue | None:
    """Error for a datum option that is not CGCS2000 (Xi'an 1980 / Beijing 1954 named explicitly)."""
    refused = find_refused_datum(datum)
    if refused is not None:
        return Issue(0, msg.DATUM_REFUSED.format(name=refused))
    if _CGCS2000_NAMES.fullmatch(datum) is None:
        return Issue(0, msg.DATUM_UNKNOWN.format(name=datum.strip()[:50]))
    return None


def compare_licensed_area(
    licensed_km2: float, ellipsoidal_km2: float, plane_km2: float
) -> tuple[Literal["ellipsoidal", "plane"] | None, str | None]:
    """Which computed area a licensed area matches, and a warning when it matches neither.

    Both computed areas are rounded to 4 decimals first (as they are printed); "matches" means within
    0.0001 km² — one unit of the last printed digit.  When both match, the closer one is named, and the
    ellipsoidal area (the current rule) on a tie.
    """
    ell = round(ellipsoidal_km2, AREA_DECIMALS)
    plane = round(plane_km2, AREA_DECIMALS)
    tolerance = AREA_MATCH_TOLERANCE_KM2 + 1e-9  # absorb binary rounding of the decimal inputs
    if math.isfinite(licensed_km2):
        d_ell, d_plane = abs(licensed_km2 - ell), abs(licensed_km2 - plane)
        if d_ell <= tolerance and (d_ell <= d_plane + 1e-12 or d_plane > tolerance):
            return "ellipsoidal", None
        if d_plane <= tolerance:
            return "plane", None
    return None, msg.AREA_MISMATCH.format(licensed=licensed_km2, ellipsoidal=ell, plane=plane)


def check_boundary(
    data: bytes | str,
    zone: int | None = None,
    licensed_area_km2: float | None = None,
    datum: str | None = None,
) -> CheckResult:
    """Check a licence / announcement boundary text and compute its areas, centroid and GeoJSON.

    ``zone`` must be given when Y has no zone prefix (13–23: 6° zones, 24–45: 3° zones);
    ``licensed_area_km2`` is compared with the ellipsoidal and plane areas; ``datum`` (optional) must
    name CGCS2000 — Xi'an 1980 and Beijing 1954 are refused.  Never raises: an unexpected internal
    failure is logged and reported as an error so one bad file cannot break a batch.
    """
    try:
        return _check(data, zone, licensed_area_km2, datum)
    except Exception:  # noqa: BLE001 - last-resort guard; the property tests call _check unguarded
        logger.exception("coordinate check failed")
        return _result(None, None, (), errors=[Issue(0, INTERNAL_ERROR)], warnings=[])


def _result(
    epsg: int | None,
    zone: int | None,
    parts: tuple[PartResult, ...],
    *,
    errors: list[Issue],
    warnings: list[str],
    boundary: Boundary | None = None,
    area: float | None = None,
    plane: float | None = None,
    centroid: tuple[float, float] | None = None,
    geojson: dict[str, object] | None = None,
    match: Literal["ellipsoidal", "plane"] | None = None,
) -> CheckResult:
    ordered = sorted(errors, key=lambda e: e.line)
    if len(ordered) > MAX_ERRORS:
        extra = len(ordered) - MAX_ERRORS
        ordered = [*ordered[:MAX_ERRORS], Issue(0, msg.MORE_ERRORS.format(count=extra))]
    return CheckResult(
        epsg=epsg,
        zone=zone,
        parts=parts,
        area_km2=area,
        plane_area_km2=plane,
        centroid=centroid,
        geojson=geojson,
        warnings=tuple(warnings),
        errors=tuple(ordered),
        boundary=boundary,
        licensed_area_match=match,
    )


def _km2(area_m2: float | None) -> float | None:
    if area_m2 is None or not math.isfinite(area_m2):
        return None
    return round(area_m2 / 1e6, AREA_DECIMALS)


def _check(
    data: bytes | str, zone: int | None, licensed_area_km2: float | None, datum: str | None
) -> CheckResult:
    if datum is not None:
        issue = datum_issue(datum)
        if issue is not None:
            return _result(None, None, (), errors=[issue], warnings=[])
    parsed = parse_boundary(data, zone)
    warnings = [w.message for w in parsed.warnings]
    boundary = parsed.boundary
    if boundary is None or parsed.errors:
        epsg: int | None = None
        zone_number: int | None = None
        if boundary is not None and boundary.kind == "plane" and boundary.zone is not None:
            z = zone_from_number(boundary.zone)
            if z is not None:
                epsg, zone_number = epsg_code(z, boundary.prefixed), z.number
        parts = tuple(
            PartResult(p.name, p.top_elevation, p.bottom_elevation, len(p.points), None)
            for p in (boundary.parts if boundary else ())
        )
        return _result(
            epsg, zone_number, parts, errors=list(parsed.errors), warnings=warnings, boundary=boundary
        )
    return _measure(boundary, licensed_area_km2, warnings)


def _measure(boundary: Boundary, licensed_area_km2: float | None, warnings: list[str]) -> CheckResult:
    geographic = boundary.kind == "geographic"
    parts = boundary.parts
    xs = [np.array([p.x for p in part.points], dtype=np.float64) for part in parts]
    ys = [np.array([p.y for p in part.points], dtype=np.float64) for part in parts]
    offsets = [0]
    for x in xs:
        offsets.append(offsets[-1] + len(x))
    spans = list(itertools.pairwise(offsets))
    if geographic:
        zone = _centroid_zone(ys, xs)
        north_all, east_all = lonlat_to_gk(zone, np.concatenate(ys), np.concatenate(xs))
        north = [north_all[a:b] for a, b in spans]
        east = [east_all[a:b] for a, b in spans]
        epsg = EPSG_CGCS2000_GEOGRAPHIC
    else:
        found = zone_from_number(boundary.zone or 0)
        assert found is not None  # the parser only returns error-free plane boundaries with a valid zone
        zone = found
        north = xs
        east = [y - zone.prefix_offset for y in ys] if boundary.prefixed else ys
        epsg = epsg_code(zone, boundary.prefixed)

    # Plane area and centroid of every part in one pass (shoelace on mean-shifted coordinates).
    shoelace = [ring_centroid(n, e) for n, e in zip(north, east, strict=True)]
    cn, ce = _weighted_centroid(shoelace)
    # One inverse projection serves the area strips, the vertices (range checks, GeoJSON) and the
    # centroid: the dense points contain every vertex, and the centroid is appended at the end.
    dense = densify_rings(list(zip(north, east, strict=True)))
    lon_d, lat_d = gk_to_lonlat(zone, np.append(dense.northing, cn), np.append(dense.easting, ce))
    centroid_lonlat = (float(lon_d[-1]), float(lat_d[-1]))
    lon_d, lat_d = lon_d[:-1], lat_d[:-1]
    if geographic:
        lon = ys
        lat = xs
    else:
        lon_v, lat_v = lon_d[dense.vertex_index], lat_d[dense.vertex_index]
        lon = [lon_v[a:b] for a, b in spans]
        lat = [lat_v[a:b] for a, b in spans]

    errors: list[Issue] = []
    measurable: list[bool] = []
    beyond = 0
    for index, part in enumerate(parts, start=1):
        part_errors = check_part_points(index, part, geographic)
        if not part_errors:
            i = index - 1
            part_errors = check_part_topology(index, part, north[i], east[i], shoelace[i][2])
        if not geographic:
            range_errors, part_beyond = check_zone_range(part, zone, lon[index - 1], lat[index - 1])
            part_errors += range_errors
            beyond += part_beyond
        errors += part_errors
        measurable.append(not part_errors)
    for index, part in enumerate(parts, start=1):
        top, bottom = part.top_elevation, part.bottom_elevation
        if top is not None and bottom is not None and top < bottom:
            warnings.append(msg.ELEVATION_ORDER.format(part=part_title(index, part), top=top, bottom=bottom))
    if beyond:
        west, east_edge = zone.lon_range()
        warnings.append(
            msg.BEYOND_NOMINAL_ZONE.format(count=beyond, zone=zone.number, west=west, east=east_edge)
        )

    strips = strip_sums_m2(lon_d, lat_d, dense, zone.central_meridian)
    ell_m2 = [float(strips[i]) if ok else None for i, ok in enumerate(measurable)]
    plane_m2 = [shoelace[i][2] if ok else None for i, ok in enumerate(measurable)]
    part_results = tuple(
        PartResult(
            p.name, p.top_elevation, p.bottom_elevation, len(p.points), _km2(ell_m2[i]), _km2(plane_m2[i])
        )
        for i, p in enumerate(parts)
    )
    total = total_plane = None
    if not errors:
        # Parts are sections / elevation slices of one licence: their areas add up (no union).
        total = _km2(sum(a for a in ell_m2 if a is not None))
        total_plane = _km2(sum(a for a in plane_m2 if a is not None))

    centroid = None
    if all(math.isfinite(c) for c in centroid_lonlat):
        centroid = (
            round(centroid_lonlat[0], COORDINATE_DECIMALS),
            round(centroid_lonlat[1], COORDINATE_DECIMALS),
        )
    geojson = None
    if all(len(p.points) >= 3 for p in parts) and all(bool(np.isfinite(lo).all()) for lo in lon):
        geojson = feature_collection(
            [(part, lon[i], lat[i], part_results[i].area_km2) for i, part in enumerate(parts)]
        )

    match: Literal["ellipsoidal", "plane"] | None = None
    if licensed_area_km2 is not None and total is not None and total_plane is not None:
        match, warning = compare_licensed_area(licensed_area_km2, total, total_plane)
        if warning is not None:
            warnings.append(warning)
    return _result(
        epsg,
        zone.number,
        part_results,
        errors=errors,
        warnings=warnings,
        boundary=boundary,
        area=total,
        plane=total_plane,
        centroid=centroid,
        geojson=geojson,
        match=match,
    )


def _centroid_zone(lons: list[FloatArray], lats: list[FloatArray]) -> Zone:
    """3° zone of a geographic boundary: the zone of its (area-weighted, lon/lat) centroid."""
    cx, _ = _weighted_centroid([ring_centroid(lo, la) for lo, la in zip(lons, lats, strict=True)])
    return zone_of_longitude(cx)


def _weighted_centroid(centroids: list[tuple[float, float, float]]) -> tuple[float, float]:
    weight = sum(c[2] for c in centroids)
    if weight > 0.0:
        return (
            sum(c[0] * c[2] for c in centroids) / weight,
            sum(c[1] * c[2] for c in centroids) / weight,
        )
    return sum(c[0] for c in centroids) / len(centroids), sum(c[1] for c in centroids) / len(centroids)
