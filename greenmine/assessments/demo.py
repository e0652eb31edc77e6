"""The plans-and-self-assessments part of the demo (runs after the registry and standards demos):
qy_admin's enterprise has a filed construction plan for its quarry against HL-SS-2024 and a draft
self-assessment partly filled; the second enterprise has a submitted self-assessment. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from greenmine.assessments import services
from greenmine.assessments.models import ConstructionPlan, SelfAssessment
from greenmine.core.models import Membership
from greenmine.registry.models import Mine


def _admin_of(organisation: Any) -> Any:
    membership = (
        Membership.objects.filter(organisation=organisation, role="admin").select_related("user").first()
    )
    return membership.user if membership else None


def _answers(version: Any) -> list[tuple[str, dict[str, Any]]]:
    from greenmine.assessments.selectors import example_answers

    return example_answers(version)


def load(context: dict[str, Any]) -> dict[str, Any]:
    bureau = context["actor"]
    enterprises = context["enterprises"]
    version = context.get("standard_versions", {}).get("HL-SS-2024")
    if version is None:
        return {}
    today = timezone.localdate()
    first, second = enterprises[0], enterprises[1]
    owner = _admin_of(first)
    mine = Mine.objects.filter(enterprise=first, mineral__code="building_stone").order_by("pk").first()
    if owner is not None and mine is not None and not ConstructionPlan.objects.filter(mine=mine).exists():
        plan = services.create_plan(
            actor=owner,
            mine=mine,
            title="虎头示例建筑石料矿绿色矿山建设实施方案",
            standard_version=version,
            target_year=today.year + 1,
            targets="按 HL-SS-2024 自评达到 800 分以上，各一级指标得分率不低于 75%。",
            budget="260",
            tasks=[
                {
                    "title": "矿区道路硬化与洒水降尘",
                    "owner": "生产技术部",
                    "start_date": today - timedelta(days=90),
                    "end_date": today + timedelta(days=60),
                    "measures": "主运输道路硬化 1.2 km，配置雾炮 2 台",
                    "budget": "80",
                },
                {
                    "title": "排土场复绿",
                    "owner": "安全环保部",
                    "start_date": today - timedelta(days=30),
                    "end_date": today + timedelta(days=180),
                    "measures": "边坡覆土 0.3 m，撒播草籽并栽植紫穗槐",
                    "budget": "120",
                },
                {
                    "title": "数字化矿山监测平台",
                    "owner": "信息中心",
                    "start_date": today + timedelta(days=30),
                    "end_date": today + timedelta(days=300),
                    "measures": "边坡位移与粉尘在线监测",
                    "budget": "60",
                },
            ],
            milestones=[
                {"title": "道路硬化完成", "due_date": today - timedelta(days=10), "progress": 70},
                {"title": "复绿验收", "due_date": today + timedelta(days=180), "progress": 20},
            ],
        )
        services.submit_plan(actor=owner, plan=plan)
        services.file_plan(actor=bureau, plan=plan, comments="同意备案，请按期推进。")
    if owner is not None and mine is not None and not SelfAssessment.objects.filter(mine=mine).exists():
        draft = services.start_self_assessment(actor=owner, mine=mine)
        for node, answer in _answers(draft.standard_version)[:30]:
            services.save_item(actor=owner, assessment=draft, indicator_id=node, answer=answer)
    other_owner = _admin_of(second)
    other_mine = Mine.objects.filter(enterprise=second).order_by("pk").first()
    if (
        other_owner is not None
        and other_mine is not None
        and not SelfAssessment.objects.filter(mine=other_mine).exists()
    ):
        try:
            submitted = services.start_self_assessment(actor=other_owner, mine=other_mine)
        except Exception:  # noqa: BLE001 - a mine no standard applies to is simply skipped in the demo
            return {}
        for node, answer in _answers(submitted.standard_version):
            services.save_item(
                actor=other_owner,
                assessment=submitted,
                indicator_id=node,
                answer=answer,
                remark="现场核查属实" if node.startswith("P") else None,
            )
        services.submit_self_assessment(actor=other_owner, assessment=submitted)
    return {}
