"""Helpers of the listing tests, reusable by other apps' tests: a mine carried through the real services from
a completed third-party assessment to the list.

    review = recommended_review(world)                       # opened and decided 'recommend'
    notice = published_notice(world, [review])               # on notice from today, 5 working days
    notice = closed(notice)                                  # closed as the clock would after its last day
    listing = listed(world)                                   # the whole path: an active provincial listing
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from greenmine.core.choices import OrganisationKind
from greenmine.core.models import Organisation
from greenmine.core.testing.factories import make_org, make_user
from greenmine.listing import services
from greenmine.listing.choices import ListingDecision, ListLevel
from greenmine.listing.models import Listing, PublicNotice, Review


def completed(world: Any, mine: Any = None, passed: bool = True) -> Any:
    from greenmine.thirdparty.tests.helpers import completed_assessment

    return completed_assessment(world, mine=mine, passed=passed)


def department(world: Any, name: str = "测试生态环境局") -> Organisation:
    """A second partner department of Hulin (world.orgs['department'] is the first)."""
    existing = Organisation.objects.filter(name=name).first()
    if existing is not None:
        return existing
    org = make_org(world.users["bureau_admin"], OrganisationKind.DEPARTMENT, "230381", name=name)
    make_user(org, "staff", actor=world.users["bureau_admin"])
    return org


def open_review(world: Any, mine: Any = None, passed: bool = True) -> Review:
    return services.open_review(actor=world.users["bureau_staff"], assessment=completed(world, mine, passed))


def recommended_review(world: Any, mine: Any = None) -> Review:
    review = open_review(world, mine)
    return services.decide_review(
        actor=world.users["bureau_staff"],
        review=review,
        decision=ListingDecision.RECOMMEND,
        reasons="材料齐全，第三方评估达标，部门无异议。",
        document_no="虎自然资审〔2026〕1号",
    )


def published_notice(world: Any, reviews: list[Review], starts_on: date | None = None) -> PublicNotice:
    return services.publish_notice(
        actor=world.users["bureau_staff"],
        title="虎林市绿色矿山推荐名单公示",
        document_no="虎自然资公示〔2026〕1号",
        starts_on=starts_on or timezone.localdate(),
        reviews=reviews,
    )


def closed(notice: PublicNotice) -> PublicNotice:
    services.close_notice(notice=notice, on=notice.ends_on + timedelta(days=1))
    notice.refresh_from_db()
    return notice


def listed(world: Any, mine: Any = None, level: str = ListLevel.PROVINCIAL) -> Listing:
    """The whole path through the services: an active listing of `mine` (default: a new mine of world's
    enterprise), its green-mine status set."""
    review = recommended_review(world, mine)
    notice = closed(published_notice(world, [review], starts_on=timezone.localdate() - timedelta(days=60)))
    review.refresh_from_db()
    recommendation = services.recommend_upward(
        actor=world.users["bureau_staff"],
        review=review,
        level=level,
        recommended_on=notice.ends_on + timedelta(days=2),
        document_no="虎自然资发〔2026〕8号",
    )
    services.record_decision(
        actor=world.users["bureau_staff"],
        recommendation=recommendation,
        listed=True,
        decided_on=notice.ends_on + timedelta(days=20),
        document_no="黑自然资公告〔2026〕3号",
    )
    return Listing.objects.get(recommendation=recommendation)


def ensure_next_year_known(world: Any) -> None:
    """Deadlines and notice periods count working days from today; late in a year they run into the next
    one, which chinese-calendar may not know yet. Enter it (weekend rule) as the bureau would, so the tests
    do not start failing in December."""
    from django.utils import timezone

    from greenmine.core.calendar import year_status
    from greenmine.core.services import mark_schedule_entered

    year = timezone.localdate().year + 1
    if year_status(year) == "unknown":
        mark_schedule_entered(actor=world.users["bureau_admin"], year=year, source="tests")
