"""Annex D ellipsoidal area and plane area against independently computed literals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pyproj import Geod

from greenmine.spatial.area import (
    densify_ring,
    ellipsoidal_area_m2,
    ellipsoidal_areas_m2,
    ellipsoidal_trapezoid_area,
    plane_area_m2,
)
from greenmine.spatial.crs import gk_to_lonlat, zone_from_number

from .fixtures import FIGURES, Figure


@pytest.mark.parametrize(
    ("lon1", "lon2", "lat1", "lat2", "area_m2"),
    [
        # Closed-form ellipsoidal zone areas (see fixtures.py), worked out independently.
        (132.5, 132.6, 45.3, 45.4, 87094129.2941),
        (132.5, 132.51, 45.3, 45.31, 871624.3848),
        (133.9, 133.91, 46.5, 46.51, 853223.8303),
        (0.0, 1.0, 0.0, 1.0, 12308463893.5693),
    ],
)
def test_trapezoid_formula_matches_closed_form(
    lon1: float, lon2: float, lat1: float, lat2: float, area_m2: float
) -> None:
    got = float(ellipsoidal_trapezoid_area(math.radians(lon2 - lon1), math.radians(lat1), math.radians(lat2)))
    assert got == pytest.approx(area_m2, rel=1e-10)


def test_trapezoid_is_signed() -> None:
    up = float(ellipsoidal_trapezoid_area(0.001, 0.79, 0.8))
    assert float(ellipsoidal_trapezoid_area(0.001, 0.8, 0.79)) == pytest.approx(-up)
    assert float(ellipsoidal_trapezoid_area(-0.001, 0.79, 0.8)) == pytest.approx(-up)


def _arrays(fig: Figure) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([float(p[0]) for p in fig.points])
    y = np.array([float(p[1]) - fig.zone * 1_000_000 for p in fig.points])
    return x, y


@pytest.mark.parametrize("fig", FIGURES, ids=lambda f: f"zone{f.zone}")
def test_gk_figures_against_scale_factor_integration(fig: Figure) -> None:
    zone = zone_from_number(fig.zone)
    assert zone is not None
    x, y = _arrays(fig)
    ell = ellipsoidal_area_m2(zone, x, y) / 1e6
    assert ell == pytest.approx(fig.ellipsoidal_km2_exact, abs=2e-6)
    assert round(ell, 4) == fig.ellipsoidal_km2
    assert plane_area_m2(x, y) / 1e6 == pytest.approx(fig.plane_km2, abs=1e-9)
    assert ell < fig.plane_km2  # GK scale factor ≥ 1: ellipsoidal never exceeds plane


def test_one_km_square_far_from_central_meridian() -> None:
    # 1 km square at y ≈ −116 km in zone 45 (the 133.5°E edge): 1/k² integration gives 0.99966991 km².
    zone = zone_from_number(45)
    assert zone is not None
    x = np.array([5086065.24, 5087065.24, 5087065.24, 5086065.24])
    y = np.array([383596.30, 383596.30, 384596.30, 384596.30])
    assert ellipsoidal_area_m2(zone, x, y) == pytest.approx(999669.91, abs=0.05)


def test_plane_area_keeps_precision_with_8_digit_coordinates() -> None:
    # Liaoning ring 1, points 1, 2 and 8 as a triangle; exact decimal shoelace: 3456.014598655 m².
    x = np.array([4507088.2206, 4507128.219, 4506980.2207])
    y = np.array([41473349.922, 41473413.9217, 41473349.9237])
    assert plane_area_m2(x, y) == pytest.approx(3456.014598655, abs=1e-4)


def test_orientation_does_not_matter() -> None:
    zone = zone_from_number(44)
    assert zone is not None
    x, y = _arrays(FIGURES[0])
    assert ellipsoidal_area_m2(zone, x, y) == pytest.approx(ellipsoidal_area_m2(zone, x[::-1], y[::-1]))


def test_densify_keeps_vertices_and_step() -> None:
    x = np.array([0.0, 0.0, 100.0])
    y = np.array([0.0, 250.0, 0.0])
    dx, dy = densify_ring(x, y, 25.0)
    assert len(dx) == 10 + 11 + 4  # ceil(250/25) + ceil(269.3/25) + ceil(100/25)
    steps = np.hypot(np.diff(np.append(dx, dx[0])), np.diff(np.append(dy, dy[0])))
    assert steps.max() <= 25.0 + 1e-9
    assert (dx[0], dy[0]) == (0.0, 0.0) and (dx[10], dy[10]) == (0.0, 250.0)


def _random_ring(rng: np.random.Generator, cx: float, cy: float) -> tuple[np.ndarray, np.ndarray]:
    n = int(rng.integers(6, 20))
    angles = np.sort(rng.uniform(0, 2 * np.pi, n))
    radius = rng.uniform(300, 2500) * rng.uniform(0.5, 1.0, n)
    return cx + radius * np.cos(angles), cy + radius * np.sin(angles)


@pytest.mark.parametrize("seed", range(6))
def test_cross_check_with_geodesic_area_of_densified_boundary(seed: int) -> None:
    """Geodesic area of the same boundary densified to ≤ 100 m agrees to well under 1 m²."""
    rng = np.random.default_rng(seed)
    zone = zone_from_number(44 + seed % 2)
    assert zone is not None
    cy = 500000.0 + (-110000.0 if zone.number == 45 else 60000.0) + rng.uniform(-5000, 5000)
    x, y = _random_ring(rng, 5100000.0 + rng.uniform(-60000, 60000), cy)
    dx, dy = densify_ring(x, y, 100.0)
    lon, lat = gk_to_lonlat(zone, dx, dy)
    geodesic, _ = Geod(a=6378137.0, f=1 / 298.257222101).polygon_area_perimeter(lon, lat)
    ours = ellipsoidal_area_m2(zone, x, y)
    assert ours == pytest.approx(abs(geodesic), abs=1.0)
    assert ours < plane_area_m2(x, y)


def test_batched_areas_equal_single_areas() -> None:
    rng = np.random.default_rng(7)
    zone = zone_from_number(44)
    assert zone is not None
    rings = [_random_ring(rng, 5080000.0 + 9000 * i, 560000.0) for i in range(5)]
    batched = ellipsoidal_areas_m2(zone, rings)
    assert batched == pytest.approx([ellipsoidal_area_m2(zone, x, y) for x, y in rings], rel=1e-12)


def test_strip_sum_has_converged_at_the_default_step() -> None:
    """A 6 km × 4 km part 116 km from the central meridian: 50 m strips are within 0.2 m² of 1 m strips,
    while uncut edges are off by more than 10 m²."""
    zone = zone_from_number(45)
    assert zone is not None
    x = np.array([5086000.0, 5092000.0, 5091000.0, 5087500.0, 5086200.0])
    y = np.array([383600.0, 384100.0, 387600.0, 388100.0, 386000.0])
    fine = ellipsoidal_area_m2(zone, x, y, step_m=1.0)
    assert ellipsoidal_area_m2(zone, x, y) == pytest.approx(fine, abs=0.2)
    assert abs(ellipsoidal_area_m2(zone, x, y, step_m=1e9) - fine) > 10.0
