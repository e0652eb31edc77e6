"""Registry factories for tests of every app: mines and rights made through the registry services.

The boundary texts are literal Hulin licence texts in the '*'-terminated format (reference §7.3(a)),
with hand-checkable plane areas:

* ``BOUNDARY_44_A``  — zone 44, X 5 085 000–5 086 000, Y 44 577 000–44 578 000: a 1000 m square, 1 km²;
* ``BOUNDARY_44_B``  — the same square moved 500 m north (X 5 085 500–5 086 500): overlaps A by
  1000 m × 500 m = 0.5 km² in the plane;
* ``BOUNDARY_44_FAR`` — zone 44, 800 m × 600 m = 0.48 km², far from A and B (no overlap);
* ``BOUNDARY_44_TWO_PARTS`` — two parts (一采区 + 二采区), 400 m × 500 m each = 0.4 km² in total;
* ``BOUNDARY_45`` — zone 45 (east of 133°30′E), 1000 m × 500 m = 0.5 km²;
* ``BOUNDARY_INVALID`` — an unreadable Y on line 3.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from greenmine.core.models import Organisation, User
from greenmine.registry import services
from greenmine.registry.models import ExplorationProject, ExplorationRight, Mine, Mineral, MiningRight

_serial = itertools.count(1)


def star_boundary(
    parts: list[tuple[str, float, float, list[tuple[float, float]]]],
) -> str:
    """Licence text in the '*'-terminated format: each part is (name, top, bottom, [(X, Y), ...])."""
    lines = ["拐点,X(起标高),Y(止标高)"]
    for name, top, bottom, points in parts:
        for i, (x, y) in enumerate(points, start=1):
            lines.append(f"{i},{x:.2f},{y:.2f}, , ,")
        lines.append(f"*,{top:g},{bottom:g},{name},1,")
    return "\n".join(lines) + "\n"


def rectangle(x0: float, y0: float, dx: float, dy: float) -> list[tuple[float, float]]:
    """Corner points (X northing, Y easting with zone prefix) of an axis-parallel GK rectangle."""
    return [(x0, y0), (x0, y0 + dy), (x0 + dx, y0 + dy), (x0 + dx, y0)]


BOUNDARY_44_A = star_boundary([("一采区", 300, 100, rectangle(5_085_000, 44_577_000, 1000, 1000))])
BOUNDARY_44_B = star_boundary([("一采区", 280, 120, rectangle(5_085_500, 44_577_000, 1000, 1000))])
BOUNDARY_44_FAR = star_boundary([("一采区", 250, 150, rectangle(5_100_000, 44_590_000, 800, 600))])
BOUNDARY_44_TWO_PARTS = star_boundary(
    [
        ("一采区", 320, 200, rectangle(5_110_000, 44_600_000, 400, 500)),
        ("二采区", 300, 180, rectangle(5_110_600, 44_600_000, 400, 500)),
    ]
)
BOUNDARY_45 = star_boundary([("一采区", 90, 40, rectangle(5_152_000, 45_415_000, 1000, 500))])
BOUNDARY_INVALID = "拐点,X(起标高),Y(止标高)\n1,5085000.00,44577000.00, , ,\n2,5085000.00,abc, , ,\n"

PLANE_AREA_KM2 = {
    "BOUNDARY_44_A": Decimal("1.0000"),
    "BOUNDARY_44_B": Decimal("1.0000"),
    "BOUNDARY_44_FAR": Decimal("0.4800"),
    "BOUNDARY_44_TWO_PARTS": Decimal("0.4000"),
    "BOUNDARY_45": Decimal("0.5000"),
}


def mineral(code: str = "building_stone") -> Mineral:
    """A mineral of the code list loaded by migration 0002."""
    return Mineral.objects.get(code=code)


def make_mine(actor: User, enterprise: Organisation, township: Organisation, **fields: Any) -> Mine:
    """A mine through `services.create_mine` (actor: a bureau user of the township's division)."""
    data: dict[str, Any] = {
        "name": f"测试矿山{next(_serial)}",
        "mineral": mineral(),
        "mine_kind": "open_pit",
        "production_scale": Decimal("6"),
        **fields,
    }
    if isinstance(data["mineral"], str):
        data["mineral"] = mineral(data["mineral"])
    return services.create_mine(actor=actor, enterprise=enterprise, township=township, **data)


def make_mining_right(
    actor: User,
    mine: Mine,
    boundary_text: str = BOUNDARY_44_FAR,
    licence_no: str | None = None,
    **fields: Any,
) -> MiningRight:
    """A mining right of `mine` through `services.create_mining_right`; the holder is the mine's enterprise.

    Returns the right only (the service's overlap list is dropped); valid for five years by default.
    """
    today = timezone.localdate()
    data: dict[str, Any] = {
        "holder": mine.enterprise,
        "valid_from": today - timedelta(days=365),
        "valid_until": today + timedelta(days=4 * 365),
        **fields,
    }
    right, _overlaps = services.create_mining_right(
        actor=actor,
        mine=mine,
        licence_no=licence_no or f"C2303812026{next(_serial):07d}",
        boundary_text=boundary_text,
        **data,
    )
    return right


def make_exploration_right(
    actor: User,
    holder: Organisation,
    township: Organisation,
    boundary_text: str = BOUNDARY_44_TWO_PARTS,
    licence_no: str | None = None,
    **fields: Any,
) -> ExplorationRight:
    """An exploration right through `services.create_exploration_right`."""
    today = timezone.localdate()
    data: dict[str, Any] = {
        "project_name": f"测试勘查项目{next(_serial)}",
        "mineral": mineral("graphite"),
        "stage": "preliminary",
        "valid_from": today - timedelta(days=100),
        "valid_until": today + timedelta(days=3 * 365),
        **fields,
    }
    return services.create_exploration_right(
        actor=actor,
        holder=holder,
        township=township,
        licence_no=licence_no or f"T2303812026{next(_serial):07d}",
        boundary_text=boundary_text,
        **data,
    )


def make_exploration_project(
    actor: User, right: ExplorationRight, exploration_unit: Organisation, **fields: Any
) -> ExplorationProject:
    """An exploration project under `right` through `services.create_exploration_project`."""
    today = timezone.localdate()
    data: dict[str, Any] = {
        "name": f"测试勘查工作{next(_serial)}",
        "stage": right.stage,
        "starts_on": today - timedelta(days=30),
        "ends_on": today + timedelta(days=300),
        "methods": ["drone geophysics"],
        **fields,
    }
    return services.create_exploration_project(
        actor=actor, right=right, exploration_unit=exploration_unit, **data
    )


def expiring_dates(days: int = 30) -> dict[str, date]:
    """valid_from/valid_until of a right expiring `days` from today (for the 90-day flag)."""
    today = timezone.localdate()
    return {"valid_from": today - timedelta(days=4 * 365), "valid_until": today + timedelta(days=days)}
