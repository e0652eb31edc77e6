"""Reading licence and announcement boundary texts into a :class:`~greenmine.spatial.model.Boundary`.

Formats (reference §7.3):

* ``点号,X,Y`` point lines, each part closed by a ``*,起标高,止标高,名称,标志`` line (closing point not
  repeated, point numbers restarting per part);
* tables of J-numbered points over several parts, where a label in the first column (一, 二, A, 1矿段 …)
  starts a new part and an empty first column continues it; point labels may continue across parts;
* plain ``点号,X,Y`` lists; a point number restarting at 1 (``1``, ``J1``) or a line holding only a part
  label (``A区``, ``二矿段``) starts a new part;
* separators: comma, Chinese comma, semicolon, tab, ``|`` or spaces; header, title and narrative lines
  (without two numbers) are skipped but still counted in line numbers.

Interpretation rules: X is the northing and Y the easting; Y's two leading digits are the zone when Y has
8 digits; columns swapped on every line are fixed with a warning, swapped on some lines only is an error;
all points must share the first point's zone prefix (or lack of one); geographic coordinates are told
apart from plane ones by size, and longitude from latitude by China's ranges (lon 73.5–136°, lat 3–54°).
A text naming Xi'an 1980 or Beijing 1954 is refused outright.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from . import messages as msg
from .crs import zone_from_number
from .model import Boundary, Issue, ParseResult, Part, Point
from .text import (
    Angle,
    decode,
    find_refused_datum,
    normalise_line,
    parse_angle,
    parse_elevation,
    parse_number,
    split_fields,
    split_lines,
)

__all__ = ["MAX_POINTS", "parse_boundary"]

#: More points than this in one text is refused (a licence has tens to a few thousand).
MAX_POINTS = 100_000

# China's extent (3°51′–53°33′N, 73°33′–135°05′E) with a small margin: the ranges tell longitude from
# latitude (they do not overlap) and bound every accepted point.
LON_RANGE = (73.5, 136.0)
LAT_RANGE = (3.0, 54.0)
# Plane-coordinate magnitudes: 8-digit Y with a zone prefix 13–45; a bare easting lies within about
# 500 km ± 400 km of false easting (a 6° zone is < 700 km wide in China); a northing has < 8 digits.
_PREFIXED_EASTING = (13_000_000.0, 46_000_000.0)
_BARE_EASTING = (100_000.0, 900_000.0)
_NORTHING_MIN = 1_000_000.0
_NORTHING_MAX = 10_000_000.0
# Two points closer than this are the same point (plane metres / degrees ≈ 1 mm).
SAME_POINT_M = 0.001
SAME_POINT_DEG = 1e-8

_PART_LABEL = re.compile(
    r"(?:第)?(?:[0-9]{1,3}(?:号)?(?:矿段|采区|区块|矿体|井田|矿区|区|段|块)"
    r"|[一二三四五六七八九十]{1,3}(?:号)?(?:矿段|采区|区块|矿体|井田|矿区|区|段|块)?"
    r"|[A-Za-z]{1,2}[0-9]{0,2}(?:号)?(?:矿段|采区|区块|矿体|井田|矿区|区|段|块)?)[:：]?"
)
_NOT_PART_LABELS = frozenset({"X", "Y", "XY", "N", "E", "B", "L", "NO"})
_RESTART_LABEL = re.compile(r"[A-Za-z]*0*1")


@dataclass(slots=True)
class _RawPoint:
    label: str | None
    a: Angle | float
    b: Angle | float
    line: int


@dataclass(slots=True)
class _RawPart:
    points: list[_RawPoint] = field(default_factory=list)
    name: str | None = None
    top: float | None = None
    bottom: float | None = None
    flag: str | None = None
    closed: bool = False
    end_line: int = 0


def _coordinate(text: str) -> Angle | float | None:
    """A coordinate field: a plain number (float) or a DMS / marked angle (Angle)."""
    number = parse_number(text)
    if number is not None:
        return number
    angle = parse_angle(text)
    if angle is not None and (angle.dms or angle.kind is not None):
        return angle
    return None


def _is_part_label(text: str) -> bool:
    return text.upper() not in _NOT_PART_LABELS and _PART_LABEL.fullmatch(text) is not None


class _Reader:
    """Line-by-line state machine grouping points into parts."""

    def __init__(self, restart_starts_part: bool) -> None:
        self.restart_starts_part = restart_starts_part
        self.parts: list[_RawPart] = []
        self.current = _RawPart()
        self.errors: list[Issue] = []
        self.star_seen = False
        self.count = 0

    def close(self, line: int, closed: bool) -> None:
        if self.current.points:
            self.current.closed = closed
            self.current.end_line = line if closed else self.current.points[-1].line
            self.parts.append(self.current)
        self.current = _RawPart()

    def start_part(self, name: str) -> None:
        if self.current.points or self.current.name != name:
            self.close(0, closed=False)
            self.current.name = name

    def terminator(self, fields: list[str], line: int) -> None:
        self.star_seen = True
        if not self.current.points:
            self.errors.append(Issue(line, msg.EMPTY_PART))
            self.current = _RawPart()
            return
        values: list[float | None] = []
        for index, which in ((1, msg.TOP), (2, msg.BOTTOM)):
            text = fields[index] if len(fields) > index else ""
            value = parse_elevation(text) if text else None
            if text and value is None:
                self.errors.append(Issue(line, msg.BAD_ELEVATION.format(which=which, value=text)))
            values.append(value)
        self.current.top, self.current.bottom = values
        if len(fields) > 3 and fields[3]:
            self.current.name = fields[3]
        self.current.flag = fields[4] if len(fields) > 4 and fields[4] else None
        self.close(line, closed=True)

    def feed(self, fields: list[str], line: int) -> None:
        if not fields:
            return
        if fields[0] == "*":
            self.terminator(fields, line)
            return
        a = _coordinate(fields[-2]) if len(fields) >= 2 else None
        b = _coordinate(fields[-1]) if len(fields) >= 2 else None
        if a is not None and b is not None:
            if len(fields) > 4:
                self.errors.append(Issue(line, msg.TOO_MANY_FIELDS))
                return
            part_label = fields[0] if len(fields) == 4 and fields[0] else None
            label = fields[-3] if len(fields) >= 3 and fields[-3] else None
            if part_label is not None:
                if part_label != self.current.name or not self.current.points:
                    self.start_part(part_label)
            elif (
                self.restart_starts_part
                and label is not None
                and self.current.points
                and _RESTART_LABEL.fullmatch(label)
            ):
                self.close(0, closed=False)
            self.count += 1
            if self.count <= MAX_POINTS:
                self.current.points.append(_RawPoint(label, a, b, line))
            return
        values = [v for v in (_coordinate(f) for f in fields) if v is not None]
        # A line is skipped as a header or narrative only if it cannot be a damaged point line: a lone
        # coordinate-sized number (≥ 10 000) or angle next to a typo must not vanish silently.
        if len(values) >= 2 or any(isinstance(v, Angle) or abs(v) >= 10_000 for v in values):
            self.errors.append(Issue(line, msg.UNRECOGNISED_LINE))
        elif len(fields) == 1 and _is_part_label(fields[0]):
            self.start_part(fields[0].rstrip(":："))


def _plane_order(a: float, b: float) -> tuple[float, float, bool] | None:
    """(northing, easting, swapped) for a pair of plane values, or ``None`` if not plane coordinates.

    A value of 8 digits whose two leading digits are a zone number (13–45) can only be a prefixed
    easting; without prefixes the 6-digit value (100 000–900 000) is the easting and the 7-digit one the
    northing.  Bare coordinates south of about 9°N (northing < 1 000 000) are therefore not accepted
    without a zone prefix: there the two columns cannot be told apart.
    """
    if a <= 0.0 or b <= 0.0:
        return None
    lo, hi = _PREFIXED_EASTING
    a_prefixed, b_prefixed = lo <= a < hi, lo <= b < hi
    if b_prefixed and a < _NORTHING_MAX:
        return a, b, False
    if a_prefixed and b < _NORTHING_MAX:
        return b, a, True
    if _is_bare_easting(b) and _NORTHING_MIN <= a < _NORTHING_MAX:
        return a, b, False
    if _is_bare_easting(a) and _NORTHING_MIN <= b < _NORTHING_MAX:
        return b, a, True
    return None


def _is_bare_easting(value: float) -> bool:
    return _BARE_EASTING[0] <= value <= _BARE_EASTING[1]


def _in_range(v: float, r: tuple[float, float]) -> bool:
    return r[0] <= v <= r[1]


def _lon_lat(a: Angle, b: Angle) -> tuple[float, float] | None:
    """(lon, lat) from two angles, using E/N marks where given, else China's non-overlapping ranges."""
    if a.kind is not None or b.kind is not None:
        kind_a = a.kind or ("lat" if b.kind == "lon" else "lon")
        kind_b = b.kind or ("lat" if kind_a == "lon" else "lon")
        if kind_a == kind_b:
            return None
        lon, lat = (a.degrees, b.degrees) if kind_a == "lon" else (b.degrees, a.degrees)
        # A marked angle still has to be a longitude and latitude in China: "130, E133°" makes 130 a
        # latitude, which is no coordinate at all (and must not reach the projection).
        return (lon, lat) if _in_range(lon, LON_RANGE) and _in_range(lat, LAT_RANGE) else None

    if _in_range(a.degrees, LON_RANGE) and _in_range(b.degrees, LAT_RANGE):
        return a.degrees, b.degrees
    if _in_range(b.degrees, LON_RANGE) and _in_range(a.degrees, LAT_RANGE):
        return b.degrees, a.degrees
    return None


def _as_angle(value: Angle | float) -> Angle | None:
    if isinstance(value, Angle):
        return value
    return Angle(value, None, False) if abs(value) < 180.0 else None


def _fmt(value: Angle | float) -> str:
    return f"{value.degrees:g}" if isinstance(value, Angle) else f"{value:.2f}"


def _same(p: Point, q: Point, tolerance: float) -> bool:
    return abs(p.x - q.x) <= tolerance and abs(p.y - q.y) <= tolerance


def _build_part(raw: _RawPart, coords: list[tuple[float, float, int, str | None]], geo: bool) -> Part:
    points = [Point(label or str(i + 1), x, y, line) for i, (x, y, line, label) in enumerate(coords)]
    tolerance = SAME_POINT_DEG if geo else SAME_POINT_M
    # The closing point may be repeated; it is dropped so every ring is stored open.
    while len(points) > 1 and _same(points[0], points[-1], tolerance):
        points.pop()
    first_line = coords[0][2] if coords else 0
    return Part(
        tuple(points),
        name=raw.name,
        top_elevation=raw.top,
        bottom_elevation=raw.bottom,
        flag=raw.flag,
        closed=raw.closed,
        line=first_line,
        end_line=raw.end_line,
    )


def parse_boundary(data: bytes | str, zone: int | None = None) -> ParseResult:
    """Read a boundary text (bytes in UTF-8/GB18030, or str) into a boundary plus errors and warnings.

    ``zone`` is the Gauss–Krüger zone number (13–23: 6°, 24–45: 3°) that must be given when Y carries
    no zone prefix.  Never raises for any input: every problem becomes an :class:`Issue` with the
    1-based line number (0 for the whole file / an option).
    """
    text, problem = decode(data)
    if text is None:
        return ParseResult(None, (Issue(0, problem or msg.ENCODING),))
    lines = [normalise_line(raw) for raw in split_lines(text)]
    # One search over the whole text; the line loop only runs to find the line of a hit.
    if find_refused_datum("\n".join(lines)) is not None:
        for number, line in enumerate(lines, start=1):
            datum = find_refused_datum(line)
            if datum is not None:
                return ParseResult(None, (Issue(number, msg.DATUM_REFUSED.format(name=datum)),))
    fields = [split_fields(line) for line in lines]
    # Point numbers restarting at 1 start a new part only in files without '*' terminators: there
    # the '*' lines delimit the parts, and a missing '*' must surface as an error, not be papered over.
    has_terminators = any(f[:1] == ["*"] for f in fields)
    reader = _Reader(restart_starts_part=not has_terminators)
    for number, line_fields in enumerate(fields, start=1):
        reader.feed(line_fields, number)
    reader.close(len(lines), closed=False)
    errors = reader.errors
    warnings: list[Issue] = []
    if reader.count > MAX_POINTS:
        errors.append(Issue(0, msg.TOO_MANY_POINTS.format(limit=MAX_POINTS)))
    raw_points = [p for part in reader.parts for p in part.points]
    if not raw_points:
        if not errors:
            errors.append(Issue(0, msg.NO_POINTS))
        return ParseResult(None, tuple(errors))
    if zone is not None and zone_from_number(zone) is None:
        errors.append(Issue(0, msg.BAD_ZONE_OPTION.format(zone=zone)))
        zone = None

    first = raw_points[0]
    geo = _as_angle(first.a) is not None and _as_angle(first.b) is not None
    converted: dict[int, tuple[float, float]] = {}
    swapped_lines: list[int] = []
    for p in raw_points:
        angle_a, angle_b = _as_angle(p.a), _as_angle(p.b)
        is_geo = angle_a is not None and angle_b is not None
        if is_geo != geo:
            errors.append(Issue(p.line, msg.MIXED_KIND.format(first=first.line)))
            continue
        if angle_a is not None and angle_b is not None:
            if math.isnan(angle_a.degrees) or math.isnan(angle_b.degrees):
                bad = p.a if math.isnan(angle_a.degrees) else p.b
                errors.append(Issue(p.line, msg.BAD_ANGLE.format(value=_fmt(bad))))
                continue
            lonlat = _lon_lat(angle_a, angle_b)
            if lonlat is None:
                errors.append(Issue(p.line, msg.LONLAT_AMBIGUOUS.format(a=_fmt(p.a), b=_fmt(p.b))))
                continue
            converted[id(p)] = (lonlat[1], lonlat[0])
            continue
        a = p.a.degrees if isinstance(p.a, Angle) else p.a
        b = p.b.degrees if isinstance(p.b, Angle) else p.b
        order = _plane_order(a, b)
        if order is None:
            errors.append(Issue(p.line, msg.NOT_PLANE.format(x=_fmt(a), y=_fmt(b))))
            continue
        north, east, swapped = order
        if swapped:
            swapped_lines.append(p.line)
        converted[id(p)] = (north, east)

    resolved_zone: int | None = None
    prefixed = False
    if not geo and converted:
        if swapped_lines and len(swapped_lines) == len(converted):
            warnings.append(Issue(0, msg.SWAPPED_FIXED))
        elif swapped_lines:
            errors.extend(Issue(line, msg.SWAPPED_MIXED) for line in swapped_lines)
        resolved_zone, prefixed = _resolve_zone(raw_points, converted, zone, errors)
    elif geo and zone is not None:
        warnings.append(Issue(0, msg.ZONE_IGNORED.format(zone=zone)))

    parts: list[Part] = []
    for raw_part in reader.parts:
        coords = [(*converted[id(p)], p.line, p.label) for p in raw_part.points if id(p) in converted]
        if coords:
            parts.append(_build_part(raw_part, coords, geo))
    if reader.star_seen:
        for index, part in enumerate(parts, start=1):
            if not part.closed:
                errors.append(Issue(part.end_line, msg.NOT_CLOSED.format(part=part_title(index, part))))
    boundary = Boundary("geographic" if geo else "plane", tuple(parts), resolved_zone, prefixed)
    return ParseResult(boundary, tuple(errors), tuple(warnings))


def _resolve_zone(
    raw_points: list[_RawPoint],
    converted: dict[int, tuple[float, float]],
    zone: int | None,
    errors: list[Issue],
) -> tuple[int | None, bool]:
    """Zone from Y's prefix (all points must agree with the first) or from the ``zone`` option.

    Returns (zone number or None, whether Y carries the prefix).
    """
    located = [p for p in raw_points if id(p) in converted]
    first = located[0]
    first_prefix = _prefix(converted[id(first)][1])
    for p in located[1:]:
        prefix = _prefix(converted[id(p)][1])
        if prefix == first_prefix:
            continue
        if prefix is not None and first_prefix is not None:
            text = msg.MIXED_PREFIX.format(this=prefix, first=first.line, first_zone=first_prefix)
        else:
            text = msg.MIXED_PREFIX_PRESENCE.format(
                this=msg.HAS if prefix is not None else msg.HAS_NO,
                first=first.line,
                first_has=msg.HAS if first_prefix is not None else msg.HAS_NO,
            )
        errors.append(Issue(p.line, text))
    if first_prefix is not None:
        if zone_from_number(first_prefix) is None:
            errors.append(Issue(first.line, msg.BAD_PREFIX.format(prefix=first_prefix)))
            return None, True
        if zone is not None and zone != first_prefix:
            errors.append(Issue(first.line, msg.ZONE_CONFLICT.format(given=zone, prefix=first_prefix)))
        return first_prefix, True
    if zone is None:
        errors.append(Issue(first.line, msg.ZONE_REQUIRED))
        return None, False
    return zone, False


def _prefix(easting: float) -> int | None:
    """Zone number carried by an 8-digit easting, ``None`` for a bare 6-digit easting."""
    return int(easting // 1_000_000) if easting >= _PREFIXED_EASTING[0] else None


def part_title(index: int, part: Part) -> str:
    """How a part is named in messages: 第N个分区 or 第N个分区（名称）."""
    if part.name:
        return msg.PART_NAMED.format(index=index, name=part.name)
    return msg.PART.format(index=index)
