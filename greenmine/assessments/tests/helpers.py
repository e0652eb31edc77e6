"""Helpers shared by the assessments tests and their permission matrix."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from PIL import Image

from greenmine.assessments import services
from greenmine.assessments.choices import ItemSection
from greenmine.assessments.selectors import standard_of
from greenmine.standards import services as standard_services
from greenmine.standards.bundled import bundled_paths
from greenmine.standards.document import Deduction, FullOrZero, Graded, Proportional, ZeroOut, read_yaml
from greenmine.standards.models import StandardVersion


def hlss_version() -> StandardVersion:
    """HL-SS-2024 (published, 砂石/建筑用石料, open pit), loaded through the standards service."""
    existing = StandardVersion.objects.filter(standard__code="HL-SS-2024").first()
    if existing is not None:
        return existing
    path = next(p for p in bundled_paths() if "hulin-sandstone" in str(p))
    return standard_services.load_standard_document(actor=None, data=read_yaml(path))


def world_mine(world: Any, enterprise: str = "enterprise") -> Any:
    from greenmine.registry.tests.factories import make_mine, make_mining_right

    mine = make_mine(world.users["bureau_admin"], world.orgs[enterprise], world.orgs["township"])
    make_mining_right(world.users["bureau_admin"], mine)
    return mine


def answer_for(indicator: Any) -> dict[str, Any]:
    """A full-points answer for one leaf (zero-out conditions: not triggered)."""
    method = indicator.method
    if isinstance(method, Graded):
        best = max(method.levels, key=lambda lv: lv.points)
        return {"level": best.key}
    if isinstance(method, Deduction):
        return {"defects": 0}
    if isinstance(method, Proportional):
        good = method.upper if method.direction.value == "higher_better" else method.lower
        return {"value": str(good)}
    if isinstance(method, ZeroOut):
        return {"triggered": False}
    assert isinstance(method, FullOrZero)
    return {"met": True}


def full_answers(version: StandardVersion) -> list[tuple[str, str, dict[str, Any]]]:
    standard = standard_of(version)
    rows = [(p.id, ItemSection.PREREQUISITE, {"holds": True}) for p in standard.prerequisites]
    rows += [(v.id, ItemSection.VETO, {"occurred": False}) for v in standard.vetoes]
    rows += [(leaf.id, ItemSection.ITEM, answer_for(leaf)) for leaf in standard.leaves()]
    return rows


def fill(actor: Any, assessment: Any, skip: set[str] | frozenset[str] = frozenset()) -> None:
    for node, _section, answer in full_answers(assessment.standard_version):
        if node not in skip:
            services.save_item(actor=actor, assessment=assessment, indicator_id=node, answer=answer)


def png_bytes(colour: str = "green", size: tuple[int, int] = (640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def make_plan(actor: Any, mine: Any, version: StandardVersion, **extra: Any) -> Any:
    today = dt.date(2026, 3, 1)
    return services.create_plan(
        actor=actor,
        mine=mine,
        title="绿色矿山建设实施方案",
        standard_version=version,
        target_year=2027,
        targets="达到 HL-SS-2024 800 分以上",
        tasks=[
            {
                "title": "矿区绿化",
                "owner": "安全环保部",
                "start_date": today,
                "end_date": today + dt.timedelta(days=120),
                "measures": "补植乔灌木",
                "budget": "30",
            }
        ],
        milestones=[{"title": "绿化完成", "due_date": today + dt.timedelta(days=120), "progress": 10}],
        **extra,
    )


def small_version() -> StandardVersion:
    """The standards tests' 100-point standard (one item of every method), published; it names no mineral,
    so it applies to any mine when no other standard is loaded. Quick to fill (10 answers)."""
    from greenmine.standards.tests.factories import small_doc

    existing = StandardVersion.objects.filter(standard__code="T-SMALL").first()
    if existing is not None:
        return existing
    return standard_services.load_standard_document(actor=None, data=small_doc())


def matrix_fixture(world: Any, state: str) -> dict[str, Any]:
    """Objects of world.orgs['enterprise'] for the permission matrix: a mine, and a plan or a
    self-assessment in the given state ('draft', 'filled', 'submitted', 'plan_draft', 'plan_submitted')."""
    from greenmine.registry.models import Mine

    ent = world.users["enterprise"]
    version = small_version()
    mine = Mine.objects.filter(enterprise=world.orgs["enterprise"]).first() or world_mine(world)
    out: dict[str, Any] = {"mine": mine, "version": version}
    if state == "mine":
        return out
    if state.startswith("plan"):
        plan = make_plan(ent, mine, version)
        if state == "plan_submitted":
            services.submit_plan(actor=ent, plan=plan)
        out["plan"] = plan
        return out
    assessment = services.start_self_assessment(actor=ent, mine=mine)
    if state in ("filled", "submitted"):
        fill(ent, assessment)
    if state == "submitted":
        services.submit_self_assessment(actor=ent, assessment=assessment)
    out["assessment"] = assessment
    return out
