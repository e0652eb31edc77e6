"""The engine with hand-built geometries: exact overlap areas, GK distances, rules and the audit.

Tolerance: the application and the reserve are GK-plane rectangles (edges densified every 50 m, so they
stay straight in the plane). Their overlap is 1000 m × 500 m = 0.5 km² in the plane; the engine reports
the ellipsoidal area (equal-area projection), which must equal the TD/T 1055 annex-D ellipsoidal area of
the same rectangle within 1 m² (the two differ only in how edges between the 50 m vertices are drawn),
and differs from the plane area by the GK scale factor (~1.5e-4 relative 77 km from the CM).
"""

from __future__ import annotations

import numpy as np
import pytest

from greenmine.admission import engine
from greenmine.admission.tests.helpers import APP, RESERVE, ZONE_44, gk_square, lonlat_polygon
from greenmine.spatial.area import ellipsoidal_area_m2


def _index(*items: tuple[str, list[tuple[float, float]]]) -> engine.LayerIndex:
    return engine.LayerIndex(
        [
            engine.FeatureItem(i, i, kind, f"f{i}", lonlat_polygon(corners))
            for i, (kind, corners) in enumerate(items, 1)
        ]
    )


def _ellipsoidal_km2(corners: list[tuple[float, float]]) -> float:
    x = np.array([c[0] for c in corners], dtype=float)
    y = np.array([c[1] for c in corners], dtype=float)
    return ellipsoidal_area_m2(ZONE_44, x, y) / 1e6


def test_overlap_of_two_squares_offset_500_m_is_half_a_square_kilometre() -> None:
    index = _index(("nature_reserve", RESERVE))
    result = index.assess(lonlat_polygon(APP))
    [conflict] = result.conflicts
    expected = _ellipsoidal_km2(gk_square(5_085_500, 577_000, size=500, width=1000))
    assert conflict.overlap_km2 == pytest.approx(expected, abs=1e-6)
    assert conflict.overlap_km2 == pytest.approx(0.5, rel=2e-4)
    assert conflict.share == pytest.approx(0.5, abs=1e-6)
    assert result.area_km2 == pytest.approx(_ellipsoidal_km2(APP), abs=1e-6)


def test_distance_is_metres_in_the_gauss_kruger_plane() -> None:
    # 300 m east of the application, and one 2 km north (outside a 1 km radius).
    index = _index(
        ("ecological_redline", gk_square(5_085_000, 578_300)), ("geopark", gk_square(5_088_000, 577_000))
    )
    result = index.assess(lonlat_polygon(APP), radius_m=1000)
    assert [(n.layer_kind, round(n.distance_m, 3)) for n in result.nearby] == [("ecological_redline", 300.0)]
    assert result.conflicts == ()


def test_touching_is_not_an_overlap() -> None:
    index = _index(("nature_reserve", gk_square(5_086_000, 577_000)))
    result = index.assess(lonlat_polygon(APP), radius_m=100)
    assert result.conflicts == ()
    assert result.nearby[0].distance_m == pytest.approx(0.0, abs=1e-3)


def test_rules_give_the_worst_verdict_with_reasons() -> None:
    rules = [
        engine.Rule("nature_reserve", overlap="prohibited", within_m=500, within="review"),
        engine.Rule("planning_zone", outside="review", right_kind="mining"),
    ]
    inside = _index(("nature_reserve", RESERVE)).assess(lonlat_polygon(APP))
    verdict = engine.evaluate(inside, rules, right_kind="mining")
    assert verdict.verdict == "prohibited" and "自然保护区" in verdict.reasons[0]
    near = _index(("nature_reserve", gk_square(5_086_400, 577_000))).assess(lonlat_polygon(APP))
    assert engine.evaluate(near, rules, right_kind="mining").verdict == "review"
    far = _index(("nature_reserve", gk_square(5_090_000, 577_000))).assess(lonlat_polygon(APP))
    assert engine.evaluate(far, rules, right_kind="mining").verdict == "pass"


def test_planning_zone_inside_outside() -> None:
    rules = [engine.Rule("planning_zone", outside="review", right_kind="mining")]
    zone = _index(("planning_zone", gk_square(5_084_000, 576_000, size=3000)))
    inside = zone.assess(lonlat_polygon(APP))
    assert inside.inside_planning_zone and inside.conflicts == ()
    assert engine.evaluate(inside, rules, right_kind="mining").verdict == "pass"
    outside = zone.assess(lonlat_polygon(gk_square(5_095_000, 577_000)))
    assert engine.evaluate(outside, rules, right_kind="mining").verdict == "review"
    assert engine.evaluate(outside, rules, right_kind="exploration").verdict == "pass"


def test_audit_finds_every_pair_vectorised() -> None:
    index = _index(("nature_reserve", RESERVE), ("planning_zone", gk_square(5_084_000, 576_000, size=3000)))
    hits = index.audit([(10, lonlat_polygon(APP)), (11, lonlat_polygon(gk_square(5_095_000, 577_000)))])
    assert [(h.right_key, h.feature_key) for h in hits] == [(10, 1)]
    assert hits[0].overlap_km2 == pytest.approx(0.5, rel=2e-4)
    assert hits[0].share_of_right == pytest.approx(0.5, abs=1e-6)
