"""Browser walk of supervision: the bureau creates a draw (its seed shown before the draw), draws, publishes
and the draw is on the public page; an inspector records a FAILED spot check, which opens a rectification
order with its 6-month deadline that the enterprise sees.

The steps are module-level functions so other journeys (the lead's delisting test) can chain them:

    setup_supervision(world)                          -> listed mine + two inspectors (services)
    create_draw(page, base_url, title, count=1)       -> draw pk; asserts the seed is shown before the draw
    run_draw(page, base_url, draw_pk)                 -> asserts the selection and the pools are shown
    publish_draw(page, base_url, draw_pk)             -> asserts the draw is on the anonymous public page
    fail_spot_check(page, base_url, check_pk, findings, checked_on) -> order pk; asserts the 6-month deadline
    enterprise_sees_order(page, base_url, order_pk, deadline)
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from playwright.sync_api import Page, expect

from greenmine.core.testing.factories import TEST_PASSWORD, build_world
from greenmine.core.tests.browser import browser_test, login, logout, rerun_data_migration
from greenmine.registry.models import Mineral
from greenmine.supervision import rules
from greenmine.supervision.models import RectificationOrder, SpotCheck, SpotCheckDraw
from greenmine.supervision.tests.helpers import inspectors, listed_mine


def setup_supervision(world) -> object:  # noqa: ANN001
    """A listed mine of world's enterprise and two inspectors (the bureau's staff user, the department's)."""
    if not Mineral.objects.exists():  # a previous transactional test's flush emptied the code list
        rerun_data_migration("greenmine.registry.migrations.0002_minerals")
    mine = listed_mine(world)
    inspectors(world)
    return mine


def create_draw(page: Page, base_url: str, title: str, count: int = 1) -> int:
    """As a bureau user: create a draw; the seed is on the page before anything is drawn."""
    page.goto(f"{base_url}/supervision/draws/new/")
    page.fill("#id_title", title)
    page.fill("#id_sample_count", str(count))
    page.fill("#id_inspectors_per_mine", "2")
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=draw-status]")).to_have_attribute("data-status", "created")
    draw = SpotCheckDraw.objects.get(title=title)
    expect(page.locator("[data-testid=draw-seed]")).to_have_text(draw.seed)
    expect(page.locator("[data-testid=selection]")).to_have_count(0)
    return draw.pk


def run_draw(page: Page, base_url: str, draw_pk: int) -> None:
    """As a bureau user: draw; the selection, both pools and how to recompute it are shown."""
    page.goto(f"{base_url}/supervision/draws/{draw_pk}/")
    seed = page.locator("[data-testid=draw-seed]").inner_text()
    page.click("[data-testid=run-draw]")
    expect(page.locator("[data-testid=draw-status]")).to_have_attribute("data-status", "drawn")
    expect(page.locator("[data-testid=draw-seed]")).to_have_text(seed)  # the draw did not re-roll
    expect(page.locator("[data-testid=selection] tbody tr")).to_have_count(
        len(SpotCheckDraw.objects.get(pk=draw_pk).selection)
    )
    expect(page.locator("[data-testid=how-to-verify]")).to_be_visible()


def publish_draw(page: Page, base_url: str, draw_pk: int) -> None:
    """As a bureau user: publish; then, signed out, the draw is on the public page with its seed."""
    page.goto(f"{base_url}/supervision/draws/{draw_pk}/")
    page.click("[data-testid=publish-draw]")
    expect(page.locator("[data-testid=draw-status]")).to_have_attribute("data-status", "published")
    draw = SpotCheckDraw.objects.get(pk=draw_pk)
    anonymous = page.context.browser.new_context(locale="zh-CN")
    try:
        public = anonymous.new_page()
        public.goto(f"{base_url}/supervision/public/draws/")
        public.click(f"text={draw.title}")
        expect(public.locator("[data-testid=draw-seed]")).to_have_text(draw.seed)
        expect(public.locator("[data-testid=mine-pool]")).to_contain_text(draw.mine_pool[0]["name"])
        expect(public.locator("[data-testid=selection]")).to_be_visible()
    finally:
        anonymous.close()


def fail_spot_check(
    page: Page,
    base_url: str,
    check_pk: int,
    findings: str = "排土场边坡未复绿。",
    checked_on: date | None = None,
) -> int:
    """As an assigned inspector: record a FAILED result; the check links to its rectification order, due six
    months (RECTIFICATION_MONTHS) after the check. Returns the order's pk."""
    checked_on = checked_on or timezone.localdate()
    page.goto(f"{base_url}/supervision/checks/{check_pk}/")
    page.select_option("#id_result", "failed")
    page.fill("#id_checked_on", checked_on.isoformat())
    page.fill("#id_findings", findings)
    page.click("[data-testid=record]")
    expect(page.locator("[data-testid=check-result]")).to_have_attribute("data-result", "failed")
    expected = rules.add_months(checked_on, 6).isoformat()
    expect(page.locator("[data-testid=order-deadline]")).to_have_text(expected)
    return RectificationOrder.objects.get(spot_check_id=check_pk).pk


def enterprise_sees_order(page: Page, base_url: str, order_pk: int, deadline: str) -> None:
    """As the enterprise: the order is in its list and its page shows the requirement and the deadline."""
    page.goto(f"{base_url}/supervision/orders/")
    expect(page.locator("[data-testid=order-row]")).to_have_count(1)
    page.goto(f"{base_url}/supervision/orders/{order_pk}/")
    expect(page.locator("[data-testid=deadline]")).to_have_text(deadline)
    expect(page.locator("[data-testid=order-status]")).to_have_attribute("data-status", "open")
    expect(page.locator("[data-testid=reply-form]")).to_be_visible()


@browser_test
def test_draw_publish_and_failed_check_opens_order(page: Page, live_server) -> None:  # noqa: ANN001
    world = build_world()
    mine = setup_supervision(world)
    base = live_server.url

    login(page, base, "w_bureau_admin", TEST_PASSWORD)
    draw_pk = create_draw(page, base, "2026年度双随机抽查（第一批）")
    run_draw(page, base, draw_pk)
    publish_draw(page, base, draw_pk)
    logout(page)

    check = SpotCheck.objects.get(draw_id=draw_pk, mine=mine)
    login(page, base, "w_bureau_staff", TEST_PASSWORD)  # an inspector drawn for the only mine
    order_pk = fail_spot_check(page, base, check.pk, checked_on=date(2026, 8, 31))
    logout(page)
    assert RectificationOrder.objects.get(pk=order_pk).deadline == date(2027, 2, 28)

    login(page, base, "w_enterprise", TEST_PASSWORD)
    enterprise_sees_order(page, base, order_pk, "2027-02-28")
