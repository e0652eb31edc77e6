"""The green-mine list (绿色矿山名录): review with department opinions, public notice (公示) with
objections, recommendation upward, the higher level's decision, listings and their removal.

Who sees what (the permission primitive):
- reviews, recommendations and listings: the bureau of the mine's division acts on them, departments of
  the division read them, the mine's enterprise reads its own mine's records;
- opinion requests: the bureau of the division, and the addressed department alone (which answers it);
- public notices and listings: published, anyone reads them without signing in;
- objections: the bureau of the division only. The objector's name and contact are never shown to
  anyone else; the objector follows an objection by its receipt code (see selectors.objection_by_receipt).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from greenmine.core.choices import OrganisationKind
from greenmine.core.models import BaseModel
from greenmine.core.permissions import EVERYTHING, VIEW, Scope
from greenmine.listing.choices import (
    ListingStatus,
    ListLevel,
    NoticeStatus,
    ObjectionStatus,
    OpinionAnswer,
    RecommendationStatus,
    ReviewStatus,
)

ANSWER = "answer"
DECIDE = "decide"
BUREAU_ONLY = frozenset({OrganisationKind.BUREAU})
MINE_RECORD_SCOPE = Scope(division="mine__division__code", owner="mine__enterprise_id")


def _everything() -> Q:
    return EVERYTHING


class Review(BaseModel):
    """The bureau's review (初审) of one completed third-party assessment of a mine: department opinions,
    then the decision (recommend, return, reject) with reasons and its document number (文号)."""

    mine = models.ForeignKey(
        "registry.Mine", verbose_name=_("mine"), on_delete=models.PROTECT, related_name="listing_reviews"
    )
    assessment = models.ForeignKey(
        "thirdparty.ThirdPartyAssessment",
        verbose_name=_("third-party assessment"),
        on_delete=models.PROTECT,
        related_name="listing_reviews",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    reasons = models.TextField(_("reasons for the decision"), blank=True)
    document_no = models.CharField(_("document number"), max_length=100, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notice = models.ForeignKey(
        "PublicNotice",
        verbose_name=_("public notice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
    )

    scope = MINE_RECORD_SCOPE

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.mine} 初审 #{self.pk}"

    @property
    def decided(self) -> bool:
        return self.status != ReviewStatus.OPEN


class OpinionRequest(BaseModel):
    """A request for one partner department's opinion on a review, with its deadline; the department's
    answer (agree / disagree / agree with conditions, text, an optional attachment) is final once given.
    'Overdue' is derived when read."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="opinions")
    department = models.ForeignKey(
        "core.Organisation", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("answer by"))
    question = models.TextField(_("what the opinion is asked on"), blank=True)
    answer = models.CharField(_("opinion"), max_length=12, choices=OpinionAnswer.choices, blank=True)
    answer_text = models.TextField(_("opinion text"), blank=True)
    attachment = models.ForeignKey(
        "core.EvidenceFile",
        verbose_name=_("attachment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope = Scope(
        division="review__mine__division__code",
        owner="department_id",
        owner_actions=frozenset({VIEW, ANSWER}),
        kinds_by_division=BUREAU_ONLY,
    )

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("opinion request")
        verbose_name_plural = _("opinion requests")
        constraints = [
            models.UniqueConstraint(fields=["review", "department"], name="listing_one_request_per_dept"),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.review}"

    @property
    def answered(self) -> bool:
        return bool(self.answer)

    def is_overdue(self, on: object = None) -> bool:
        today = on or timezone.localdate()
        return not self.answered and self.deadline < today  # type: ignore[operator]

    @property
    def overdue(self) -> bool:
        return self.is_overdue()


class PublicNotice(BaseModel):
    """A public notice (公示) of recommended reviews: title, document number, start date and a period in
    working days; the end date is computed with the working-day calendar. Anyone reads it; the clock
    closes it after its last day."""

    division = models.ForeignKey(
        "core.Division", verbose_name=_("administrative division"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("notice title"), max_length=200)
    document_no = models.CharField(_("document number"), max_length=100)
    body = models.TextField(_("text of the notice"), blank=True)
    starts_on = models.DateField(_("first day"))
    period_days = models.PositiveSmallIntegerField(_("period (working days)"))
    ends_on = models.DateField(_("last day"))
    status = models.CharField(
        _("status"), max_length=12, choices=NoticeStatus.choices, default=NoticeStatus.PUBLISHED
    )
    closed_at = models.DateTimeField(_("notice closed at"), null=True, blank=True)

    scope = Scope(division="division__code", published=_everything)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == NoticeStatus.PUBLISHED

    def accepts_objections(self, on: object = None) -> bool:
        today = on or timezone.localdate()
        return self.is_open and self.starts_on <= today <= self.ends_on  # type: ignore[operator]


class Objection(BaseModel):
    """An objection (异议) to a mine on a notice. The name and contact are required but never published;
    the receipt code lets the objector follow it. The bureau's answer is final once given."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.PROTECT, related_name="objections")
    review = models.ForeignKey(
        Review, verbose_name=_("mine objected to"), on_delete=models.PROTECT, related_name="objections"
    )
    name = models.CharField(_("objector's name"), max_length=100)
    contact = models.CharField(_("contact"), max_length=200)
    content = models.TextField(_("objection"))
    receipt_code = models.CharField(_("receipt code"), max_length=32, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ObjectionStatus.choices, default=ObjectionStatus.PENDING
    )
    answer = models.TextField(_("the bureau's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope = Scope(division="notice__division__code", kinds_by_division=BUREAU_ONLY)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.notice} · 异议 #{self.pk}"


class Recommendation(BaseModel):
    """The recommendation of a reviewed mine upward (to the provincial or national list) and the higher
    level's decision, both with their date and document number."""

    mine = models.ForeignKey(
        "registry.Mine", verbose_name=_("mine"), on_delete=models.PROTECT, related_name="recommendations"
    )
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="recommendations")
    level = models.CharField(_("recommended to"), max_length=12, choices=ListLevel.choices)
    recommended_on = models.DateField(_("recommended on"))
    document_no = models.CharField(_("document number"), max_length=100)
    status = models.CharField(
        _("status"), max_length=12, choices=RecommendationStatus.choices, default=RecommendationStatus.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_level = models.CharField(_("decided by"), max_length=12, choices=ListLevel.choices, blank=True)
    decision_document_no = models.CharField(_("decision document number"), max_length=100, blank=True)
    decision_notes = models.TextField(_("notes on the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope = MINE_RECORD_SCOPE

    class Meta:
        ordering = ["-recommended_on", "-pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.mine} → {self.get_level_display()}"


class Listing(BaseModel):
    """A mine on the provincial or national list: when, by which document, and, once removed, when, why
    and by which document. Anyone reads the list."""

    mine = models.ForeignKey(
        "registry.Mine", verbose_name=_("mine"), on_delete=models.PROTECT, related_name="listings"
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="listings"
    )
    level = models.CharField(_("list"), max_length=12, choices=ListLevel.choices)
    listed_on = models.DateField(_("listed on"))
    document_no = models.CharField(_("document number"), max_length=100)
    status = models.CharField(
        _("status"), max_length=12, choices=ListingStatus.choices, default=ListingStatus.ACTIVE
    )
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reasons = models.TextField(_("reasons for removal"), blank=True)
    removal_document_no = models.CharField(_("removal document number"), max_length=100, blank=True)
    removal_order = models.ForeignKey(
        "supervision.RectificationOrder",
        verbose_name=_("rectification order behind the removal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listing_removals",
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope = Scope(division="mine__division__code", owner="mine__enterprise_id", published=_everything)

    class Meta:
        ordering = ["-listed_on", "-pk"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        constraints = [
            models.UniqueConstraint(
                fields=["mine", "level"],
                condition=Q(status="active"),
                name="listing_one_active_per_mine_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mine} · {self.get_level_display()}"

    @property
    def active(self) -> bool:
        return self.status == ListingStatus.ACTIVE
