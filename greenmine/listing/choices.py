"""Code lists of the green-mine list: review, department opinions, public notice, objections,
recommendation upward and the list itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    """The bureau's review (初审) of a completed third-party assessment."""

    OPEN = "open", _("Under review")
    RECOMMENDED = "recommended", _("Recommended")
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", _("Not recommended")


class ListingDecision(models.TextChoices):
    RECOMMEND = "recommend", _("Recommend")
    RETURN = "return", _("Return")
    REJECT = "reject", _("Reject")


DECISION_STATUS = {
    ListingDecision.RECOMMEND: ReviewStatus.RECOMMENDED,
    ListingDecision.RETURN: ReviewStatus.RETURNED,
    ListingDecision.REJECT: ReviewStatus.REJECTED,
}


class OpinionAnswer(models.TextChoices):
    """A department's answer to a request for its opinion."""

    AGREE = "agree", _("Agree")
    CONDITIONAL = "conditional", _("Agree with conditions")
    DISAGREE = "disagree", _("Disagree")


class NoticeStatus(models.TextChoices):
    """A public notice (公示) is on notice until the clock closes it after its last day."""

    PUBLISHED = "published", _("On notice")
    CLOSED = "closed", _("Closed")


class ObjectionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting answer")
    ANSWERED = "answered", _("Answered")


class ListLevel(models.TextChoices):
    """The list a mine is recommended to and listed on (there are no city or county lists)."""

    PROVINCIAL = "provincial", _("Provincial list")
    NATIONAL = "national", _("National list")


class RecommendationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the higher level's decision")
    LISTED = "listed", _("Listed")
    NOT_LISTED = "not_listed", _("Not listed")


class ListingStatus(models.TextChoices):
    ACTIVE = "active", _("On the list")
    REMOVED = "removed", _("Removed from the list")
