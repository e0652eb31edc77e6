"""Service-level helpers of the supervision tests, reused by other apps' tests (listing's delisting tests):

    mine = listed_mine(world)  # a provincial-list mine of world's enterprise
    check = failed_spot_check(world, mine)  # FAILED today; its order is open, due in 6 months
    check = failed_spot_check(world, mine, checked_on=date(2025, 1, 10))  # overdue after 2025-07-10
    order = order_of(check)

Everything goes through the services, as the bureau's admin (`w_bureau_admin`) and an inspector made of the
bureau's staff user (`w_bureau_staff`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from greenmine.supervision import services
from greenmine.supervision.choices import DrawEligibility, SpotCheckResult
from greenmine.supervision.models import (
    AnnualSelfCheck,
    Inspector,
    RectificationOrder,
    SpotCheck,
    SpotCheckDraw,
)

FINDINGS = "排土场边坡未复绿，矿区道路未硬化。"


def listed_mine(
    world: Any, enterprise: str = "enterprise", green_status: str = "provincial", **fields: Any
) -> Any:
    """A mine of world.orgs[enterprise] on the provincial (or national) list."""
    from greenmine.registry.tests.factories import make_mine

    return make_mine(
        world.users["bureau_admin"],
        world.orgs[enterprise],
        world.orgs["township"],
        green_status=green_status,
        **fields,
    )


def inspector(world: Any, role: str = "bureau_staff", certificate_no: str | None = None) -> Inspector:
    """The world's user of `role` (bureau or department) as an inspector (made once)."""
    user = world.users[role]
    existing = Inspector.objects.filter(user=user).first()
    if existing is not None:
        return existing
    org = world.orgs["bureau"] if role.startswith("bureau") else world.orgs[role]
    return services.add_inspector(
        actor=world.users["bureau_admin"],
        user=user,
        organisation=org,
        certificate_no=certificate_no or f"黑230381{user.pk:05d}",
        disciplines="矿产资源; 地质环境",
    )


def inspectors(world: Any) -> list[Inspector]:
    """Two inspectors: the bureau's staff user and the department's user."""
    return [inspector(world, "bureau_staff"), inspector(world, "department")]


def pending_spot_check(world: Any, mine: Any) -> SpotCheck:
    """A check of `mine` ordered by the bureau, assigned to the bureau-staff inspector, not yet recorded."""
    return services.create_spot_check(
        actor=world.users["bureau_admin"], mine=mine, inspectors=[inspector(world, "bureau_staff")]
    )


def failed_spot_check(
    world: Any, mine: Any, checked_on: date | None = None, findings: str = FINDINGS
) -> SpotCheck:
    """A FAILED check of `mine` recorded by its inspector; its rectification order is open, due
    RECTIFICATION_MONTHS (6) months after `checked_on` (default today)."""
    check = pending_spot_check(world, mine)
    return services.record_spot_check(
        actor=world.users["bureau_staff"],
        check=check,
        result=SpotCheckResult.FAILED,
        checked_on=checked_on or timezone.localdate(),
        findings=findings,
    )


def passed_spot_check(world: Any, mine: Any, checked_on: date | None = None) -> SpotCheck:
    check = pending_spot_check(world, mine)
    return services.record_spot_check(
        actor=world.users["bureau_staff"],
        check=check,
        result=SpotCheckResult.PASSED,
        checked_on=checked_on or timezone.localdate(),
    )


def order_of(check: SpotCheck) -> RectificationOrder:
    return RectificationOrder.objects.get(spot_check=check)


def replied_order(world: Any, mine: Any, checked_on: date | None = None) -> RectificationOrder:
    """A failed check's order the enterprise has replied to (waiting for the bureau's verification)."""
    order = order_of(failed_spot_check(world, mine, checked_on))
    services.reply_rectification(actor=world.users["enterprise"], order=order, text="已完成复绿和道路硬化。")
    return RectificationOrder.objects.get(pk=order.pk)


def verified_order(world: Any, mine: Any, checked_on: date | None = None) -> RectificationOrder:
    order = replied_order(world, mine, checked_on)
    return services.verify_rectification(actor=world.users["bureau_admin"], order=order, accepted=True)


def new_draw(world: Any, count: int = 1, **extra: Any) -> SpotCheckDraw:
    """A draw of Hulin's bureau with its seed fixed, not drawn yet."""
    data = {"title": "2026年度绿色矿山双随机抽查", "year": 2026, "sample_count": count, **extra}
    data.setdefault("eligibility", DrawEligibility.LISTED)
    return services.create_draw(actor=world.users["bureau_admin"], **data)


def drawn(world: Any, count: int = 1) -> SpotCheckDraw:
    """A made draw of `count` listed mines (the pools must be large enough: see listed_mine, inspectors)."""
    return services.run_draw(actor=world.users["bureau_admin"], draw=new_draw(world, count))


def open_self_check(world: Any, mine: Any, year: int = 2026) -> AnnualSelfCheck:
    services.open_self_checks(year=year)
    return AnnualSelfCheck.objects.get(mine=mine, year=year)


def upload(name: str = "整改照片.png") -> SimpleUploadedFile:
    from greenmine.assessments.tests.helpers import png_bytes

    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def matrix_fixture(world: Any, state: str) -> dict[str, Any]:
    """Records of world.orgs['enterprise'] (虎头镇) for the permission matrix, in the state a route needs:
    'inspector', 'draw_created' / 'draw_drawn' / 'draw_published' (one listed mine, two inspectors),
    'check_pending' (assigned to the bureau-staff inspector), 'order_open', 'order_replied',
    'selfcheck_open', 'selfcheck_submitted'."""
    from greenmine.registry.models import Mine

    mine = Mine.objects.filter(enterprise=world.orgs["enterprise"]).first() or listed_mine(world)
    out: dict[str, Any] = {"mine": mine}
    if state == "inspector":
        out["inspector"] = inspector(world, "bureau_staff")
    elif state.startswith("draw"):
        inspectors(world)
        draw = new_draw(world)
        if state in ("draw_drawn", "draw_published"):
            services.run_draw(actor=world.users["bureau_admin"], draw=draw)
        if state == "draw_published":
            services.publish_draw(actor=world.users["bureau_admin"], draw=draw)
        out["draw"] = draw
    elif state == "check_pending":
        out["check"] = pending_spot_check(world, mine)
    elif state == "order_open":
        out["order"] = order_of(failed_spot_check(world, mine))
    elif state == "order_replied":
        out["order"] = replied_order(world, mine)
    elif state.startswith("selfcheck"):
        check = open_self_check(world, mine)
        if state == "selfcheck_submitted":
            services.submit_self_check(actor=world.users["enterprise"], check=check, text="年度自查报告")
        out["selfcheck"] = check
    return out
