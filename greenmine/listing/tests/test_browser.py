"""Browser walks of the green-mine list.

(a) From a completed third-party assessment: the bureau opens a review and asks a department, the department
answers, the bureau recommends and publishes a notice, an anonymous visitor objects and gets a receipt code,
the bureau answers, the clock closes the notice, the bureau recommends upward and records the provincial
decision → the mine is listed in the registry and on the public list.
(b) A listed mine fails a spot check; its order passes the deadline unrectified; the clock removes it and its
history shows why.

The steps are module-level functions so the end-to-end journey can chain them after the thirdparty steps:

    review_notice_and_list(page, base_url, assessment_pk=..., department_pk=...)  -> listing pk (all of (a))
      open_review(page, base_url, assessment_pk)                -> review pk          (bureau signed in)
      request_opinion(page, base_url, review_pk, department_pk) -> opinion pk
      answer_opinion(page, base_url, opinion_pk)                                     (department signed in)
      decide_recommend(page, base_url, review_pk, document_no)
      publish_notice(page, base_url, review_pk, starts_on)      -> notice pk
      object_to_notice(page, base_url, notice_pk, review_pk)    -> receipt code      (anonymous)
      answer_objection(page, base_url, notice_pk, receipt_code)                      (bureau signed in)
      close_notice_by_clock(notice_pk)                                               (the clock, a later day)
      recommend_and_record_listing(page, base_url, review_pk)   -> listing pk
      mine_is_listed(page, base_url, mine_pk, mine_name)                             (registry + public list)
    removed_by_clock_after_overdue_order(page, base_url, listing_pk, order_pk)        (all of (b))
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from greenmine.core.calendar import year_status
from greenmine.core.clock import tick
from greenmine.core.services import mark_schedule_entered
from greenmine.core.testing.factories import TEST_PASSWORD, build_world
from greenmine.core.tests.browser import browser_test, login, logout, rerun_data_migration
from greenmine.listing.models import Listing, Objection, OpinionRequest, PublicNotice, Review
from greenmine.registry.models import Mineral

BUREAU = "w_bureau_staff"
DEPARTMENT = "w_department"


def _pk_from_url(page: Page, marker: str) -> int:
    return int(page.url.split(marker, 1)[1].split("/", 1)[0])


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 2, 0))


def open_review(page: Page, base_url: str, assessment_pk: int) -> int:
    """As the bureau: open a review of the completed third-party assessment."""
    page.goto(f"{base_url}/listing/reviews/new/?assessment={assessment_pk}")
    page.select_option("#id_assessment", str(assessment_pk))
    page.click("[data-testid=open-review]")
    expect(page.locator("[data-testid=review-status]")).to_have_attribute("data-status", "open")
    return _pk_from_url(page, "/listing/reviews/")


def request_opinion(page: Page, base_url: str, review_pk: int, department_pk: int) -> int:
    """As the bureau: ask a department for its opinion (default deadline in working days)."""
    page.goto(f"{base_url}/listing/reviews/{review_pk}/")
    page.click("[data-testid=request-opinion-link]")
    page.select_option("#id_department", str(department_pk))
    page.fill("#id_question", "请就矿区生态环境保护情况提出意见。")
    page.click("[data-testid=request-opinion]")
    expect(page.locator("[data-testid=waiting]")).to_be_visible()
    return OpinionRequest.objects.get(review_id=review_pk, department_id=department_pk).pk


def answer_opinion(page: Page, base_url: str, opinion_pk: int) -> None:
    """As the department: the request is in its list; it agrees with conditions."""
    page.goto(f"{base_url}/listing/opinions/")
    page.click(f"[data-testid=opinion-{opinion_pk}]")
    page.check("input[name=answer][value=conditional]")
    page.fill("#id_answer_text", "同意推荐，请企业在雨季前完成排水沟清淤。")
    page.click("[data-testid=send-opinion]")
    expect(page.locator("[data-testid=opinion-answer]")).to_have_attribute("data-answer", "conditional")


def decide_recommend(
    page: Page, base_url: str, review_pk: int, document_no: str = "虎自然资审〔2026〕3号"
) -> None:
    page.goto(f"{base_url}/listing/reviews/{review_pk}/")
    page.click("[data-testid=decide-link]")
    page.check("input[name=decision][value=recommend]")
    page.fill("#id_reasons", "材料齐全，第三方评估达标，部门同意推荐。")
    page.fill("#id_document_no", document_no)
    page.click("[data-testid=decide]")
    expect(page.locator("[data-testid=review-status]")).to_have_attribute("data-status", "recommended")
    expect(page.locator("[data-testid=review-docno]")).to_have_text(document_no)


def publish_notice(page: Page, base_url: str, review_pk: int, starts_on: date) -> int:
    """As the bureau: a notice of the recommended mine; the last day is computed in working days."""
    page.goto(f"{base_url}/listing/notices/new/")
    page.fill("#id_title", "虎林市绿色矿山推荐名单公示")
    page.fill("#id_document_no", "虎自然资公示〔2026〕1号")
    page.fill("#id_starts_on", starts_on.isoformat())
    expect(page.locator("#id_period_days")).to_have_value("5")
    page.check(f"input[name=reviews][value='{review_pk}']")
    page.click("[data-testid=publish-notice]")
    expect(page.locator("[data-testid=notice-status]")).to_have_attribute("data-status", "published")
    notice = PublicNotice.objects.get(reviews__pk=review_pk)
    expect(page.locator("[data-testid=notice-ends]")).to_have_text(notice.ends_on.isoformat())
    return notice.pk


def object_to_notice(page: Page, base_url: str, notice_pk: int, review_pk: int) -> str:
    """As an anonymous visitor: the notice is on the public page; object (name and contact required)."""
    page.goto(f"{base_url}/listing/public/notices/")
    page.click(f"a[href='/listing/public/notices/{notice_pk}/']")
    page.select_option("#id_review", str(review_pk))
    page.fill("#id_name", "王示例")
    page.fill("#id_content", "矿区北侧运输道路扬尘较大。")
    page.click("[data-testid=submit-objection]")
    expect(page.locator("[data-testid=error-contact]")).to_be_visible()
    expect(page.locator("#id_content")).to_have_value("矿区北侧运输道路扬尘较大。")
    page.fill("#id_contact", "0467-5800001")
    page.click("[data-testid=submit-objection]")
    code = page.locator("[data-testid=receipt-code]").inner_text().strip()
    assert len(code) == 19
    page.click("[data-testid=follow-link]")
    expect(page.locator("[data-testid=receipt-status]")).to_have_attribute("data-status", "pending")
    expect(page.locator("body")).not_to_contain_text("0467-5800001")
    return code


def answer_objection(page: Page, base_url: str, notice_pk: int, receipt_code: str) -> None:
    """As the bureau: answer the objection; the objector sees the answer by the receipt code."""
    objection = Objection.objects.get(receipt_code=receipt_code)
    page.goto(f"{base_url}/listing/notices/{notice_pk}/")
    page.click(f"[data-testid=objection-{objection.pk}]")
    page.fill("#id_answer", "经现场核实，已配置雾炮两台并定时洒水。")
    page.click("[data-testid=answer-objection]")
    expect(page.locator("[data-testid=objections] [data-status=answered]")).to_have_count(1)
    page.goto(f"{base_url}/listing/public/follow/?code={receipt_code}")
    expect(page.locator("[data-testid=receipt-answer]")).to_contain_text("雾炮")


def close_notice_by_clock(notice_pk: int) -> None:
    """The foundation's clock, ticking the day after the notice's last day, closes it."""
    notice = PublicNotice.objects.get(pk=notice_pk)
    outcomes = tick(_at(notice.ends_on + timedelta(days=1)), only="listing.close_notices")
    assert outcomes[0].result == "1 closed", outcomes
    assert PublicNotice.objects.get(pk=notice_pk).status == "closed"


def recommend_and_record_listing(page: Page, base_url: str, review_pk: int) -> int:
    """As the bureau: recommend to the provincial list, then record the province's decision (listed)."""
    ends_on = Review.objects.get(pk=review_pk).notice.ends_on
    page.goto(f"{base_url}/listing/reviews/{review_pk}/")
    page.click("[data-testid=recommend-link]")
    page.select_option("#id_level", "provincial")
    page.fill("#id_recommended_on", (ends_on + timedelta(days=2)).isoformat())
    page.fill("#id_document_no", "虎自然资发〔2026〕12号")
    page.click("[data-testid=recommend]")
    expect(page.locator("[data-testid=recommendation-status]")).to_have_attribute("data-status", "pending")
    page.check("input[name=listed][value=yes]")
    page.fill("#id_decided_on", (ends_on + timedelta(days=10)).isoformat())
    page.fill("#id_document_no", "黑自然资公告〔2026〕5号")
    page.click("[data-testid=record-decision]")
    expect(page.locator("[data-testid=green-status]")).to_have_attribute("data-status", "provincial")
    return Listing.objects.get(recommendation__review_id=review_pk).pk


def mine_is_listed(page: Page, base_url: str, mine_pk: int, mine_name: str) -> None:
    """The registry shows the mine as listed; after signing out, the public list shows it."""
    page.goto(f"{base_url}/registry/mines/{mine_pk}/")
    expect(page.locator("body")).to_contain_text("省级")
    logout(page)
    page.goto(f"{base_url}/listing/public/list/")
    expect(page.locator("[data-testid=public-list]")).to_contain_text(mine_name)


def review_notice_and_list(
    page: Page,
    base_url: str,
    *,
    assessment_pk: int,
    department_pk: int,
    bureau: str = BUREAU,
    department: str = DEPARTMENT,
    password: str = TEST_PASSWORD,
) -> int:
    """All of (a), starting signed out; ends signed out with the mine on the public list. The listing's pk."""
    login(page, base_url, bureau, password)
    review_pk = open_review(page, base_url, assessment_pk)
    opinion_pk = request_opinion(page, base_url, review_pk, department_pk)
    logout(page)
    login(page, base_url, department, password)
    answer_opinion(page, base_url, opinion_pk)
    logout(page)
    login(page, base_url, bureau, password)
    decide_recommend(page, base_url, review_pk)
    notice_pk = publish_notice(page, base_url, review_pk, timezone.localdate())
    logout(page)
    code = object_to_notice(page, base_url, notice_pk, review_pk)
    login(page, base_url, bureau, password)
    answer_objection(page, base_url, notice_pk, code)
    close_notice_by_clock(notice_pk)
    listing_pk = recommend_and_record_listing(page, base_url, review_pk)
    review = Review.objects.select_related("mine").get(pk=review_pk)
    mine_is_listed(page, base_url, review.mine_id, review.mine.name)
    return listing_pk


def removed_by_clock_after_overdue_order(page: Page, base_url: str, listing_pk: int, order_pk: int) -> None:
    """The daily clock, the day after the order's deadline, removes the listing; the bureau (signed in) sees
    the removal with the order named, and the mine's history: listed → spot check → order → removed."""
    from greenmine.supervision.models import RectificationOrder

    order = RectificationOrder.objects.get(pk=order_pk)
    outcomes = tick(_at(order.deadline + timedelta(days=1)), only="listing.remove_overdue")
    assert outcomes[0].result == "1 removed", outcomes
    page.goto(f"{base_url}/listing/listings/{listing_pk}/")
    expect(page.locator("[data-testid=listing-status]")).to_have_attribute("data-status", "removed")
    expect(page.locator("[data-testid=removal-reasons]")).to_contain_text(f"#{order_pk}")
    page.click("[data-testid=history-link]")
    expect(page.locator("[data-testid=green-status]")).to_have_attribute("data-status", "removed")
    kinds = page.locator("[data-testid=history] [data-kind]").evaluate_all(
        "els => els.map(e => e.dataset.kind)"
    )
    assert (
        kinds.index("listed") < kinds.index("spot_check") < kinds.index("order") < kinds.index("removed")
    ), kinds
    expect(page.locator("[data-testid=history] [data-kind=removed]")).to_contain_text(f"#{order_pk}")


def _world() -> object:
    if not Mineral.objects.exists():  # a previous transactional test's flush emptied the code list
        rerun_data_migration("greenmine.registry.migrations.0002_minerals")
    world = build_world()
    year = timezone.localdate().year + 1  # notice periods from today may run into a year not yet known
    if year_status(year) == "unknown":
        mark_schedule_entered(actor=world.users["bureau_admin"], year=year, source="tests")
    return world


@browser_test
def test_from_completed_assessment_to_the_list(page: Page, live_server) -> None:  # noqa: ANN001
    from greenmine.thirdparty.tests.helpers import completed_assessment

    world = _world()
    assessment = completed_assessment(world)
    listing_pk = review_notice_and_list(
        page, live_server.url, assessment_pk=assessment.pk, department_pk=world.orgs["department"].pk
    )
    listing = Listing.objects.select_related("mine").get(pk=listing_pk)
    assert (listing.status, listing.mine.green_status, listing.document_no) == (
        "active",
        "provincial",
        "黑自然资公告〔2026〕5号",
    )


@browser_test
def test_failed_spot_check_unrectified_removes_the_mine(page: Page, live_server) -> None:  # noqa: ANN001
    from greenmine.listing.tests.helpers import listed
    from greenmine.supervision.tests.helpers import failed_spot_check, order_of

    world = _world()
    listing = listed(world)
    order = order_of(failed_spot_check(world, listing.mine))
    login(page, live_server.url, BUREAU, TEST_PASSWORD)
    removed_by_clock_after_overdue_order(page, live_server.url, listing.pk, order.pk)
