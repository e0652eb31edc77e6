"""OverlapIndex: overlap areas against closed-form ellipsoidal areas and against a brute-force loop."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import MultiPolygon, Polygon, box

from greenmine.spatial import OverlapIndex, check_boundary, footprint_from_geojson

from .fixtures import F44, star_text

# Closed-form ellipsoidal areas (fixtures.py formula): the 0.005° × 0.005° box at 132.505–132.51°E,
# 45.305–45.31°N is 217896.6142 m²; the 0.01° box at 132.5°E, 45.3°N is 871624.3848 m².
QUARTER_KM2 = 0.2178966
BOX_KM2 = 0.8716244


def _index() -> OverlapIndex[str]:
    return OverlapIndex(
        [
            ("A", box(132.5, 45.3, 132.51, 45.31)),
            ("B", box(132.51, 45.3, 132.52, 45.31)),  # shares an edge with A
            ("C", box(132.6, 45.3, 132.61, 45.31)),
            ("D", Polygon()),  # empty geometries are ignored
        ]
    )


def test_overlap_area_is_ellipsoidal() -> None:
    overlaps = _index().query(box(132.505, 45.305, 132.52, 45.31))
    assert [o.key for o in overlaps] == ["B", "A"]  # larger overlap first
    assert overlaps[1].area_km2 == pytest.approx(QUARTER_KM2, abs=1e-5)
    assert overlaps[0].area_km2 == pytest.approx(2 * QUARTER_KM2, abs=2e-5)
    assert overlaps[1].share_of_existing == pytest.approx(QUARTER_KM2 / BOX_KM2, abs=1e-4)
    assert overlaps[1].share_of_query == pytest.approx(1 / 3, abs=1e-4)


def test_touching_is_not_overlap() -> None:
    assert _index().query(box(132.49, 45.3, 132.5, 45.31)) == []
    assert [o.key for o in _index().query(box(132.51, 45.31, 132.53, 45.33))] == []


def test_empty_index_and_empty_query() -> None:
    assert OverlapIndex[str]([]).query(box(132.5, 45.3, 132.51, 45.31)) == []
    assert _index().query(Polygon()) == []
    assert len(_index()) == 3


def test_footprint_of_a_checked_boundary_overlaps_itself() -> None:
    result = check_boundary(star_text(F44))
    assert result.geojson is not None
    footprint = footprint_from_geojson(result.geojson)
    index = OverlapIndex([(1, footprint)])
    (overlap,) = index.query(footprint)
    # Albers-straight vs Gauss-straight edges differ by millimetres: same area to 0.0001 km².
    assert overlap.area_km2 == pytest.approx(F44.ellipsoidal_km2_exact, abs=1e-4)
    assert overlap.share_of_query == pytest.approx(1.0)


def test_multipolygon_and_invalid_inputs() -> None:
    bowtie = Polygon([(132.5, 45.3), (132.51, 45.31), (132.51, 45.3), (132.5, 45.31)])
    index = OverlapIndex([("bowtie", bowtie), ("multi", MultiPolygon([box(132.6, 45.3, 132.61, 45.31)]))])
    assert [o.key for o in index.query(box(132.5, 45.3, 132.61, 45.31))] == ["multi", "bowtie"]


def test_same_answers_as_brute_force() -> None:
    rng = np.random.default_rng(3)
    polygons = []
    for _ in range(400):
        cx, cy = rng.uniform(132.5, 133.9), rng.uniform(45.5, 46.5)
        w, h = rng.uniform(0.002, 0.03, 2)
        polygons.append(box(cx, cy, cx + w, cy + h))
    index = OverlapIndex(enumerate(polygons))
    for _ in range(20):
        cx, cy = rng.uniform(132.5, 133.9), rng.uniform(45.5, 46.5)
        query = box(cx, cy, cx + 0.05, cy + 0.05)
        expected = {i for i, p in enumerate(polygons) if p.intersection(query).area > 1e-9}
        assert {o.key for o in index.query(query)} == expected
