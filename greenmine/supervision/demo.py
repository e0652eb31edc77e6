"""The supervision part of the demo (after the registry demo): three inspectors (hl_admin, hl_staff,
sthj_staff), a published draw of the listed mines with its check passed, a failed check of the sand pit with
its open rectification order, and this year's annual self-checks of the listed mines. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from greenmine.core.models import User
from greenmine.registry.models import Mine
from greenmine.supervision import services
from greenmine.supervision.choices import SpotCheckResult
from greenmine.supervision.models import Inspector, SpotCheckDraw

INSPECTORS = [("hl_admin", "黑执法230381001", "矿产资源"), ("hl_staff", "黑执法230381002", "矿产资源; 土地")]
DEPARTMENT_INSPECTOR = ("sthj_staff", "黑执法230381101", "生态环境")


def _inspectors(context: dict[str, Any]) -> list[Inspector]:
    admin = context["actor"]
    rows = [(u, n, d, context["bureau"]) for u, n, d in INSPECTORS]
    if context.get("departments"):
        rows.append((*DEPARTMENT_INSPECTOR, context["departments"][0]))
    out = []
    for username, number, disciplines, org in rows:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        existing = Inspector.objects.filter(user=user).first()
        out.append(
            existing
            or services.add_inspector(
                actor=admin, user=user, organisation=org, certificate_no=number, disciplines=disciplines
            )
        )
    return out


def load(context: dict[str, Any]) -> dict[str, Any]:
    admin = context.get("actor")
    if admin is None or "bureau" not in context:
        return {}
    pool = _inspectors(context)
    staff = User.objects.filter(username="hl_staff").first()
    today = timezone.localdate()
    if len(pool) >= 2 and staff is not None and not SpotCheckDraw.objects.exists():
        draw = services.create_draw(
            actor=admin, title=f"{today.year}年度绿色矿山“双随机”抽查", year=today.year, sample_count=1
        )
        try:
            draw = services.run_draw(actor=admin, draw=draw)
        except ValidationError:  # no listed mine in this data set: leave the draw undrawn
            draw = None
        if draw is not None:
            services.publish_draw(actor=admin, draw=draw)
            for check in draw.checks.all():
                services.record_spot_check(
                    actor=admin,
                    check=check,
                    result=SpotCheckResult.PASSED,
                    checked_on=today - timedelta(days=7),
                    findings="矿区绿化、道路硬化与台账符合要求。",
                )
        sand = Mine.objects.filter(name="虎头示例河砂采场").first()
        if sand is not None:
            check = services.create_spot_check(actor=admin, mine=sand, inspectors=pool[:2])
            services.record_spot_check(
                actor=staff,
                check=check,
                result=SpotCheckResult.FAILED,
                checked_on=today - timedelta(days=20),
                findings="采场边坡未按方案削坡复绿；洒水降尘设施未运行。",
                requirement="按治理方案完成边坡削坡与复绿，恢复洒水降尘设施运行，并提交整改前后照片。",
            )
    services.open_self_checks(year=today.year)
    return {"inspectors": pool}
