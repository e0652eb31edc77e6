"""Immutable data model of boundaries and check results.

Coordinates follow the Chinese surveying convention: ``x`` is the northing (X) and ``y`` the easting
(Y, with or without zone prefix, exactly as read); for geographic boundaries ``x`` is the latitude and
``y`` the longitude in decimal degrees.  Line numbers are 1-based lines of the decoded file, header
lines included; ``0`` means "the whole file / an option".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Boundary",
    "CheckResult",
    "Issue",
    "ParseResult",
    "Part",
    "PartResult",
    "Point",
]

Kind = Literal["plane", "geographic"]


@dataclass(frozen=True, slots=True)
class Issue:
    """An error or warning tied to a file line (0 = file level)."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Point:
    """One boundary point. ``line`` is where it was read and does not take part in equality."""

    label: str
    x: float
    y: float
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Part:
    """One ring of a licence (a section, a mining block or an elevation slice).

    ``closed`` is true when a ``*`` terminator line closed it; ``line`` is its first point's line and
    ``end_line`` the terminator's (or last point's) line.  These three are reading metadata and do not
    take part in equality (a boundary written out and read back compares equal).
    """

    points: tuple[Point, ...]
    name: str | None = None
    top_elevation: float | None = None
    bottom_elevation: float | None = None
    flag: str | None = None
    closed: bool = field(default=False, compare=False)
    line: int = field(default=0, compare=False)
    end_line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Boundary:
    """A licence boundary: one or more parts, all in one coordinate kind and zone.

    ``zone`` is the Gauss–Krüger zone number for plane coordinates (``None`` for geographic ones);
    ``prefixed`` says whether the Y values carry the zone prefix.
    """

    kind: Kind
    parts: tuple[Part, ...]
    zone: int | None = None
    prefixed: bool = False


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Outcome of reading a boundary text: the boundary (if any point was read) and the issues."""

    boundary: Boundary | None
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        """True when a boundary was read without errors."""
        return self.boundary is not None and not self.errors


@dataclass(frozen=True, slots=True)
class PartResult:
    """Per-part figures of a check (areas in km², rounded to 4 decimals; ``None`` when not computed)."""

    name: str | None
    top_elevation: float | None
    bottom_elevation: float | None
    points: int
    area_km2: float | None
    plane_area_km2: float | None = None


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Full outcome of :func:`greenmine.spatial.check_boundary`.

    ``licensed_area_match`` ('ellipsoidal' / 'plane' / None) says which computed area a stated
    licensed area matches; it is not part of the CLI JSON (whose shape is fixed).
    """

    epsg: int | None
    zone: int | None
    parts: tuple[PartResult, ...]
    area_km2: float | None
    plane_area_km2: float | None
    centroid: tuple[float, float] | None
    geojson: dict[str, Any] | None
    warnings: tuple[str, ...]
    errors: tuple[Issue, ...]
    boundary: Boundary | None = None
    licensed_area_match: Literal["ellipsoidal", "plane"] | None = None

    @property
    def valid(self) -> bool:
        """True exactly when there are no errors."""
        return not self.errors

    def to_json_dict(self) -> dict[str, Any]:
        """The CLI / API JSON object; every key is always present, numbers are null when unknown."""
        return {
            "valid": self.valid,
            "epsg": self.epsg,
            "zone": self.zone,
            "parts": [
                {
                    "name": p.name,
                    "top_elevation": p.top_elevation,
                    "bottom_elevation": p.bottom_elevation,
                    "points": p.points,
                    "area_km2": p.area_km2,
                }
                for p in self.parts
            ],
            "area_km2": self.area_km2,
            "plane_area_km2": self.plane_area_km2,
            "centroid": list(self.centroid) if self.centroid is not None else None,
            "geojson": self.geojson,
            "warnings": list(self.warnings),
            "errors": [{"line": e.line, "message": e.message} for e in self.errors],
        }
