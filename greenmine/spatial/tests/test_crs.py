"""Zones, EPSG arithmetic and conversions against the worked examples of reference §7.2 / §7.3."""

from __future__ import annotations

import numpy as np
import pytest

from greenmine.spatial.crs import epsg_code, gk_to_lonlat, lonlat_to_gk, zone_from_number, zone_of_longitude


@pytest.mark.parametrize(
    ("number", "width", "cm", "prefixed", "bare"),
    [
        (13, 6, 75.0, 4491, 4502),
        (23, 6, 135.0, 4501, 4512),
        (25, 3, 75.0, 4513, 4534),
        (34, 3, 102.0, 4522, 4543),  # 4543 is CM 102°E: wrong for Hulin (reference §7.2)
        (41, 3, 123.0, 4529, 4550),
        (44, 3, 132.0, 4532, 4553),
        (45, 3, 135.0, 4533, 4554),
    ],
)
def test_zone_numbers_and_epsg(number: int, width: int, cm: float, prefixed: int, bare: int) -> None:
    zone = zone_from_number(number)
    assert zone is not None
    assert (zone.width, zone.central_meridian) == (width, cm)
    assert epsg_code(zone, prefixed=True) == prefixed
    assert epsg_code(zone, prefixed=False) == bare


@pytest.mark.parametrize("number", [0, 12, 24, 46, 99, -44])
def test_zone_numbers_outside_ranges(number: int) -> None:
    assert zone_from_number(number) is None


@pytest.mark.parametrize(
    ("lon", "zone"), [(132.5, 44), (133.4999, 44), (133.5, 45), (133.9, 45), (130.5, 44), (130.4999, 43)]
)
def test_three_degree_zone_of_longitude(lon: float, zone: int) -> None:
    assert zone_of_longitude(lon).number == zone


# Reference §7.2 worked examples (lon, lat) -> (zone, X, Y with prefix).
WORKED = [
    (132.5, 45.3, 44, 5018406.42, 44539217.14),
    (133.0, 45.9, 44, 5085457.24, 44577602.61),
    (133.5, 45.9, 44, 5086065.24, 44616403.70),
    (133.5, 45.9, 45, 5086065.24, 45383596.30),
    (133.9, 46.5, 45, 5152252.02, 45415561.41),
]


@pytest.mark.parametrize(("lon", "lat", "zone", "x", "y"), WORKED)
def test_forward_worked_examples(lon: float, lat: float, zone: int, x: float, y: float) -> None:
    z = zone_from_number(zone)
    assert z is not None
    north, east = lonlat_to_gk(z, np.array([lon]), np.array([lat]))
    assert north[0] == pytest.approx(x, abs=0.005)
    assert east[0] + zone * 1_000_000 == pytest.approx(y, abs=0.005)


@pytest.mark.parametrize(("lon", "lat", "zone", "x", "y"), WORKED)
def test_inverse_worked_examples(lon: float, lat: float, zone: int, x: float, y: float) -> None:
    z = zone_from_number(zone)
    assert z is not None
    lo, la = gk_to_lonlat(z, np.array([x]), np.array([y - zone * 1_000_000]))
    assert lo[0] == pytest.approx(lon, abs=1e-7)
    assert la[0] == pytest.approx(lat, abs=1e-7)


@pytest.mark.parametrize(
    ("x", "y", "zone", "lon", "lat"),
    [
        (4507088.2206, 41473349.922, 41, 122.685, 40.698),  # Liaoning 辽采协示字〔2025〕54号 point 1
        (3301996.14, 41405667.12, 41, 122.024, 29.833),  # Ningbo 甬矿交协议[2019]003号 J1
    ],
)
def test_published_points_land_where_the_documents_say(
    x: float, y: float, zone: int, lon: float, lat: float
) -> None:
    z = zone_from_number(zone)
    assert z is not None
    lo, la = gk_to_lonlat(z, np.array([x]), np.array([y - zone * 1_000_000]))
    assert round(float(lo[0]), 3) == lon
    assert round(float(la[0]), 3) == lat
