"""The green-mine list part of the demo (runs after the thirdparty demo): the first completed third-party
assessment is carried through review, department opinions, a closed notice, the
recommendation and the provincial decision (the mine is listed); the second one has an open review waiting
for the 生态环境局's opinion (log in as sthj_staff to answer it). Everything through services; idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from greenmine.listing import services
from greenmine.listing.choices import ListingDecision, ListLevel, OpinionAnswer, ReviewStatus
from greenmine.listing.models import Review

STAFF_PREFERENCE = ("hl_staff", "hl_admin")


def _user(username: str) -> Any:
    from greenmine.core.models import User

    return User.objects.filter(username=username).first()


def _completed(exclude_reviewed: bool = True) -> list[Any]:
    try:
        from greenmine.thirdparty.models import ThirdPartyAssessment
    except ImportError:  # pragma: no cover
        return []
    qs = ThirdPartyAssessment.objects.filter(status=services.COMPLETED).order_by("pk")
    if exclude_reviewed:
        qs = qs.filter(listing_reviews__isnull=True)
    return list(qs.select_related("mine__enterprise"))


def _deadline() -> Any:
    """The default deadline, or two weeks if the calendar does not know next year yet (the demo must load)."""
    from django.core.exceptions import ValidationError

    try:
        return services.opinion_deadline()
    except ValidationError:
        return timezone.localdate() + timedelta(days=14)


def _answer(department: Any, opinion: Any, answer: str, text: str) -> None:
    from greenmine.core.models import Membership

    membership = Membership.objects.filter(organisation=department, role__in=["staff", "admin"]).first()
    if membership is not None:
        services.answer_opinion(actor=membership.user, request=opinion, answer=answer, text=text)


def _list_one(actor: Any, assessment: Any, departments: list[Any]) -> None:
    today = timezone.localdate()
    review = services.open_review(actor=actor, assessment=assessment)
    from greenmine.core.models import Membership

    # Ask the departments that have someone to answer in the demo (生态环境局: sthj_staff).
    staffed = [d for d in departments if Membership.objects.filter(organisation=d).exists()] or departments[
        :1
    ]
    for department, answer, text in zip(
        staffed[:3],
        [OpinionAnswer.AGREE, OpinionAnswer.CONDITIONAL, OpinionAnswer.AGREE],
        ["", "同意推荐，请企业在雨季前完成排水沟清淤。", ""],
        strict=False,
    ):
        opinion = services.request_opinion(
            actor=actor, review=review, department=department, deadline=_deadline()
        )
        _answer(department, opinion, answer, text)
    if services.missing_opinions(review):
        return
    services.decide_review(
        actor=actor,
        review=review,
        decision=ListingDecision.RECOMMEND,
        reasons="自评、第三方评估材料齐全，评估得分达标；生态环境、应急管理、林草部门均同意推荐。",
        document_no="虎自然资审〔2026〕3号",
    )
    notice = services.publish_notice(
        actor=actor,
        title="虎林市2026年度绿色矿山推荐名单公示",
        document_no="虎自然资公示〔2026〕1号",
        starts_on=today - timedelta(days=30),
        reviews=[review],
        body="根据绿色矿山遴选工作安排，现将拟推荐名单予以公示。",
    )
    services.close_notice(notice=notice, on=notice.ends_on + timedelta(days=1))
    review.refresh_from_db()
    recommendation = services.recommend_upward(
        actor=actor,
        review=review,
        level=ListLevel.PROVINCIAL,
        recommended_on=notice.ends_on + timedelta(days=2),
        document_no="虎自然资发〔2026〕12号",
    )
    services.record_decision(
        actor=actor,
        recommendation=recommendation,
        listed=True,
        decided_on=min(today, notice.ends_on + timedelta(days=10)),
        document_no="黑自然资公告〔2026〕5号",
    )


def _record_baseline(actor: Any) -> None:
    """Mines the registry demo shows as listed were listed before the system: put their listing on record
    (the baseline), so they are on the public list and under dynamic management like any other."""
    from greenmine.listing.choices import ListingStatus
    from greenmine.registry.choices import LISTED_STATUSES
    from greenmine.registry.models import Mine

    for mine in Mine.objects.filter(green_status__in=LISTED_STATUSES).exclude(
        listings__status=ListingStatus.ACTIVE
    ):
        services.record_existing_listing(
            actor=actor,
            mine=mine,
            level=mine.green_status,
            listed_on=timezone.localdate().replace(month=1, day=15),
            document_no="黑自然资公告〔2025〕12号",
        )


def load(context: dict[str, Any]) -> dict[str, Any]:
    actor = next((u for u in map(_user, STAFF_PREFERENCE) if u is not None), None) or context.get("actor")
    departments = context.get("departments") or []
    if actor is not None:
        _record_baseline(actor)
    if actor is None or not departments or Review.objects.exists():
        return {}
    assessments = _completed()
    if not assessments:
        return {}
    if assessments[0].passed:
        _list_one(actor, assessments[0], departments)
    for assessment in assessments[1:2]:
        review = services.open_review(actor=actor, assessment=assessment)
        services.request_opinion(
            actor=actor,
            review=review,
            department=departments[0],
            question="请就矿区生态环境保护情况提出意见。",
        )
    return {"listing_reviews": list(Review.objects.exclude(status=ReviewStatus.REJECTED))}
