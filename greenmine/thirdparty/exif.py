"""The location a photo was taken at, from its EXIF GPS tags (Pillow). Framework-free and typed."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image, UnidentifiedImageError

GPS_IFD = 0x8825
LAT_REF, LAT, LON_REF, LON = 1, 2, 3, 4


def _degrees(value: Any) -> float:
    """EXIF degrees/minutes/seconds (three rationals) as decimal degrees."""
    d, m, s = (float(part) for part in value)
    return d + m / 60 + s / 3600


def gps_of(data: bytes) -> tuple[float, float] | None:
    """(latitude, longitude) in decimal degrees, south and west negative; None without usable GPS tags."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            gps = image.getexif().get_ifd(GPS_IFD)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    if not gps or LAT not in gps or LON not in gps:
        return None
    try:
        lat = _degrees(gps[LAT])
        lon = _degrees(gps[LON])
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if str(gps.get(LAT_REF, "N")).upper().startswith("S"):
        lat = -lat
    if str(gps.get(LON_REF, "E")).upper().startswith("W"):
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return round(lat, 6), round(lon, 6)
