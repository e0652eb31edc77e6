"""Navigation entries and home-page to-dos of the green-mine list."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from greenmine.core.choices import OrganisationKind
from greenmine.core.permissions import CHANGE, has_role_in
from greenmine.core.shell import NavItem, TodoItem, register_nav, register_todos
from greenmine.listing.choices import (
    ListingStatus,
    NoticeStatus,
    ObjectionStatus,
    RecommendationStatus,
    ReviewStatus,
)
from greenmine.listing.models import ANSWER, Objection, OpinionRequest, PublicNotice, Recommendation, Review
from greenmine.registry.choices import LISTED_STATUSES
from greenmine.registry.models import Mine

SECTION = gettext_lazy("Green-mine list")
GOVERNMENT = [OrganisationKind.BUREAU, OrganisationKind.DEPARTMENT]


def _government(user: Any) -> bool:
    return has_role_in(user, GOVERNMENT)


def _reads_reviews(user: Any) -> bool:
    return has_role_in(user, [*GOVERNMENT, OrganisationKind.ENTERPRISE])


def _bureau(user: Any) -> bool:
    return has_role_in(user, [OrganisationKind.BUREAU])


def _department(user: Any) -> bool:
    return has_role_in(user, [OrganisationKind.DEPARTMENT])


def _anyone(user: Any) -> bool:
    return True


register_nav(
    NavItem(
        "listing_reviews",
        gettext_lazy("Reviews"),
        "listing:review_list",
        "ti-gavel",
        _government,
        SECTION,
        600,
    ),
    NavItem(
        "listing_opinions",
        gettext_lazy("Opinion requests"),
        "listing:opinion_list",
        "ti-message",
        _department,
        SECTION,
        605,
    ),
    NavItem(
        "listing_notices",
        gettext_lazy("Public notices"),
        "listing:notice_list",
        "ti-speakerphone",
        _government,
        SECTION,
        610,
    ),
    NavItem(
        "listing_recommendations",
        gettext_lazy("Recommendations"),
        "listing:recommendation_list",
        "ti-send",
        _bureau,
        SECTION,
        615,
    ),
    NavItem(
        "listing_listings",
        gettext_lazy("Green-mine list"),
        "listing:listing_list",
        "ti-award",
        _anyone,
        SECTION,
        620,
    ),
)


@register_todos
def department_todos(user: Any) -> list[TodoItem]:
    """Departments: opinion requests waiting for their answer."""
    if not has_role_in(user, [OrganisationKind.DEPARTMENT], CHANGE):
        return []
    waiting = OpinionRequest.objects.restrict(user, ANSWER).filter(
        answer="", deadline__gte=timezone.localdate(), review__status=ReviewStatus.OPEN
    )
    count = waiting.count()
    if not count:
        return []
    return [
        TodoItem(
            _("Opinions to give"),
            reverse("listing:opinion_list"),
            _("The bureau asks for your department's opinion on a mine's review."),
            count=count,
            urgency="warning",
            icon="ti-message",
        )
    ]


@register_todos
def bureau_todos(user: Any) -> list[TodoItem]:
    """Bureaus: open reviews, objections to answer, closed notices to recommend, decisions to record."""
    if not has_role_in(user, [OrganisationKind.BUREAU], CHANGE):
        return []
    items = []
    objections = Objection.objects.restrict(user, CHANGE).filter(status=ObjectionStatus.PENDING).count()
    if objections:
        items.append(
            TodoItem(
                _("Objections to answer"),
                reverse("listing:notice_list"),
                _("Every objection on record needs the bureau's answer."),
                count=objections,
                urgency="danger",
                icon="ti-message-report",
            )
        )
    reviews = Review.objects.restrict(user, CHANGE).filter(status=ReviewStatus.OPEN).count()
    if reviews:
        items.append(
            TodoItem(
                _("Reviews to decide"),
                reverse("listing:review_list") + "?status=open",
                _("Recommend, return or reject once the departments have answered."),
                count=reviews,
                icon="ti-gavel",
            )
        )
    ready = (
        Review.objects.restrict(user, CHANGE)
        .filter(
            status=ReviewStatus.RECOMMENDED, notice__status=NoticeStatus.CLOSED, recommendations__isnull=True
        )
        .count()
    )
    if ready:
        items.append(
            TodoItem(
                _("Mines to recommend upward"),
                reverse("listing:review_list") + "?status=recommended",
                _("Their notice has closed: recommend them to the provincial or national list."),
                count=ready,
                icon="ti-send",
            )
        )
    pending = (
        Recommendation.objects.restrict(user, CHANGE).filter(status=RecommendationStatus.PENDING).count()
    )
    if pending:
        items.append(
            TodoItem(
                _("Higher-level decisions to record"),
                reverse("listing:recommendation_list"),
                _("Record the list decision once the higher level has announced it."),
                count=pending,
                icon="ti-award",
            )
        )
    unrecorded = (
        Mine.objects.restrict(user, CHANGE)
        .filter(green_status__in=LISTED_STATUSES)
        .exclude(listings__status=ListingStatus.ACTIVE)
        .count()
    )
    if unrecorded:
        items.append(
            TodoItem(
                _("Listed mines without their listing on record"),
                reverse("listing:listing_record_existing"),
                _("Enter the list, date and document number of each, so they are managed like the others."),
                count=unrecorded,
                icon="ti-list-check",
            )
        )
    on_notice = PublicNotice.objects.restrict(user, CHANGE).filter(status=NoticeStatus.PUBLISHED).count()
    if on_notice:
        items.append(
            TodoItem(
                _("Notices running"),
                reverse("listing:notice_list"),
                _("They close by themselves after their last day."),
                count=on_notice,
                icon="ti-speakerphone",
            )
        )
    return items
