"""Demo admission data for Hulin: fictional sample layers (names carry （示例）) near the real reserves of
reference §6.3, two admission checks (one prohibited inside the sample reserve, one passing inside the
sample planning zone) and a withdrawal case for the demo right lying inside the sample reserve.

The sample polygons are simplified shapes inside the published extents (珍宝岛: 45°52′00″–46°17′23″N,
133°28′44″–133°47′40″E); they are NOT the reserves' boundaries. Idempotent.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import numpy as np
import shapely
from django.utils import timezone

from greenmine.admission import selectors, services
from greenmine.admission.models import AdmissionCheck, ReferenceLayer, WithdrawalCase
from greenmine.spatial.crs import gk_to_lonlat, lonlat_to_gk, zone_from_number

SAMPLE_NOTE = "示例数据：简化的虚构多边形，仅用于演示，不代表真实界线。"
ZHENBAO_OUTER = shapely.Polygon(
    [(133.48, 45.87), (133.70, 45.87), (133.79, 46.05), (133.75, 46.28), (133.55, 46.25), (133.48, 46.05)]
)
ZHENBAO_CORE = shapely.Polygon([(133.58, 46.02), (133.70, 46.02), (133.72, 46.15), (133.60, 46.16)])
DONGFANGHONG = shapely.Polygon([(133.60, 46.36), (133.92, 46.36), (133.96, 46.62), (133.66, 46.64)])
REDLINE = shapely.Polygon([(132.70, 45.74), (132.80, 45.74), (132.81, 45.80), (132.71, 45.81)])
PROHIBITED_APPLICANT = "虎林示例珍宝岛石材有限公司（示例申请）"
PASSING_APPLICANT = "虎林市示例建筑石料有限公司（示例申请）"


def _gk_rect(zone_no: int, x0: float, y0: float, dx: float, dy: float) -> shapely.Polygon:
    """A rectangle in a zone's GK plane (unprefixed), as lon/lat with 50 m vertices (edges stay straight)."""
    zone = zone_from_number(zone_no)
    assert zone is not None
    ring = shapely.segmentize(shapely.box(y0, x0, y0 + dy, x0 + dx), 50.0)
    coords = np.asarray(ring.exterior.coords)
    lon, lat = gk_to_lonlat(zone, coords[:, 1], coords[:, 0])
    return shapely.Polygon(np.column_stack([lon, lat]))


def _licence_square(zone_no: int, lon: float, lat: float, size: float) -> str:
    """Licence text (zone-prefixed Y) of a square of `size` metres whose south-west corner is at lon/lat."""
    zone = zone_from_number(zone_no)
    assert zone is not None
    x, y = lonlat_to_gk(zone, np.array([lon]), np.array([lat]))
    x0, y0 = round(float(x[0]), -1), round(float(y[0]), -1) + zone_no * 1_000_000
    corners = [(x0, y0), (x0, y0 + size), (x0 + size, y0 + size), (x0 + size, y0)]
    return "点号,X,Y\n" + "\n".join(f"{i},{cx:.2f},{cy:.2f}" for i, (cx, cy) in enumerate(corners, 1)) + "\n"


def _layer(actor: Any, kind: str, name: str, features: list[tuple[dict[str, Any], Any]]) -> None:
    if ReferenceLayer.objects.filter(kind=kind, name=name).exists():
        return
    data = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(geom)}
                for props, geom in features
            ],
        }
    ).encode()
    services.import_layer(
        actor=actor,
        data=data,
        filename=f"{kind}-sample.geojson",
        kind=kind,
        name=name,
        description=SAMPLE_NOTE,
    )


def load(context: dict[str, Any]) -> dict[str, Any]:
    actor = context["actor"]
    _layer(
        actor,
        "nature_reserve",
        "自然保护区（示例）",
        [
            ({"名称": "珍宝岛湿地国家级自然保护区（示例）核心区", "功能区": "核心区"}, ZHENBAO_CORE),
            (
                {"名称": "珍宝岛湿地国家级自然保护区（示例）实验区", "功能区": "实验区"},
                ZHENBAO_OUTER.difference(ZHENBAO_CORE),
            ),
            ({"名称": "东方红湿地国家级自然保护区（示例）", "功能区": "缓冲区"}, DONGFANGHONG),
        ],
    )
    _layer(
        actor,
        "ecological_redline",
        "生态保护红线（示例）",
        [({"name": "完达山南麓生态保护红线（示例）"}, REDLINE)],
    )
    _layer(
        actor,
        "planning_zone",
        "开采规划区块（示例）",
        [
            ({"name": "虎头建筑石料开采规划区块（示例）"}, _gk_rect(44, 5_083_000, 574_000, 6_000, 7_000)),
        ],
    )
    checks = []
    for applicant, text in (
        (PROHIBITED_APPLICANT, _licence_square(45, 133.64, 46.06, 600)),
        (
            PASSING_APPLICANT,
            "点号,X,Y\n1,5087000,44579000\n2,5087000,44579600\n3,5087500,44579600\n4,5087500,44579000\n",
        ),
    ):
        check = AdmissionCheck.objects.filter(applicant=applicant).first()
        if check is None:
            check = services.run_check(actor=actor, boundary=text, right_kind="mining", applicant=applicant)
        checks.append(check)
    cases = []
    for finding in selectors.overlap_audit(actor):
        if (
            finding.open_case is not None
            or WithdrawalCase.objects.filter(licence_no=finding.right.licence_no).exists()
        ):
            continue
        names = "、".join(f.name for f, _a, _s in finding.hits)
        cases.append(
            services.open_withdrawal_case(
                actor=actor,
                right=finding.right,
                reason=f"矿业权范围位于{names}内（示例）",
                plan="停止新增开采，制定退出方案，开展生态修复（示例）",
                deadline=timezone.localdate() + timedelta(days=365),
                compensation_note="依法给予补偿，补偿方案另行报批（示例）",
                features=[f for f, _a, _s in finding.hits],
                overlap_km2=finding.overlap_km2,
            )
        )
    return {"admission_checks": checks, "withdrawal_cases": cases}
