"""The programme end to end in a real browser, chaining the apps' own browser steps.

1. One mine from a submitted self-assessment to the provincial list: the bureau commissions an agency; a
   team that breaks a rule is refused with the rule named; the valid team's members each declare no
   conflict; the leader verifies the prerequisites, records the field review with the signed commitment
   letter, scores every indicator (one graded far below the self-assessment, so the difference must be
   explained) and completes; the comparison shows both scores; the bureau reviews with a department's
   opinion and publishes the notice; a visitor objects and the bureau answers; the clock closes the
   notice; the higher level's decision is recorded and the mine is listed in the registry and on the
   public list.
2. A listed mine drawn at random fails its spot check; the order is not rectified; the clock removes the
   mine from the list after the deadline, and the public list no longer shows it.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from greenmine.core.testing.factories import TEST_PASSWORD, build_world
from greenmine.core.tests.browser import browser_test, login, logout, rerun_data_migration
from greenmine.listing.models import Listing
from greenmine.listing.tests.helpers import ensure_next_year_known
from greenmine.listing.tests.test_browser import removed_by_clock_after_overdue_order, review_notice_and_list
from greenmine.registry.models import Mine, Mineral
from greenmine.supervision.models import SpotCheck
from greenmine.supervision.tests.test_browser import create_draw, fail_spot_check, run_draw
from greenmine.thirdparty.models import ThirdPartyAssessment
from greenmine.thirdparty.selectors import score_rows
from greenmine.thirdparty.tests.test_browser import (
    _url,
    commission_agency,
    complete_assessment,
    declare_no_conflict,
    explain_difference,
    letter_file,
    record_site_visit,
    score_indicators,
    self_form_answers,
    submit_team,
    verify_prerequisites,
    verify_vetoes,
)

BUREAU = "w_bureau_admin"
AGENCY = "w_assessor"


def _world() -> object:
    if not Mineral.objects.exists():  # a previous transactional test's flush emptied the code list
        rerun_data_migration("greenmine.registry.migrations.0002_minerals")
    world = build_world()
    ensure_next_year_known(world)
    return world


@browser_test
def test_one_mine_from_submitted_self_assessment_to_the_list(page: Page, live_server, tmp_path: Path) -> None:  # noqa: ANN001
    from greenmine.thirdparty.tests.helpers import agency_with_experts, submitted_self_assessment

    world = _world()
    base = live_server.url
    self_assessment = submitted_self_assessment(world)
    agency, experts = agency_with_experts(world)
    leader = experts[0]

    login(page, base, BUREAU, TEST_PASSWORD)
    pk = commission_agency(page, base, self_assessment.pk, agency.pk)
    logout(page)

    login(page, base, AGENCY, TEST_PASSWORD)
    submit_team(page, base, pk, [e.pk for e in experts[1:]], experts[1].pk)  # four: too few
    expect(page.locator("[data-testid=broken-rules]")).to_contain_text("5")
    submit_team(page, base, pk, [e.pk for e in experts], leader.pk)
    expect(page.locator("[data-testid=tp-status]")).to_have_attribute("data-status", "team_formed")
    logout(page)

    for expert in reversed(experts):  # the leader last, who then stays signed in
        login(page, base, expert.user.username, TEST_PASSWORD)
        if expert == leader:
            response = page.goto(_url(base, "assessments:assessment_detail", pk=self_assessment.pk))
            assert response is not None and response.status == 404  # nothing before the declaration
        declare_no_conflict(page, base, pk)
        if expert != leader:
            logout(page)

    assert verify_prerequisites(page, base, pk) >= 1
    verify_vetoes(page, base, pk)
    record_site_visit(page, base, pk, letter_file(tmp_path))
    expect(page.locator("[data-testid=visit]")).to_contain_text("评估工作承诺书.pdf")
    assessment = ThirdPartyAssessment.objects.get(pk=pk)
    score_indicators(page, base, pk, {**self_form_answers(assessment), "Q2": "poor"})
    complete_assessment(page, base, pk)
    expect(page.locator("[data-testid=complete-errors]")).to_contain_text("Q2")  # explain first
    for row in score_rows(assessment):
        if row.needs_explanation:
            explain_difference(page, base, pk, row.id, "现场发现排土场未复绿")
    complete_assessment(page, base, pk)
    expect(page.locator("[data-testid=tp-status]")).to_have_attribute("data-status", "completed")
    page.click("[data-testid=comparison]")
    expect(page.locator("[data-testid=cmp-Q2]")).to_contain_text("现场发现排土场未复绿")
    logout(page)

    listing_pk = review_notice_and_list(
        page, base, assessment_pk=pk, department_pk=world.orgs["department"].pk, bureau=BUREAU
    )
    listing = Listing.objects.select_related("mine").get(pk=listing_pk)
    assert listing.mine_id == self_assessment.mine_id
    assert (listing.status, listing.mine.green_status) == ("active", "provincial")


@browser_test
def test_a_failed_spot_check_left_unrectified_removes_the_mine(page: Page, live_server) -> None:  # noqa: ANN001
    from greenmine.listing.tests.helpers import listed
    from greenmine.supervision.tests.helpers import inspectors

    world = _world()
    base = live_server.url
    listing = listed(world)
    inspectors(world)

    login(page, base, BUREAU, TEST_PASSWORD)
    draw_pk = create_draw(page, base, "2026年度双随机抽查（绿色矿山）")
    run_draw(page, base, draw_pk)
    logout(page)

    check = SpotCheck.objects.get(draw_id=draw_pk, mine=listing.mine)
    login(page, base, "w_bureau_staff", TEST_PASSWORD)  # a drawn inspector
    order_pk = fail_spot_check(page, base, check.pk)
    removed_by_clock_after_overdue_order(page, base, listing.pk, order_pk)
    assert Mine.objects.get(pk=listing.mine_id).green_status == "removed"
    logout(page)
    page.goto(f"{base}/listing/public/list/")
    expect(page.locator("body")).not_to_contain_text(listing.mine.name)
