"""The supervision services: draws, spot checks, rectification orders, annual self-checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from greenmine.core import randomdraw
from greenmine.core.evidence_services import store_evidence
from greenmine.core.models import AuditEvent
from greenmine.supervision import services
from greenmine.supervision.choices import DrawStatus, RectificationStatus, SelfCheckStatus, SpotCheckResult
from greenmine.supervision.models import RectificationOrder, SpotCheck, SpotCheckDraw
from greenmine.supervision.tests.helpers import (
    failed_spot_check,
    inspectors,
    listed_mine,
    new_draw,
    open_self_check,
    order_of,
    passed_spot_check,
    pending_spot_check,
    replied_order,
    upload,
)

pytestmark = pytest.mark.django_db


def _actions(prefix: str = "supervision.draw") -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith=prefix).order_by("id").values_list("action", flat=True)
    )


def test_seed_is_fixed_and_audited_at_creation(world) -> None:  # noqa: ANN001
    draw = new_draw(world)
    assert len(draw.seed) == 32 and draw.status == DrawStatus.CREATED
    assert draw.mine_pool == [] and draw.inspector_pool == []
    event = AuditEvent.objects.get(action="supervision.draw_created")
    assert event.changes["after"]["seed"] == draw.seed


def test_draw_stores_pools_and_a_recomputable_selection(world) -> None:  # noqa: ANN001
    mines = [listed_mine(world) for _ in range(3)]
    listed_mine(world, green_status="national")
    from greenmine.registry.tests.factories import make_mine

    make_mine(world.users["bureau_admin"], world.orgs["enterprise"], world.orgs["township"])  # not listed
    pool = inspectors(world)
    draw = services.run_draw(actor=world.users["bureau_admin"], draw=new_draw(world, count=2))
    assert draw.status == DrawStatus.DRAWN
    assert len(draw.mine_pool) == 4 and {r["key"] for r in draw.inspector_pool} == {f"I{i.pk}" for i in pool}
    assert f"M{mines[0].pk}" in {r["key"] for r in draw.mine_pool}
    keys = [r["key"] for r in draw.mine_pool]
    assert [r["mine"] for r in draw.selection] == randomdraw.draw(draw.seed, keys, 2)
    checks = SpotCheck.objects.filter(draw=draw)
    assert checks.count() == 2
    for check in checks:
        assert check.result == SpotCheckResult.PENDING and check.inspectors.count() == 2
    assert _actions() == ["supervision.draw_created", "supervision.draw_made"]


def test_a_draw_happens_once_and_refusals_are_audited(world) -> None:  # noqa: ANN001
    listed_mine(world)
    inspectors(world)
    draw = services.run_draw(actor=world.users["bureau_admin"], draw=new_draw(world))
    seed = draw.seed
    with pytest.raises(ValidationError) as exc:
        services.run_draw(actor=world.users["bureau_admin"], draw=draw)
    assert list(exc.value.message_dict) == ["status"]
    draw.refresh_from_db()
    assert draw.seed == seed and SpotCheck.objects.filter(draw=draw).count() == 1
    assert _actions()[-1] == "supervision.draw_refused"


def test_too_small_a_pool_is_refused_and_leaves_no_checks(world) -> None:  # noqa: ANN001
    listed_mine(world)
    inspectors(world)
    draw = new_draw(world, count=3)
    with pytest.raises(ValidationError) as exc:
        services.run_draw(actor=world.users["bureau_admin"], draw=draw)
    assert "sample_count" in exc.value.message_dict
    draw.refresh_from_db()
    assert draw.status == DrawStatus.CREATED and draw.mine_pool == []
    assert not SpotCheck.objects.exists()
    refused = AuditEvent.objects.get(action="supervision.draw_refused")
    assert refused.changes["after"]["reason"] == exc.value.messages


def test_too_few_inspectors_is_refused(world) -> None:  # noqa: ANN001
    listed_mine(world)
    draw = new_draw(world)
    with pytest.raises(ValidationError) as exc:
        services.run_draw(actor=world.users["bureau_admin"], draw=draw)
    assert "inspectors_per_mine" in exc.value.message_dict


def test_only_the_bureau_draws_and_the_attempt_is_audited(world) -> None:  # noqa: ANN001
    listed_mine(world)
    inspectors(world)
    draw = new_draw(world)
    for role in ("bureau_viewer", "department", "enterprise", "other_bureau"):
        with pytest.raises(PermissionDenied):
            services.run_draw(actor=world.users[role], draw=draw)
    assert _actions().count("supervision.draw_refused") == 4
    with pytest.raises(PermissionDenied):
        new_draw(world) and services.create_draw(
            actor=world.users["enterprise"], title="x", year=2026, sample_count=1
        )


def test_publish(world) -> None:  # noqa: ANN001
    listed_mine(world)
    inspectors(world)
    draw = new_draw(world)
    with pytest.raises(ValidationError):
        services.publish_draw(actor=world.users["bureau_admin"], draw=draw)
    services.run_draw(actor=world.users["bureau_admin"], draw=draw)
    assert not SpotCheckDraw.objects.restrict(None).exists()
    services.publish_draw(actor=world.users["bureau_admin"], draw=draw)
    assert SpotCheckDraw.objects.restrict(None).get() == draw


def test_failed_check_opens_a_six_month_order(world) -> None:  # noqa: ANN001
    mine = listed_mine(world)
    check = failed_spot_check(world, mine, checked_on=date(2026, 8, 31))
    order = order_of(check)
    assert order.mine == mine and order.status == RectificationStatus.OPEN
    assert order.deadline == date(2027, 2, 28)
    assert list(RectificationOrder.objects.overdue(date(2027, 3, 1))) == [order]
    assert not RectificationOrder.objects.overdue(date(2027, 2, 28)).exists()
    with pytest.raises(ValidationError, match="result"):
        services.record_spot_check(
            actor=world.users["bureau_admin"], check=check, result="passed", checked_on=date(2026, 9, 1)
        )


def test_rectification_months_setting(world, settings) -> None:  # noqa: ANN001
    settings.RECTIFICATION_MONTHS = 3
    order = order_of(failed_spot_check(world, listed_mine(world), checked_on=date(2026, 11, 30)))
    assert order.deadline == date(2027, 2, 28)


def test_who_records_a_check(world) -> None:  # noqa: ANN001
    mine = listed_mine(world)
    inspectors(world)  # the department's user is an inspector, but not of this check
    check = pending_spot_check(world, mine)
    today = timezone.localdate()
    for role in ("department", "enterprise", "bureau_viewer", "township"):
        with pytest.raises((PermissionDenied, ValidationError)):
            services.record_spot_check(
                actor=world.users[role], check=check, result="passed", checked_on=today
            )
    with pytest.raises(ValidationError) as exc:
        services.record_spot_check(
            actor=world.users["bureau_staff"], check=check, result="failed", checked_on=today
        )
    assert "findings" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.record_spot_check(
            actor=world.users["bureau_staff"],
            check=check,
            result="passed",
            checked_on=today + timedelta(days=1),
        )
    assert "checked_on" in exc.value.message_dict
    passed = passed_spot_check(world, mine)
    assert passed.result == "passed" and not RectificationOrder.objects.exists()


def test_reply_and_verify(world) -> None:  # noqa: ANN001
    mine = listed_mine(world)
    order = order_of(failed_spot_check(world, mine))
    with pytest.raises(PermissionDenied):
        services.reply_rectification(actor=world.users["enterprise_other"], order=order, text="x")
    with pytest.raises(PermissionDenied):
        services.reply_rectification(actor=world.users["bureau_admin"], order=order, text="x")
    photo = store_evidence(
        actor=world.users["enterprise"], organisation=world.orgs["enterprise"], uploaded_file=upload()
    )
    services.reply_rectification(
        actor=world.users["enterprise"], order=order, text="已复绿", evidence=[photo]
    )
    order.refresh_from_db()
    assert order.status == RectificationStatus.REPLIED
    with pytest.raises(ValidationError) as exc:
        services.verify_rectification(actor=world.users["bureau_admin"], order=order, accepted=False)
    assert "comment" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.verify_rectification(actor=world.users["department"], order=order, accepted=True)
    services.verify_rectification(
        actor=world.users["bureau_admin"], order=order, accepted=False, comment="照片不清"
    )
    order.refresh_from_db()
    assert order.status == RectificationStatus.OPEN
    first = order.replies.get()
    assert first.decision == "rejected" and first.comment == "照片不清" and first.evidence.get() == photo
    services.reply_rectification(actor=world.users["enterprise"], order=order, text="补拍照片")
    order = services.verify_rectification(actor=world.users["bureau_admin"], order=order, accepted=True)
    assert order.status == RectificationStatus.VERIFIED and order.verified_at is not None
    assert [r.text for r in order.replies.all()] == ["已复绿", "补拍照片"]
    assert not RectificationOrder.objects.overdue(date(2099, 1, 1)).exists()


def test_enterprise_sees_only_its_own_orders(world) -> None:  # noqa: ANN001
    mine = listed_mine(world)
    other = listed_mine(world, enterprise="enterprise_other")
    order_of(failed_spot_check(world, mine))
    order_of(failed_spot_check(world, other))
    own = RectificationOrder.objects.restrict(world.users["enterprise"])
    assert [o.mine for o in own] == [mine]
    assert RectificationOrder.objects.restrict(world.users["department"]).count() == 2
    assert RectificationOrder.objects.restrict(world.users["township"]).count() == 2  # both in 虎头镇
    assert not RectificationOrder.objects.restrict(world.users["other_bureau"]).exists()
    assert not RectificationOrder.objects.restrict(None).exists()


def test_issue_order_from_another_source(world) -> None:  # noqa: ANN001
    mine = listed_mine(world)
    with pytest.raises(PermissionDenied):
        services.issue_rectification(actor=world.users["department"], mine=mine, requirement="x")
    with pytest.raises(ValidationError):
        services.issue_rectification(actor=world.users["bureau_admin"], mine=mine, requirement="  ")
    order = services.issue_rectification(
        actor=world.users["bureau_admin"], mine=mine, requirement="补办安全许可证"
    )
    assert order.spot_check is None and order.deadline > timezone.localdate()


def test_replied_order_helper(world) -> None:  # noqa: ANN001
    assert replied_order(world, listed_mine(world)).status == RectificationStatus.REPLIED


def test_self_checks_open_once_for_listed_mines(world, settings) -> None:  # noqa: ANN001
    settings.ANNUAL_SELF_CHECK_DUE = "04-30"
    mine = listed_mine(world)
    from greenmine.registry.tests.factories import make_mine

    make_mine(world.users["bureau_admin"], world.orgs["enterprise"], world.orgs["township"])
    check = open_self_check(world, mine, 2026)
    assert check.due_date == date(2026, 4, 30) and check.status == SelfCheckStatus.OPEN
    assert services.open_self_checks(year=2026) == []
    with pytest.raises(PermissionDenied):
        services.submit_self_check(actor=world.users["enterprise_other"], check=check, text="x")
    services.submit_self_check(actor=world.users["enterprise"], check=check, text="自查报告")
    with pytest.raises(ValidationError):
        services.submit_self_check(actor=world.users["enterprise"], check=check, text="again")
    services.review_self_check(
        actor=world.users["bureau_staff"], check=check, accepted=False, comment="缺照片"
    )
    check.refresh_from_db()
    assert check.status == SelfCheckStatus.RETURNED
    services.submit_self_check(actor=world.users["enterprise"], check=check, text="自查报告（补充）")
    check = services.review_self_check(actor=world.users["bureau_staff"], check=check, accepted=True)
    assert check.status == SelfCheckStatus.ACCEPTED and check.reports.count() == 2


def test_an_inspector_never_inspects_an_enterprise_to_avoid(world) -> None:  # noqa: ANN001
    mine = listed_mine(world)
    staff, dept = inspectors(world)
    services.update_inspector(
        actor=world.users["bureau_admin"], inspector=dept, avoid_enterprises=[mine.enterprise]
    )
    with pytest.raises(ValidationError):
        services.update_inspector(
            actor=world.users["bureau_admin"], inspector=dept, avoid_enterprises=[world.orgs["department"]]
        )
    from greenmine.supervision.tests.helpers import inspector

    third = inspector(world, "bureau_admin")
    draw = services.run_draw(actor=world.users["bureau_admin"], draw=new_draw(world))
    row = draw.selection[0]
    assert row["excluded"] == [f"I{dept.pk}"]
    assert sorted(row["inspectors"]) == sorted([f"I{staff.pk}", f"I{third.pk}"])
    assert set(SpotCheck.objects.get(draw=draw).inspectors.all()) == {staff, third}


def test_too_few_inspectors_left_after_avoidance_is_refused(world) -> None:  # noqa: ANN001
    mine = listed_mine(world)
    _staff, dept = inspectors(world)
    services.update_inspector(
        actor=world.users["bureau_admin"], inspector=dept, avoid_enterprises=[mine.enterprise]
    )
    with pytest.raises(ValidationError) as exc:
        services.run_draw(actor=world.users["bureau_admin"], draw=new_draw(world))
    assert "inspectors_per_mine" in exc.value.message_dict
    assert not SpotCheck.objects.exists()
