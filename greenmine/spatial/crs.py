"""Gauss–Krüger zones, EPSG codes and CGCS2000 coordinate conversion.

Rules implemented (reference §7.2):

* the two leading digits of an 8-digit Y (easting) are the zone number; 13–23 are 6° zones,
  24–45 are 3° zones (the ranges cannot collide).  China (73°33′–135°05′E) lies in 6° zones 13–23 and
  3° zones 25–45, and EPSG defines CGCS2000 Gauss–Krüger CRSs for exactly those; 3° zone 24 (CM 72°E)
  is west of China and has no code (4488+24 = 4512 is the 6° CM 135°E CRS), so it is refused;
* EPSG codes: 3° zone n with prefix 4488+n, without prefix 4509+n; 6° zone n with prefix 4478+n,
  without prefix 4489+n; geographic CGCS2000 is 4490;
* 3° zone of a longitude λ: n = floor((λ + 1.5) / 3), central meridian 3n; 6° zone: n = floor(λ / 6) + 1,
  central meridian 6n − 3.

All conversions use pyproj with ``always_xy=True`` so that arrays are always passed as
(easting, northing) / (longitude, latitude) and never depend on the EPSG axis order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from pyproj import CRS, Transformer

__all__ = [
    "CGCS2000_A",
    "CGCS2000_F",
    "EPSG_CGCS2000_GEOGRAPHIC",
    "Zone",
    "epsg_code",
    "gk_to_lonlat",
    "lonlat_to_gk",
    "zone_from_number",
    "zone_of_longitude",
]

FloatArray = npt.NDArray[np.float64]

#: CGCS2000 ellipsoid (reference §7.1a).
CGCS2000_A = 6378137.0
CGCS2000_F = 1.0 / 298.257222101
EPSG_CGCS2000_GEOGRAPHIC = 4490

#: Zone numbers accepted for each zone width: those with CGCS2000 EPSG codes (see the module docstring).
SIX_DEGREE_ZONES = range(13, 24)
THREE_DEGREE_ZONES = range(25, 46)

FALSE_EASTING = 500_000.0


@dataclass(frozen=True, slots=True)
class Zone:
    """A CGCS2000 Gauss–Krüger zone: its number, width in degrees (3 or 6) and central meridian."""

    number: int
    width: int
    central_meridian: float

    @property
    def prefix_offset(self) -> float:
        """The amount a zone-prefixed easting carries on top of the 500 km false easting."""
        return self.number * 1_000_000.0

    def lon_range(self, tolerance_deg: float = 0.0) -> tuple[float, float]:
        """Nominal longitude range of the zone, widened by ``tolerance_deg`` on each side."""
        half = self.width / 2.0 + tolerance_deg
        return self.central_meridian - half, self.central_meridian + half


def zone_from_number(number: int) -> Zone | None:
    """Zone for a zone number read from Y's prefix or given by the user; ``None`` if unsupported.

    13–23 are 6° zones and 25–45 are 3° zones, whether the number comes from the coordinates or
    from the ``zone`` option (24 would be a 3° zone but lies outside China and has no EPSG code).
    """
    if number in SIX_DEGREE_ZONES:
        return Zone(number, 6, 6.0 * number - 3.0)
    if number in THREE_DEGREE_ZONES:
        return Zone(number, 3, 3.0 * number)
    return None


def zone_of_longitude(lon_deg: float) -> Zone:
    """The 3° zone containing a longitude (n = floor((λ + 1.5) / 3)).

    Used for geographic input, whose zone is the 3° zone of the boundary's centroid.
    A longitude exactly on a zone edge (e.g. 133.5°E) goes to the eastern zone.
    """
    number = math.floor((lon_deg + 1.5) / 3.0)
    return Zone(number, 3, 3.0 * number)


def epsg_code(zone: Zone, prefixed: bool) -> int:
    """EPSG code of the CGCS2000 Gauss–Krüger CRS for ``zone``.

    3°: 4488+n with the zone prefix in Y, 4509+n without (Hulin: 4532/4533, 4553/4554);
    6°: 4478+n with prefix, 4489+n without.  Only meaningful for zones from :func:`zone_from_number`.
    """
    if zone.width == 3:
        return 4488 + zone.number if prefixed else 4509 + zone.number
    return 4478 + zone.number if prefixed else 4489 + zone.number


@lru_cache(maxsize=64)
def _transformers(zone_number: int, width: int) -> tuple[Transformer, Transformer]:
    """(GK→lon/lat, lon/lat→GK) transformers for the *unprefixed* CRS of a zone, cached.

    The unprefixed CRS is used for every zone so the prefix is handled in one place
    (subtracting n·10⁶ from Y) and the transformers are shared between both kinds of input.
    The cache is safe to share between threads: pyproj ≥ 3.1 Transformers are thread-safe.
    """
    zone = zone_from_number(zone_number) if width in (3, 6) else None
    if zone is None or zone.width != width:
        # Zones without an EPSG code only arise from longitudes outside China (library callers of
        # zone_of_longitude); build the equivalent CGCS2000 transverse Mercator so they still get numbers.
        cm = 3.0 * zone_number if width == 3 else 6.0 * zone_number - 3.0
        gk = CRS.from_proj4(
            f"+proj=tmerc +lat_0=0 +lon_0={cm} +k=1 +x_0={FALSE_EASTING} +y_0=0 "
            f"+a={CGCS2000_A} +rf={1.0 / CGCS2000_F} +units=m +no_defs"
        )
    else:
        gk = CRS.from_epsg(epsg_code(zone, prefixed=False))
    geo = CRS.from_epsg(EPSG_CGCS2000_GEOGRAPHIC)
    return (
        Transformer.from_crs(gk, geo, always_xy=True),
        Transformer.from_crs(geo, gk, always_xy=True),
    )


def gk_to_lonlat(zone: Zone, northing: FloatArray, easting: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Inverse Gauss projection of unprefixed (northing X, easting Y) arrays to (lon, lat) degrees."""
    inverse, _ = _transformers(zone.number, zone.width)
    lon, lat = inverse.transform(easting, northing)
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def lonlat_to_gk(zone: Zone, lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Gauss projection of (lon, lat) degrees to unprefixed (northing X, easting Y) arrays."""
    _, forward = _transformers(zone.number, zone.width)
    easting, northing = forward.transform(lon, lat)
    return np.asarray(northing, dtype=np.float64), np.asarray(easting, dtype=np.float64)
