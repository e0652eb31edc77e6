"""The EXIF GPS reader: table-driven cases and a property test (any location written is read back)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from greenmine.thirdparty.exif import gps_of


def jpeg(gps: dict[int, object] | None) -> bytes:
    image = Image.new("RGB", (16, 12), "green")
    out = io.BytesIO()
    if gps is None:
        image.save(out, format="JPEG")
    else:
        exif = Image.Exif()
        exif[0x8825] = gps
        image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.mark.parametrize(
    ("gps", "expected"),
    [
        ({1: "N", 2: (45.0, 45.0, 0.0), 3: "E", 4: (133.0, 0.0, 36.0)}, (45.75, 133.01)),  # Hulin
        ({1: "S", 2: (33.0, 52.0, 4.8), 3: "W", 4: (70.0, 30.0, 0.0)}, (-33.868, -70.5)),
        ({2: (10.0, 0.0, 0.0), 4: (20.0, 0.0, 0.0)}, (10.0, 20.0)),  # no refs: north and east
        ({1: "N", 2: (45.0, 0.0, 0.0)}, None),  # no longitude
        ({}, None),
        (None, None),
    ],
)
def test_gps_of(gps: dict[int, object] | None, expected: tuple[float, float] | None) -> None:
    assert gps_of(jpeg(gps)) == expected


def test_not_an_image() -> None:
    assert gps_of(b"%PDF-1.4 not an image") is None


@given(
    lat=st.tuples(st.integers(0, 89), st.integers(0, 59), st.integers(0, 59)),
    lon=st.tuples(st.integers(0, 179), st.integers(0, 59), st.integers(0, 59)),
    south=st.booleans(),
    west=st.booleans(),
)
def test_any_written_location_is_read_back(
    lat: tuple[int, int, int], lon: tuple[int, int, int], south: bool, west: bool
) -> None:
    gps = {
        1: "S" if south else "N",
        2: tuple(float(v) for v in lat),
        3: "W" if west else "E",
        4: tuple(float(v) for v in lon),
    }
    read = gps_of(jpeg(gps))
    assert read is not None
    expect_lat = (lat[0] + lat[1] / 60 + lat[2] / 3600) * (-1 if south else 1)
    expect_lon = (lon[0] + lon[1] / 60 + lon[2] / 3600) * (-1 if west else 1)
    assert read == pytest.approx((expect_lat, expect_lon), abs=1e-6)
