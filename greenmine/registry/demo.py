"""Demo registry data for Hulin (虎林市): fictional mines (names carry 示例) with mining rights whose
boundaries are plausible licence texts (CGCS2000, 3° Gauss–Krüger zones 44 and 45, '*'-terminated format,
reference §7.3(a)); one right expiring within 90 days, one pair of overlapping rights (空间查重 shows it),
two exploration rights with projects. Idempotent: records that exist (by name / licence number) are skipped.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from greenmine.registry import services
from greenmine.registry.models import ExplorationProject, ExplorationRight, Mine, Mineral, MiningRight

Part = tuple[str, float, float, list[tuple[float, float]]]


def licence_text(parts: list[Part]) -> str:
    """'*'-terminated licence text: point lines '点号,X,Y, , ,' and a '*,top,bottom,name,1,' closing line."""
    lines = ["拐点,X(起标高),Y(止标高)"]
    for name, top, bottom, points in parts:
        lines += [f"{i},{x:.2f},{y:.2f}, , ," for i, (x, y) in enumerate(points, start=1)]
        lines.append(f"*,{top:g},{bottom:g},{name},1,")
    return "\n".join(lines) + "\n"


# Boundaries (X northing, Y easting with the zone prefix), areas in the plane given for orientation.
HUTOU_QUARRY = licence_text(
    [
        (
            "一采区",
            168,
            95,
            [
                (5085000, 44577000),
                (5085000, 44577700),
                (5085450, 44577850),
                (5085800, 44577500),
                (5085700, 44577000),
            ],
        )
    ]
)  # ≈ 0.51 km²
# Overlaps the quarry's north-east corner: the demo's 空间查重 finding.
HUTOU_SAND = licence_text(
    [("一采区", 92, 80, [(5085600, 44577400), (5085600, 44578000), (5086100, 44578000), (5086100, 44577400)])]
)  # 0.30 km²
HUTOU_QUARRY_2 = licence_text(
    [
        (
            "一采区",
            150,
            110,
            [(5078000, 44582000), (5078000, 44582300), (5078300, 44582300), (5078300, 44582000)],
        )
    ]
)  # 0.09 km²
DONGFANGHONG_SAND = licence_text(
    [("一采区", 75, 66, [(5130000, 44590000), (5130050, 44590500), (5130450, 44590480), (5130400, 44589990)])]
)  # ≈ 0.20 km²
YANGGANG_GRAPHITE = licence_text(
    [
        (
            "一矿段",
            210,
            40,
            [(5070000, 44548000), (5070000, 44548400), (5070300, 44548400), (5070300, 44548000)],
        ),
        (
            "二矿段",
            180,
            20,
            [(5070500, 44548100), (5070500, 44548500), (5070800, 44548500), (5070800, 44548100)],
        ),
    ]
)  # 2 × 0.12 km²
BAODONG_GRANITE = licence_text(
    [
        (
            "一采区",
            240,
            180,
            [(5100000, 44560000), (5100000, 44560700), (5100500, 44560700), (5100500, 44560000)],
        )
    ]
)  # 0.35 km²
# East of 133°30′E: zone 45 (Y starts with 45).
HUTOU_EAST_STONE = licence_text(
    [
        (
            "一采区",
            120,
            70,
            [(5090000, 45386000), (5090000, 45386500), (5090400, 45386500), (5090400, 45386000)],
        )
    ]
)  # 0.20 km²
YANGGANG_EXPLORATION = licence_text(
    [("", 0, 0, [(5064000, 44543000), (5064000, 44545000), (5065500, 44545000), (5065500, 44543000)])]
).replace("*,0,0,,1,", "*,,,,1,")
DONGFANGHONG_EXPLORATION = licence_text(
    [("", 0, 0, [(5135000, 44600000), (5135000, 44601500), (5136200, 44601500), (5136200, 44600000)])]
).replace("*,0,0,,1,", "*,,,,1,")


def _years(today: date, years: int) -> date:
    return today.replace(year=today.year + years, day=min(today.day, 28))


def load(context: dict[str, Any]) -> dict[str, Any]:
    """Create the registry demo through the services (so areas, parts, audit events are real)."""
    actor = context["actor"]
    enterprises = context["enterprises"]
    townships = context["townships"]
    unit = context.get("exploration_unit")
    today = timezone.localdate()
    minerals = {m.code: m for m in Mineral.objects.all()}

    def mine(
        name: str, enterprise: Any, township: str, mineral: str, kind: str, scale: str, **extra: Any
    ) -> Mine:
        existing = Mine.objects.filter(name=name).first()
        if existing is not None:
            return existing
        return services.create_mine(
            actor=actor,
            enterprise=enterprise,
            township=townships[township],
            name=name,
            mineral=minerals[mineral],
            mine_kind=kind,
            production_scale=Decimal(scale),
            **extra,
        )

    def right(
        the_mine: Mine,
        licence_no: str,
        text: str,
        valid_from: date,
        valid_until: date,
        licensed: str | None = None,
    ) -> MiningRight:
        existing = MiningRight.objects.filter(licence_no=licence_no).first()
        if existing is not None:
            return existing
        created, _overlaps = services.create_mining_right(
            actor=actor,
            mine=the_mine,
            licence_no=licence_no,
            boundary_text=text,
            holder=the_mine.enterprise,
            valid_from=valid_from,
            valid_until=valid_until,
            licensed_area_km2=Decimal(licensed) if licensed else None,
        )
        return created

    stone, sand, graphite = enterprises[0], enterprises[1], enterprises[2]
    granite = enterprises[3] if len(enterprises) > 3 else enterprises[0]
    m1 = mine(
        "虎头示例建筑石料矿",
        stone,
        "230381103",
        "building_stone",
        "open_pit",
        "12",
        green_status="provincial",
        address="虎林市虎头镇示例村北山",
        longitude=132.9985,
        latitude=45.9004,
    )
    m2 = mine("虎头示例二号采石场", stone, "230381103", "building_stone", "open_pit", "4", status="suspended")
    m3 = mine(
        "虎头示例河砂采场", sand, "230381103", "construction_sand", "open_pit", "8", green_status="building"
    )
    m4 = mine("东方红示例建筑用砂矿", sand, "230381101", "construction_sand", "open_pit", "15")
    m5 = mine(
        "杨岗示例石墨矿", graphite, "230381104", "graphite", "underground", "0.5", green_status="building"
    )
    m6 = mine("宝东示例饰面花岗岩矿", granite, "230381106", "facing_granite", "open_pit", "3")
    m7 = mine("虎头示例东山石料矿", stone, "230381103", "building_stone", "open_pit", "6")

    right(m1, "C2303812016017130141001", HUTOU_QUARRY, date(2021, 6, 1), _years(today, 4))
    right(m2, "C2303812014017130133002", HUTOU_QUARRY_2, date(2019, 3, 15), _years(today, 2), "0.0900")
    right(m3, "C2303812018017130146003", HUTOU_SAND, date(2022, 9, 1), _years(today, 3))
    # Expires within 90 days: on the bureau's home page and flagged on the lists.
    right(
        m4,
        "C2303812017017130144004",
        DONGFANGHONG_SAND,
        today - timedelta(days=5 * 365),
        today + timedelta(days=45),
    )
    right(m5, "C2303812015017120138005", YANGGANG_GRAPHITE, date(2020, 1, 1), _years(today, 5), "0.2400")
    right(m6, "C2303812019017130150006", BAODONG_GRANITE, date(2023, 5, 1), _years(today, 6))
    right(m7, "C2303812020017130152007", HUTOU_EAST_STONE, date(2024, 4, 1), _years(today, 7))

    def exploration(licence_no: str, holder: Any, township: str, text: str, **data: Any) -> ExplorationRight:
        existing = ExplorationRight.objects.filter(licence_no=licence_no).first()
        if existing is not None:
            return existing
        return services.create_exploration_right(
            actor=actor,
            holder=holder,
            township=townships[township],
            licence_no=licence_no,
            boundary_text=text,
            **data,
        )

    e1 = exploration(
        "T2303812022017050056001",
        graphite,
        "230381104",
        YANGGANG_EXPLORATION,
        project_name="黑龙江省虎林市杨岗示例石墨矿详查",
        mineral=minerals["graphite"],
        stage="general",
        valid_from=date(2023, 3, 1),
        valid_until=_years(today, 2),
    )
    holder2 = unit or graphite
    e2 = exploration(
        "T2303812024017050061002",
        holder2,
        "230381101",
        DONGFANGHONG_EXPLORATION,
        project_name="黑龙江省虎林市东方红示例饰面花岗岩普查",
        mineral=minerals["facing_granite"],
        stage="preliminary",
        valid_from=date(2024, 6, 1),
        valid_until=_years(today, 3),
    )
    worker = unit or graphite
    for right_, name, methods in (
        (e1, "杨岗示例石墨矿详查（绿色勘查）", ["无人机航磁测量", "以钻代槽", "一基多孔定向钻探"]),
        (e2, "东方红示例花岗岩普查", ["遥感解译", "地质填图", "浅钻取样代替探槽"]),
    ):
        if not ExplorationProject.objects.filter(right=right_, name=name).exists():
            services.create_exploration_project(
                actor=actor,
                right=right_,
                exploration_unit=worker,
                name=name,
                stage=right_.stage,
                starts_on=max(right_.valid_from, today - timedelta(days=120)),
                ends_on=right_.valid_until,
                methods=methods,
            )
    return {"mines": [m1, m2, m3, m4, m5, m6, m7]}
