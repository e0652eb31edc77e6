"""Writing a boundary back out in the licence text format (reference §7.3(a)).

Output: a header line ``拐点,X(起标高),Y(止标高)``, then per part its ``点号,X,Y`` lines (closing point
not repeated) and the terminator ``*,起标高,止标高,名称,标志``.  Plane coordinates are written as read
(with the zone prefix if the boundary had one); geographic boundaries as latitude, longitude.

By default numbers are written with the fewest digits that read back to the identical value, so
``parse_boundary(write_licence_text(b), zone=b.zone)`` returns a boundary equal to ``b``.  Pass
``decimals=2`` for the national 2-decimal presentation of plane coordinates (2022 MNR notice), or
``dms=True`` to write geographic coordinates as D°M′S.sss″ (seconds to 3 decimals); both round.
"""

from __future__ import annotations

import numpy as np

from .model import Boundary

__all__ = ["HEADER", "format_dms", "format_number", "write_licence_text"]

HEADER = "拐点,X(起标高),Y(止标高)"


def format_number(value: float, decimals: int | None = None) -> str:
    """Positional decimal text: shortest round-trip digits, or exactly ``decimals`` places."""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    return str(np.format_float_positional(value, trim="-"))


def format_dms(degrees: float, second_decimals: int = 3) -> str:
    """D°M′S″ text with seconds to ``second_decimals`` places (carrying 60″ into minutes and degrees)."""
    scale = 10**second_decimals
    total = round(abs(degrees) * 3600 * scale)
    d, rest = divmod(total, 3600 * scale)
    m, s = divmod(rest, 60 * scale)
    sign = "-" if degrees < 0 else ""
    return (
        f"{sign}{d}°{m:02d}′{s / scale:0{3 + second_decimals if second_decimals else 2}.{second_decimals}f}″"
    )


def write_licence_text(
    boundary: Boundary,
    *,
    decimals: int | None = None,
    dms: bool = False,
    header: bool = True,
    newline: str = "\n",
) -> str:
    """The boundary as licence text: ``点号,X,Y`` lines, each part closed by ``*,起标高,止标高,名称,标志``.

    Missing elevations, names or flags are written as empty fields.  Encode the result as UTF-8 or,
    for older desktop tools, GB18030.
    """
    out: list[str] = [HEADER] if header else []
    geographic = boundary.kind == "geographic"
    for part in boundary.parts:
        for point in part.points:
            if geographic and dms:
                x, y = format_dms(point.x), format_dms(point.y)
            else:
                x, y = format_number(point.x, decimals), format_number(point.y, decimals)
            out.append(f"{point.label},{x},{y}")
        top = "" if part.top_elevation is None else format_number(part.top_elevation)
        bottom = "" if part.bottom_elevation is None else format_number(part.bottom_elevation)
        out.append(f"*,{top},{bottom},{part.name or ''},{part.flag or ''}")
    return newline.join(out) + newline
