"""Property tests: no text crashes the check; written boundaries read back identically."""

from __future__ import annotations

import json

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from greenmine.spatial import Boundary, Part, Point, parse_boundary, write_licence_text
from greenmine.spatial.check import _check  # unguarded: a crash must fail the test, not be caught
from greenmine.spatial.text import find_refused_datum

JSON_KEYS = {"valid", "epsg", "zone", "parts", "area_km2", "plane_area_km2", "centroid", "geojson"}


def _assert_well_formed(data: bytes | str, zone: int | None) -> None:
    result = _check(data, zone, 1.0, None)
    payload = result.to_json_dict()
    assert JSON_KEYS | {"warnings", "errors"} == set(payload)
    assert payload["valid"] == (not payload["errors"])
    json.dumps(payload, ensure_ascii=False, allow_nan=False)
    for error in payload["errors"]:
        assert isinstance(error["line"], int) and error["line"] >= 0 and error["message"]


@settings(max_examples=300, database=None, deadline=None)
@given(st.text(), st.one_of(st.none(), st.integers(-5, 60)))
def test_any_text_gives_a_result(text: str, zone: int | None) -> None:
    _assert_well_formed(text, zone)


@settings(max_examples=300, database=None, deadline=None)
@given(st.binary())
def test_any_bytes_give_a_result(data: bytes) -> None:
    _assert_well_formed(data, None)


# Lines built from the tokens real files contain: they reach far deeper than random characters.
_numbers = st.one_of(
    st.floats(5_000_000, 5_200_000).map(lambda v: f"{v:.2f}"),
    st.floats(44_400_000, 45_600_000).map(lambda v: f"{v:.2f}"),
    st.floats(300_000, 700_000).map(lambda v: f"{v:.2f}"),
    st.floats(130, 136).map(lambda v: f"{v:.6f}"),
    st.floats(44, 48).map(lambda v: f"{v:.6f}"),
    st.integers(0, 400).map(str),
    st.sampled_from(["133°28′44″", "45-30-00.5", "E133°", "N45°61′", "0", "-1", "1e5", "nan", "+77.00m"]),
)
_tokens = st.one_of(_numbers, st.sampled_from(["*", "", " ", "J1", "一", "A区", "拐点", "X", "Y", "1"]))
_separators = st.sampled_from([",", "，", "\t", " ", " | ", ";"])
_lines = st.builds(lambda toks, sep: sep.join(toks), st.lists(_tokens, max_size=6), _separators)


@settings(max_examples=300, database=None, deadline=None)
@given(
    st.lists(_lines, max_size=30), st.sampled_from(["\n", "\r\n", "\r"]), st.one_of(st.none(), st.just(44))
)
def test_structured_garbage_gives_a_result(lines: list[str], newline: str, zone: int | None) -> None:
    text = newline.join(lines)
    _assert_well_formed(text, zone)
    _assert_well_formed(text.encode("gb18030"), zone)


_names = st.one_of(
    st.none(), st.text(st.sampled_from("一二三采区矿段ABC 12金藏远东-_"), min_size=1, max_size=8)
)
_labels = st.text(st.sampled_from("J0123456789abK-"), min_size=1, max_size=5)
_elevations = st.one_of(st.none(), st.floats(-2000, 5000, allow_nan=False).map(lambda v: round(v, 3)))


@st.composite
def _boundaries(draw: st.DrawFn) -> tuple[Boundary, int | None]:
    kind = draw(st.sampled_from(["prefixed", "bare", "geographic"]))
    zone = draw(st.sampled_from([44, 45]))
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        n = draw(st.integers(1, 8))
        points = []
        for i in range(n):
            if kind == "geographic":
                x = draw(st.floats(44.0, 48.0, allow_nan=False))
                y = draw(st.floats(130.5, 136.0, allow_nan=False))
            else:
                x = draw(st.floats(5_000_000, 5_200_000, allow_nan=False))
                y = draw(st.floats(300_000, 700_000, allow_nan=False))
                y = round(y, draw(st.integers(0, 6)))
                y += zone * 1_000_000 if kind == "prefixed" else 0
            points.append(Point(draw(_labels) if draw(st.booleans()) else str(i + 1), x, y))
        # The closing point is never stored repeated (the parser drops it).
        assume(
            len(points) < 2
            or (abs(points[0].x - points[-1].x) > 1e-3 or abs(points[0].y - points[-1].y) > 1e-3)
        )
        name = draw(_names)
        name = name.strip() or None if name is not None else None
        assume(name is None or find_refused_datum(name) is None)
        parts.append(
            Part(
                tuple(points),
                name=name,
                top_elevation=draw(_elevations),
                bottom_elevation=draw(_elevations),
                flag=draw(st.sampled_from([None, "1", "2"])),
            )
        )
    if kind == "geographic":
        return Boundary("geographic", tuple(parts)), None
    return Boundary("plane", tuple(parts), zone, kind == "prefixed"), (None if kind == "prefixed" else zone)


@settings(max_examples=300, database=None, deadline=None)
@given(_boundaries(), st.sampled_from(["utf-8", "gb18030"]))
def test_write_then_read_gives_the_same_boundary(case: tuple[Boundary, int | None], encoding: str) -> None:
    boundary, zone = case
    text = write_licence_text(boundary)
    parsed = parse_boundary(text.encode(encoding), zone=zone)
    assert parsed.errors == ()
    assert parsed.boundary == boundary


def test_a_marked_longitude_beside_an_impossible_latitude_is_an_error_not_a_crash() -> None:
    """Found by the property test above: "130, E133°" makes 130 a latitude, which must not be projected."""
    result = _check("130.000000,E133°\n", None, None, None)
    assert not result.valid
    assert [e.line for e in result.errors] == [1]
