"""Read-side helpers of the green-mine list: what a user may see, the public views, a mine's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from greenmine.core.permissions import VIEW
from greenmine.listing.choices import ListingStatus, NoticeStatus, ReviewStatus
from greenmine.listing.models import Listing, Objection, PublicNotice, Recommendation, Review
from greenmine.listing.receipts import parse_receipt


def visible_reviews(user: Any) -> QuerySet:
    return Review.objects.restrict(user, VIEW).select_related("mine__enterprise", "assessment", "notice")


def completed_assessments(user: Any) -> QuerySet:
    """Completed third-party assessments of mines the user's bureau may act on, without a live review."""
    from greenmine.registry.models import Mine
    from greenmine.thirdparty.models import ThirdPartyAssessment

    mines = Mine.objects.restrict(user, "change")
    return (
        ThirdPartyAssessment.objects.filter(status="completed", mine__in=mines)
        .exclude(listing_reviews__status__in=[ReviewStatus.OPEN, ReviewStatus.RECOMMENDED])
        .select_related("mine")
        .order_by("-completed_at", "-pk")
    )


def notice_candidates(user: Any) -> QuerySet:
    """Recommended reviews not yet on a notice, that the user's bureau may act on."""
    return (
        Review.objects.restrict(user, "change")
        .filter(status=ReviewStatus.RECOMMENDED, notice__isnull=True)
        .select_related("mine")
    )


def current_notices() -> QuerySet:
    return PublicNotice.objects.filter(status=NoticeStatus.PUBLISHED).prefetch_related("reviews__mine")


def past_notices() -> QuerySet:
    return PublicNotice.objects.filter(status=NoticeStatus.CLOSED).prefetch_related("reviews__mine")


def current_list() -> QuerySet:
    return (
        Listing.objects.filter(status=ListingStatus.ACTIVE)
        .select_related("mine__enterprise", "mine__mineral", "mine__township")
        .order_by("level", "mine__name")
    )


@dataclass(frozen=True)
class Receipt:
    """What the public follow page shows of an objection: never the name or the contact."""

    code: str
    notice_title: str
    notice_document_no: str
    mine: str
    received_on: date
    status: str
    status_label: str
    answer: str
    answered_on: date | None


def objection_by_receipt(code: str) -> Receipt | None:
    code = parse_receipt(code) or ""
    if not code:
        return None
    objection = Objection.objects.select_related("notice", "review__mine").filter(receipt_code=code).first()
    if objection is None:
        return None
    return Receipt(
        code=objection.receipt_code,
        notice_title=objection.notice.title,
        notice_document_no=objection.notice.document_no,
        mine=objection.review.mine.name,
        received_on=timezone.localtime(objection.created_at).date(),
        status=objection.status,
        status_label=str(objection.get_status_display()),
        answer=objection.answer,
        answered_on=timezone.localtime(objection.answered_at).date() if objection.answered_at else None,
    )


@dataclass(frozen=True)
class HistoryEntry:
    day: date
    kind: str
    title: str
    detail: str = ""
    url: str = ""


def mine_history(user: Any, mine: Any) -> list[HistoryEntry]:
    """The mine's path through the programme, oldest first: reviews, notices, recommendations, listings,
    spot checks, rectification orders, removals. Only records the user may see are included."""
    from greenmine.supervision.models import RectificationOrder, SpotCheck

    entries: list[HistoryEntry] = []
    for review in visible_reviews(user).filter(mine=mine):
        url = reverse("listing:review_detail", args=[review.pk])
        entries.append(
            HistoryEntry(timezone.localtime(review.created_at).date(), "review", _("Review opened"), "", url)
        )
        if review.decided_at:
            entries.append(
                HistoryEntry(
                    timezone.localtime(review.decided_at).date(),
                    "decision",
                    _("Review decided: %(status)s") % {"status": review.get_status_display()},
                    f"{review.document_no} {review.reasons}",
                    url,
                )
            )
        if review.notice:
            entries.append(
                HistoryEntry(
                    review.notice.starts_on,
                    "notice",
                    _("Public notice: %(title)s") % {"title": review.notice.title},
                    f"{review.notice.document_no} {review.notice.starts_on} – {review.notice.ends_on}",
                    reverse("listing:public_notice", args=[review.notice.pk]),
                )
            )
    for rec in Recommendation.objects.restrict(user, VIEW).filter(mine=mine):
        entries.append(
            HistoryEntry(
                rec.recommended_on,
                "recommendation",
                _("Recommended to the %(level)s") % {"level": rec.get_level_display()},
                rec.document_no,
            )
        )
        if rec.decided_on:
            entries.append(
                HistoryEntry(
                    rec.decided_on,
                    "higher_decision",
                    _("Higher level's decision: %(status)s") % {"status": rec.get_status_display()},
                    rec.decision_document_no,
                )
            )
    for listing in Listing.objects.restrict(user, VIEW).filter(mine=mine):
        url = reverse("listing:listing_detail", args=[listing.pk])
        entries.append(
            HistoryEntry(
                listing.listed_on,
                "listed",
                _("Listed: %(level)s") % {"level": listing.get_level_display()},
                listing.document_no,
                url,
            )
        )
        if listing.removed_on:
            entries.append(
                HistoryEntry(
                    listing.removed_on,
                    "removed",
                    _("Removed from the %(level)s") % {"level": listing.get_level_display()},
                    f"{listing.removal_document_no} {listing.removal_reasons}".strip(),
                    url,
                )
            )
    entries.extend(
        HistoryEntry(
            check.checked_on,
            "spot_check",
            _("Spot check: %(result)s") % {"result": check.get_result_display()},
        )
        for check in SpotCheck.objects.restrict(user, VIEW).filter(mine=mine, checked_on__isnull=False)
    )
    entries.extend(
        HistoryEntry(
            timezone.localtime(o.created_at).date(),
            "order",
            _("Rectification order"),
            f"#{o.pk} {o.requirement} ({o.deadline}, {o.get_status_display()})",
        )
        for o in RectificationOrder.objects.restrict(user, VIEW).filter(mine=mine)
    )
    order = {"review": 0, "decision": 1, "notice": 2, "recommendation": 3, "higher_decision": 4, "listed": 5}
    return sorted(entries, key=lambda e: (e.day, order.get(e.kind, 9)))
